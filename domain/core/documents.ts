import crypto from 'node:crypto';
import type { DocumentStorage } from '../../integrations/storage/storage.port';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
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

/** Stores a file on an account (contract, quote, technical annex…); it appears on the account's timeline. */
export async function uploadDocument(ctx: RequestContext, storage: DocumentStorage, accountId: string, file: UploadedFile | undefined) {
  if (!file) throw new ValidationError([{ field: 'file', message: coreMessage('field.file-required') }]);
  const filename = file.originalname.normalize('NFC').replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 255);
  if (!filename.trim()) throw new ValidationError([{ field: 'file', message: coreMessage('field.file-name') }]);
  const account = await loadFor(ctx, accounts, accountId, 'read');
  if (!canOn(ctx.ability, 'create', 'Document', factsOf(account))) {
    throw new ForbiddenError(coreMessage('documents.forbidden-create'));
  }
  const id = crypto.randomUUID();
  const storageKey = `${ctx.principal.tenantId}/${id}`;
  const sha256 = crypto.createHash('sha256').update(file.buffer).digest('hex');
  await storage.put(storageKey, file.buffer);
  const [row] = await ctx.trx('documents').insert({
    id, tenantId: ctx.principal.tenantId, accountId, filename, mimeType: file.mimetype.slice(0, 200) || 'application/octet-stream',
    sizeBytes: file.buffer.length, sha256, storageKey, createdBy: ctx.principal.userId,
  }).returning('*');
  await appendHistory(ctx.trx, ctx.principal.tenantId, {
    recordType: 'account', recordId: accountId, action: 'upload', actorUserId: ctx.principal.userId, requestId: ctx.requestId,
    changes: { document: { before: null, after: filename } },
  });
  return present(row);
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
  return { meta: present(row), content: await storage.get(row.storageKey) };
}
