import crypto from 'node:crypto';
import type { DocumentStorage } from '../../integrations/storage/storage.port';
import { storeDocument, type UploadedFile } from '../core/documents';
import { appendHistoryAs, isUuid, type RequestContext } from '../core/record-service';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '../errors';
import { captureCipher, type CaptureCipher } from './capture-cipher';
import { checkMissionSite, missionForCapture } from './capture-access';
import { MAX_UPLOAD_BYTES, type UploadFields } from './capture.schema';
import { captureMessage as m } from './capture.messages';
import { sniffUploadType } from './upload-sniff';

/**
 * Photos and documents uploaded from the tablet (ADR 0035): the one write path of `audit_uploads`.
 * The file is a core document (its row in `documents`, its bytes through the storage port, so the
 * backups and the second site's replication carry it), stored sealed under the tenant's key and on
 * no account's timeline: only this module serves it, to those who may read the mission.
 */
type Row = Record<string, unknown>;
const NAMES = { fr: 'fichier', en: 'upload' };
const contentContext = (id: string) => `audit_uploads/content/${id}`;

function present(row: Row): Row {
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
  return {
    id: row.id, missionId: row.missionId, siteId: row.siteId, caption: row.caption ?? null, contentType: row.contentType, sizeBytes: Number(row.sizeBytes),
    version: row.version, createdBy: row.createdBy ?? null, createdAt: iso(row.createdAt), updatedAt: iso(row.updatedAt), masked: false,
  };
}

export async function listUploads(ctx: RequestContext, missionId: string): Promise<Row[]> {
  await missionForCapture(ctx, missionId, 'read');
  const rows = await ctx.trx('auditUploads').where({ missionId }).orderBy([{ column: 'createdAt' }, { column: 'id' }]) as Row[];
  return rows.map(present);
}

/** Stores a photo or PDF under the id its client generated: again with the same file and fields answers the row (`created: false`), other content 409. */
export async function createUpload(ctx: RequestContext, storage: DocumentStorage, missionId: string, fields: UploadFields, file: UploadedFile | undefined, mode: 'write' | 'demo' = 'write'): Promise<{ created: boolean; upload: Row }> {
  await missionForCapture(ctx, missionId, mode === 'demo' ? 'read' : 'write');
  if (!file || !file.buffer.length) throw new ValidationError([{ field: 'file', message: m('audits.capture.file-required') }]);
  if (file.buffer.length > MAX_UPLOAD_BYTES) throw new DomainError(m('audits.capture.file-too-large', { megabytes: MAX_UPLOAD_BYTES / 1024 / 1024 }), 413, 'too-large');
  const contentType = sniffUploadType(file.buffer);
  if (!contentType) throw new DomainError(m('audits.capture.file-type'), 415, 'unsupported-media-type');
  const cipher = await captureCipher(ctx.trx, ctx.principal.tenantId);
  const sha256 = crypto.createHash('sha256').update(file.buffer).digest('hex');
  const digest = cipher.digest({ kind: 'uploads', missionId, fields, sha256 });
  const existing = await ctx.trx('auditUploads').where({ id: fields.id }).first() as Row | undefined;
  if (existing) {
    if (existing.missionId !== missionId || existing.createDigest !== digest) throw new ConflictError(m('audits.capture.id-taken', { what: 'uploads' }));
    return { created: false, upload: present(existing) };
  }
  await checkMissionSite(ctx.trx, missionId, fields.siteId);
  const sealed = Buffer.from(cipher.seal(file.buffer.toString('base64'), contentContext(fields.id))!, 'utf8');
  const document = await storeDocument(ctx.trx, storage, {
    tenantId: ctx.principal.tenantId, accountId: null, filename: `audit-upload-${fields.id}`, mimeType: 'application/octet-stream',
    content: sealed, createdBy: ctx.principal.userId, requestId: ctx.requestId,
  });
  const [row] = await ctx.trx('auditUploads').insert({
    tenantId: ctx.principal.tenantId, id: fields.id, missionId, siteId: fields.siteId, documentId: document.id, caption: fields.caption ?? null,
    contentType, sizeBytes: file.buffer.length, createDigest: digest, createdBy: ctx.principal.userId,
  }).returning('*') as Row[];
  await appendHistoryAs(ctx, { recordType: 'audit-upload', recordId: fields.id, action: 'upload', changes: { contentType: { before: null, after: contentType }, sizeBytes: { before: null, after: file.buffer.length } } });
  return { created: true, upload: present(row!) };
}

async function loadUpload(ctx: RequestContext, missionId: string, uploadId: string): Promise<Row> {
  const row = isUuid(uploadId) ? await ctx.trx('auditUploads').where({ missionId, id: uploadId }).first() as Row | undefined : undefined;
  if (!row) throw new NotFoundError(NAMES);
  return row;
}

/** The file's bytes, opened, with its sniffed type. */
export async function readUpload(ctx: RequestContext, storage: DocumentStorage, missionId: string, uploadId: string, cipher?: CaptureCipher): Promise<{ upload: Row; content: Buffer }> {
  await missionForCapture(ctx, missionId, 'read');
  const row = await loadUpload(ctx, missionId, uploadId);
  const document = await ctx.trx('documents').where({ id: row.documentId }).first('storageKey');
  const sealed = await storage.get(String(document.storageKey));
  const box = cipher ?? await captureCipher(ctx.trx, ctx.principal.tenantId);
  return { upload: present(row), content: Buffer.from(box.open(sealed.toString('utf8'), contentContext(uploadId))!, 'base64') };
}

/** Deletes an upload and its document; answers the storage key whose file to remove once the transaction committed. */
export async function deleteUpload(ctx: RequestContext, missionId: string, uploadId: string): Promise<string> {
  await missionForCapture(ctx, missionId, 'write');
  const row = await loadUpload(ctx, missionId, uploadId);
  await ctx.trx('auditUploads').where({ missionId, id: uploadId }).delete();
  const [document] = await ctx.trx('documents').where({ id: row.documentId }).delete().returning('storageKey') as Row[];
  await appendHistoryAs(ctx, { recordType: 'audit-upload', recordId: uploadId, action: 'delete', changes: {} });
  return String(document?.storageKey ?? '');
}
