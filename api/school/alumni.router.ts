import { Router } from 'express';
import { MODULE_JOB_WORKFLOW } from '../../workflows/core/module-job.contract';
import { ALUMNI_SYNC_JOB } from '../../workflows/school/alumni-sync.contract';
import { alumniNetworkOf } from '../../activities/school/alumni-sync.activities';
import { defaultSecretBox } from '../../domain/core/secret-box';
import { ConflictError, UnprocessableError } from '../../domain/errors';
import { recordCareer } from '../../domain/school/alumni-careers';
import { requireConnectionRead, requireConnectionUpdate, requireSyncStart } from '../../domain/school/alumni-access';
import { searchAlumni, studentCareers } from '../../domain/school/alumni-search';
import { recentRuns, runError } from '../../domain/school/alumni-sync-runs';
import { alumniMessage as m } from '../../domain/school/alumni.messages';
import { alumniQuery, alumnetConnectionPut, careerCreate, type ConnectionTestView } from '../../domain/school/alumni.schema';
import { connectionView, noteConnectionTest, openAlumnetConnection, saveAlumnetConnection } from '../../domain/school/alumnet-connection';
import { isAlumniNetworkError } from '../../integrations/alumni-network/alumni-network.port';
import { inTenant, inTenantAroundVendor } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { etagOf, expectedVersion } from '../http/if-match';
import { validate } from '../http/validate';

/**
 * `/api/v1/school/alumni…` and `/api/v1/school/alumnet/…` (ADR 0051): the student office's alumni search and a
 * student's careers; the IT office's Alumnet connection (the key write-only), its test, its runs, a sync started now.
 */
export function alumniRouter(deps: ApiDeps): Router {
  const router = Router();
  const box = () => defaultSecretBox();

  router.get('/alumni', inTenant(deps, async (req, ctx) => ({ body: await searchAlumni(ctx, validate(alumniQuery, req.query, 'query')), headers: { 'Cache-Control': 'no-store' } })));
  router.get('/alumni/students/:id/careers', inTenant(deps, async (req, ctx) => ({ body: await studentCareers(ctx, String(req.params.id)), headers: { 'Cache-Control': 'no-store' } })));

  router.post('/alumni/students/:id/careers', inTenant(deps, async (req, ctx) => ({ status: 201, body: await recordCareer(ctx, String(req.params.id), validate(careerCreate, req.body)) })));

  router.get('/alumnet/connection', inTenant(deps, async (_req, ctx) => {
    requireConnectionRead(ctx);
    const view = await connectionView(ctx.trx, await recentRuns(ctx.trx));
    return { body: view, headers: { ETag: etagOf(view.version), 'Cache-Control': 'no-store' } };
  }));
  router.put('/alumnet/connection', inTenant(deps, async (req, ctx) => {
    requireConnectionUpdate(ctx);
    const input = validate(alumnetConnectionPut, req.body);
    const version = expectedVersion(req, false);
    await saveAlumnetConnection(ctx.trx, ctx.principal.tenantId, ctx.principal.userId, input, box(), typeof version === 'number' ? version : undefined);
    const view = await connectionView(ctx.trx, await recentRuns(ctx.trx));
    return { body: view, headers: { ETag: etagOf(view.version) } };
  }));
  router.get('/alumnet/runs', inTenant(deps, async (_req, ctx) => {
    requireConnectionRead(ctx);
    return { body: { items: await recentRuns(ctx.trx, 50) }, headers: { 'Cache-Control': 'no-store' } };
  }));

  // The test asks the network with no transaction held; what it answered is noted after.
  router.post('/alumnet/connection/test', inTenantAroundVendor(deps,
    async (_req, ctx) => {
      requireConnectionUpdate(ctx);
      const connection = await openAlumnetConnection(ctx.trx, ctx.principal.tenantId, box());
      if (!connection) throw new UnprocessableError(m('school.alumni.not-configured'));
      return connection;
    },
    async (connection, tenantId): Promise<ConnectionTestView> => {
      try {
        const { organisation } = await alumniNetworkOf(deps.knex, tenantId, connection, async () => undefined).whoAmI();
        return { ok: true, organisation, error: null };
      } catch (error) {
        const code = isAlumniNetworkError(error) ? error.code : 'internal';
        return { ok: false, organisation: null, error: { code, ...runError(code)! } };
      }
    },
    async (_req, ctx, _connection, answer) => {
      await noteConnectionTest(ctx.trx, answer.ok);
      return { body: answer };
    }));

  router.post('/alumnet/sync', inTenant(deps, async (_req, ctx) => {
    requireSyncStart(ctx);
    const connection = await ctx.trx('schoolAlumnetConnections').first('enabled');
    if (!connection) throw new UnprocessableError(m('school.alumni.not-configured'));
    if (!connection.enabled) throw new UnprocessableError(m('school.alumni.disabled'));
    if (await ctx.trx('schoolAlumniSyncRuns').where({ status: 'running' }).where('startedAt', '>', ctx.trx.raw("now() - interval '1 hour'")).first('id')) {
      throw new ConflictError(m('school.alumni.sync-running'));
    }
    const tenantId = ctx.principal.tenantId;
    const workflowId = `${tenantId}/school-alumni-sync/manual-${Date.now()}`;
    const client = await deps.temporal();
    // Ids only in the workflow's input (its history is not a place for anyone's data).
    await client.workflow.start(MODULE_JOB_WORKFLOW, {
      workflowId, taskQueue: deps.taskQueue,
      args: [{ ...ALUMNI_SYNC_JOB, listInput: { tenantIds: [tenantId], trigger: 'manual', startedBy: ctx.principal.userId } }],
    });
    return { status: 202, body: { workflowId } };
  }));

  return router;
}
