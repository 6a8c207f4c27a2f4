import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { DocumentStorage } from '../../integrations/storage/storage.port';
import { DomainError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { canOn } from '../identity/ability';
import { appendHistory } from './history';
import { factsOf, isUuid, loadFor, type RequestContext } from './record-service';
import { accounts } from './resources';
import { coreMessage } from '../i18n/core.messages';

export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

export interface UploadedFile {
  originalname: string;
  mimetype: string;
  buffer: Buffer;
}

const COLUMNS = ['id', 'accountId', 'filename', 'mimeType', 'sizeBytes', 'sha256', 'createdBy', 'createdAt'] as const;
function present(row: Record<string, unknown>) {
  return Object.fromEntries(COLUMNS.map((c) => [c, row[c] instanceof Date ? (row[c] as Date).toISOString() : row[c]]));
}

/** A file's name as kept: NFC, no path separators or control characters, at most 255 characters (may be blank). */
export function documentFilename(name: string): string {
  return name.normalize('NFC').replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 255);
}

export interface StoredDocumentInput {
  tenantId: string;
  /** The account it is filed on; null for a file another record owns and serves itself (an audit's upload), on no timeline. */
  accountId: string | null;
  filename: string;
  mimeType: string;
  content: Buffer;
  /** The person who added it; null for the platform (an inbound mail's attachment). */
  createdBy: string | null;
  requestId?: string | null;
}

/**
 * Writes a file on an account, its bytes through the storage port and its row in `documents`, and
 * puts it on the account's timeline: the one way a document is stored (uploads, mail attachments).
 * The caller has checked who may. Answers the stored document as the API shows it.
 */
export async function storeDocument(trx: Knex.Transaction, storage: DocumentStorage, input: StoredDocumentInput) {
  const id = crypto.randomUUID();
  const storageKey = `${input.tenantId}/${id}`;
  const sha256 = crypto.createHash('sha256').update(input.content).digest('hex');
  await storage.put(storageKey, input.content);
  const [row] = await trx('documents').insert({
    id, tenantId: input.tenantId, accountId: input.accountId, filename: input.filename, mimeType: input.mimeType.slice(0, 200) || 'application/octet-stream',
    sizeBytes: input.content.length, sha256, storageKey, createdBy: input.createdBy,
  }).returning('*');
  if (input.accountId) await appendHistory(trx, input.tenantId, {
    recordType: 'account', recordId: input.accountId, action: 'upload', actorUserId: input.createdBy, requestId: input.requestId ?? null,
    changes: { document: { before: null, after: input.filename } },
  });
  return present(row);
}

/** Stores a file on an account (contract, quote, technical annex…); it appears on the account's timeline. */
export async function uploadDocument(ctx: RequestContext, storage: DocumentStorage, accountId: string, file: UploadedFile | undefined) {
  if (!file) throw new ValidationError([{ field: 'file', message: coreMessage('field.file-required') }]);
  const filename = documentFilename(file.originalname);
  if (!filename.trim()) throw new ValidationError([{ field: 'file', message: coreMessage('field.file-name') }]);
  const account = await loadFor(ctx, accounts, accountId, 'read');
  if (!canOn(ctx.ability, 'create', 'Document', factsOf(account))) {
    throw new ForbiddenError(coreMessage('documents.forbidden-create'));
  }
  return storeDocument(ctx.trx, storage, {
    tenantId: ctx.principal.tenantId, accountId, filename, mimeType: file.mimetype, content: file.buffer, createdBy: ctx.principal.userId, requestId: ctx.requestId,
  });
}

export async function listDocuments(ctx: RequestContext, accountId: string) {
  const account = await loadFor(ctx, accounts, accountId, 'read');
  if (!canOn(ctx.ability, 'read', 'Document', factsOf(account))) throw new ForbiddenError(coreMessage('documents.forbidden-read'));
  const rows = await ctx.trx('documents').where({ accountId }).orderBy('createdAt', 'desc');
  return rows.map(present);
}

export async function readDocument(ctx: RequestContext, storage: DocumentStorage, id: string) {
  const row = isUuid(id) ? await ctx.trx('documents').where({ id }).first() : undefined;
  if (!row) throw new NotFoundError({ fr: 'document', en: 'document' });
  const account = await loadFor(ctx, accounts, row.accountId, 'read');
  if (!canOn(ctx.ability, 'read', 'Document', factsOf(account))) throw new NotFoundError({ fr: 'document', en: 'document' });
  // The row without its file: on the second site, a row replicated before the minute's copy of the documents (ADR 0031).
  const content = await storage.get(row.storageKey).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new DomainError(coreMessage('documents.file-missing'), 503, 'document-file-missing');
    throw error;
  });
  return { meta: present(row), content };
}
