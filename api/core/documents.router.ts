import path from 'node:path';
import { Router } from 'express';
import { listDocuments, MAX_DOCUMENT_BYTES, readDocument, uploadDocument } from '../../domain/core/documents';
import { localDiskStorage } from '../../integrations/storage/local-disk.storage';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { singleFileUpload } from '../http/upload';

/** Documents attached to accounts: POST/GET /accounts/:id/documents, GET /documents/:id/content. */
export function documentsRouter(deps: ApiDeps): Router {
  const router = Router();
  const storage = localDiskStorage(path.resolve(deps.dataDir, 'documents'));
  const upload = singleFileUpload({ maxBytes: MAX_DOCUMENT_BYTES, kind: 'file' });

  router.post('/accounts/:id/documents', upload, inTenant(deps, async (req, ctx) => ({
    status: 201, body: await uploadDocument(ctx, storage, String(req.params.id), req.file),
  })));
  router.get('/accounts/:id/documents', inTenant(deps, async (req, ctx) => ({ body: { items: await listDocuments(ctx, String(req.params.id)) } })));
  router.get('/documents/:id/content', inTenant(deps, async (req, ctx) => {
    const { meta, content } = await readDocument(ctx, storage, String(req.params.id));
    return {
      raw: content,
      headers: {
        'Content-Type': String(meta.mimeType),
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(String(meta.filename))}`,
        'X-Content-Type-Options': 'nosniff',
      },
    };
  }));
  return router;
}
