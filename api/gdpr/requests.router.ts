import path from 'node:path';
import { Router } from 'express';
import { z } from 'zod';
import type { RequestContext } from '../../domain/core/record-service';
import { startRequestedProcess, notifyProcess } from '../../domain/process/requested-start';
import {
  RIGHTS_REQUEST_PROCESS, REQUEST_CLOSED_MESSAGE, REQUEST_VERIFIED_MESSAGE, answerRequest, createRequest, extendRequest, listRequests, readExport, readRequest, verifyRequest,
} from '../../domain/gdpr/requests';
import { answerInput, extendInput, requestInput, requestListQuery, subjectSearchQuery, verifyInput } from '../../domain/gdpr/requests.schema';
import { restoreFiles, undoErasure } from '../../domain/gdpr/erasure';
import { exportArchive } from '../../domain/gdpr/subject-export';
import { localDiskStorage } from '../../integrations/storage/local-disk.storage';
import { searchSubjects } from '../../domain/gdpr/subject-search';
import { fieldIssue } from '../../domain/i18n/zod-issues';
import { inTenant, type Reply } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { etagOf } from '../http/if-match';
import { requestLocale } from '../http/locale';
import { validate } from '../http/validate';

const requestPath = z.object({ id: z.string().uuid(fieldIssue('field.uuid')) });

/**
 * `/api/v1/gdpr/requests…` (issue 15, docs/adr/0023-rights-requests.md): the register of rights requests —
 * recorded by the data protection officer or filed by a signed-in person about themselves (« Mes données »:
 * `{ "kind": "access", "subject": { "kind": "user", "id": <their id> } }`), verified, extended once, answered;
 * the export of an access or portability request; the subject picker. Each change starts or tells the
 * request's process once its transaction committed.
 */
export function requestsRouter(deps: ApiDeps): Router {
  const router = Router();
  const now = () => new Date();
  const tell = (ctx: RequestContext, id: string, name: string) => {
    const tenantId = ctx.principal.tenantId;
    return async () => { await notifyProcess(deps.knex, deps.temporal, tenantId, name, id); };
  };

  router.get('/subjects', inTenant(deps, async (req, ctx) => {
    const query = validate(subjectSearchQuery, req.query, 'query');
    return { body: await searchSubjects(ctx, query.kind, query.q, requestLocale(req)) };
  }));
  router.get('/requests', inTenant(deps, async (req, ctx) => {
    const { status } = validate(requestListQuery, req.query, 'query');
    return { body: { items: await listRequests(ctx, status, requestLocale(req), now()) } };
  }));
  router.post('/requests', inTenant(deps, async (req, ctx) => {
    const created = await createRequest(ctx, validate(requestInput, req.body), now(), requestLocale(req));
    const tenantId = ctx.principal.tenantId;
    return {
      status: 201, body: created, headers: { ETag: etagOf(created.version), Location: `${req.baseUrl}/requests/${created.id}` },
      afterCommit: async () => { await startRequestedProcess(deps.knex, await deps.temporal(), deps.taskQueue, tenantId, RIGHTS_REQUEST_PROCESS, created.id); },
    };
  }));
  router.get('/requests/:id', inTenant(deps, async (req, ctx) => {
    const found = await readRequest(ctx, validate(requestPath, req.params, 'path').id, requestLocale(req), now());
    return { body: found, headers: { ETag: etagOf(found.version) } };
  }));
  router.post('/requests/:id/verify', inTenant(deps, async (req, ctx) => {
    const { id } = validate(requestPath, req.params, 'path');
    const saved = await verifyRequest(ctx, id, validate(verifyInput, req.body).method, requestLocale(req), now());
    return { body: saved, headers: { ETag: etagOf(saved.version) }, afterCommit: tell(ctx, id, REQUEST_VERIFIED_MESSAGE) };
  }));
  router.post('/requests/:id/extend', inTenant(deps, async (req, ctx) => {
    const { id } = validate(requestPath, req.params, 'path');
    const saved = await extendRequest(ctx, id, validate(extendInput, req.body).reason, requestLocale(req), now());
    return { body: saved, headers: { ETag: etagOf(saved.version) } };
  }));
  router.post('/requests/:id/answer', inTenant(deps, async (req, ctx) => {
    const { id } = validate(requestPath, req.params, 'path');
    const saved = await answerRequest(ctx, id, validate(answerInput, req.body), requestLocale(req), now());
    return { body: saved, headers: { ETag: etagOf(saved.version) }, afterCommit: tell(ctx, id, REQUEST_CLOSED_MESSAGE) };
  }));
  // The data protection officer undoes an erasure within its window (docs/adr/0027-erasure.md): the values come back, then the files.
  router.post('/requests/:id/erasure/undo', inTenant(deps, async (req, ctx) => {
    const { id } = validate(requestPath, req.params, 'path');
    const { files } = await undoErasure(ctx, id, now());
    const saved = await readRequest(ctx, id, requestLocale(req), now());
    const storage = localDiskStorage(path.resolve(deps.dataDir, 'documents'));
    return { body: saved, headers: { ETag: etagOf(saved.version) }, afterCommit: () => restoreFiles(storage, files) };
  }));
  router.get('/requests/:id/export', inTenant(deps, async (req, ctx): Promise<Reply> => {
    const { id } = validate(requestPath, req.params, 'path');
    const gathered = await readExport(ctx, id, now());
    const json = req.query.format === 'json' || (req.query.format !== 'zip' && req.accepts(['application/zip', 'application/json']) === 'application/json');
    if (json) return { body: gathered, headers: { 'Cache-Control': 'no-store' } };
    return {
      raw: await exportArchive(gathered),
      headers: {
        'Content-Type': 'application/zip', 'Cache-Control': 'no-store',
        'Content-Disposition': `attachment; filename="donnees-personnelles-demande-${gathered.request.number}.zip"`,
      },
    };
  }));
  return router;
}
