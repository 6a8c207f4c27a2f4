import path from 'node:path';
import { Router } from 'express';
import { CAPTURE_SPECS } from '../../domain/audits/capture-kinds';
import { createCaptured, deleteCaptured, listCaptured, readCaptured, updateCaptured } from '../../domain/audits/capture-records';
import { createUpload, deleteUpload, listUploads, readUpload } from '../../domain/audits/capture-uploads';
import {
  CAPTURE_KINDS, findingCreate, findingUpdate, inventoryCreate, inventoryUpdate, MAX_UPLOAD_BYTES, observationCreate, observationUpdate, uploadFields, type CaptureKind,
} from '../../domain/audits/capture.schema';
import { localDiskStorage } from '../../integrations/storage/local-disk.storage';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { etagOf, expectedVersion } from '../http/if-match';
import { singleFileUpload } from '../http/upload';
import { validate } from '../http/validate';

const SCHEMAS = {
  inventory: { create: inventoryCreate, update: inventoryUpdate },
  observations: { create: observationCreate, update: observationUpdate },
  findings: { create: findingCreate, update: findingUpdate },
} as const;

/**
 * `/api/v1/audits/missions/{missionId}/{inventory|observations|findings|uploads}` (issue 16, ADR 0035):
 * what the auditor captures on site, for the offline tablet client. POST is idempotent on the
 * client's `id` (201 written, 200 the same again, 409 another content under that id); PATCH needs
 * If-Match (412 carries the current row); lists mask the sealed fields, a detail opens them.
 */
export function captureRouter(deps: ApiDeps): Router {
  const router = Router();
  const storage = localDiskStorage(path.resolve(deps.dataDir, 'documents'));
  const missionId = (params: Record<string, unknown>) => String(params.missionId);

  for (const kind of CAPTURE_KINDS as readonly CaptureKind[]) {
    const spec = CAPTURE_SPECS[kind];
    const schemas = SCHEMAS[kind];
    router.get(`/:missionId/${kind}`, inTenant(deps, async (req, ctx) => ({
      body: { items: await listCaptured(ctx, spec, missionId(req.params)) }, headers: { 'Cache-Control': 'no-store' },
    })));
    router.post(`/:missionId/${kind}`, inTenant(deps, async (req, ctx) => {
      const { created, item } = await createCaptured(ctx, spec, missionId(req.params), validate(schemas.create, req.body));
      return { status: created ? 201 : 200, body: item, headers: { ETag: etagOf(item.version), Location: `${req.baseUrl}/${missionId(req.params)}/${kind}/${String(item.id)}` } };
    }));
    router.get(`/:missionId/${kind}/:itemId`, inTenant(deps, async (req, ctx) => {
      const item = await readCaptured(ctx, spec, missionId(req.params), String(req.params.itemId));
      return { body: item, headers: { ETag: etagOf(item.version), 'Cache-Control': 'no-store' } };
    }));
    router.patch(`/:missionId/${kind}/:itemId`, inTenant(deps, async (req, ctx) => {
      const version = expectedVersion(req, true);
      const item = await updateCaptured(ctx, spec, missionId(req.params), String(req.params.itemId), version, validate(schemas.update, req.body));
      return { body: item, headers: { ETag: etagOf(item.version) } };
    }));
    router.delete(`/:missionId/${kind}/:itemId`, inTenant(deps, async (req, ctx) => {
      await deleteCaptured(ctx, spec, missionId(req.params), String(req.params.itemId), expectedVersion(req, false));
      return { status: 204 };
    }));
  }

  const upload = singleFileUpload({ maxBytes: MAX_UPLOAD_BYTES, kind: 'file', fields: 3 });
  router.get('/:missionId/uploads', inTenant(deps, async (req, ctx) => ({ body: { items: await listUploads(ctx, missionId(req.params)) }, headers: { 'Cache-Control': 'no-store' } })));
  router.post('/:missionId/uploads', upload, inTenant(deps, async (req, ctx) => {
    const fields = validate(uploadFields, { ...req.body as Record<string, unknown> });
    const { created, upload: row } = await createUpload(ctx, storage, missionId(req.params), fields, req.file);
    return { status: created ? 201 : 200, body: row, headers: { Location: `${req.baseUrl}/${missionId(req.params)}/uploads/${String(row.id)}` } };
  }));
  router.get('/:missionId/uploads/:uploadId', inTenant(deps, async (req, ctx) => {
    const { upload: row, content } = await readUpload(ctx, storage, missionId(req.params), String(req.params.uploadId));
    const extension = row.contentType === 'application/pdf' ? 'pdf' : String(row.contentType).split('/')[1];
    return {
      raw: content,
      headers: {
        'Content-Type': String(row.contentType), 'Content-Disposition': `inline; filename="${String(row.id)}.${extension}"`,
        'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'private, no-store', 'Content-Security-Policy': "default-src 'none'; img-src 'self'; sandbox",
      },
    };
  }));
  router.delete('/:missionId/uploads/:uploadId', inTenant(deps, async (req, ctx) => {
    const storageKey = await deleteUpload(ctx, missionId(req.params), String(req.params.uploadId));
    return { status: 204, afterCommit: async () => { if (storageKey) await storage.remove(storageKey); } };
  }));
  return router;
}
