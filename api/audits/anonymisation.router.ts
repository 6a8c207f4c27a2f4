import { Router } from 'express';
import { withTenant } from '../../db/tenant-scope';
import { z } from 'zod';
import { anonymisationStandingOf, missionStatisticsList } from '../../domain/audits/anonymisation-reads';
import { postponeInput } from '../../domain/audits/anonymisation.schema';
import { anonymisationMessage as m } from '../../domain/audits/anonymisation.messages';
import { deliveryByToken, noteDownload } from '../../domain/audits/delivery';
import { ANONYMISATION_POSTPONED, AUDIT_TO_ANONYMISE, missionProcessVariables, postponeAnonymisation, tellMissionProcess } from '../../domain/audits/mission-process';
import { auditMissions } from '../../domain/audits/missions';
import { reportPdf } from '../../domain/audits/report/report-print';
import { processContext } from '../../domain/core/process-context';
import { loadFor } from '../../domain/core/record-service';
import { ConflictError, DomainError, UnprocessableError } from '../../domain/errors';
import { getPlan } from '../../domain/process/definitions-service';
import { requireDeployedPlan, requireInstancePermission } from '../../domain/process/instances-service';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { idempotent } from '../http/idempotency';
import { validate } from '../http/validate';
import { startInstance } from '../process/start-requests';

/**
 * The process area's endpoints (issue 16, docs/adr/0039-audit-anonymisation.md):
 * `POST /audits/missions/{id}/start` (the mission's `audits.audit-to-anonymise`), `GET …/anonymisation`,
 * `POST …/anonymisation/postpone` (once, with a reason; the instance told after the commit) and
 * `GET /audits/statistics` (the anonymised history).
 */
export function anonymisationRouter(deps: ApiDeps): Router {
  const router = Router();
  router.post('/missions/:id/start', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    validate(z.object({}).strict(), req.body ?? {});
    const mission = await loadFor(ctx, auditMissions, String(req.params.id), 'update');
    requireInstancePermission(ctx, 'create');
    if (mission.status === 'anonymised') throw new ConflictError(m('audits.postpone.anonymised'));
    if (!await getPlan(ctx.trx, AUDIT_TO_ANONYMISE)) throw new UnprocessableError(m('audits.process.not-installed'));
    const plan = await requireDeployedPlan(ctx, AUDIT_TO_ANONYMISE);
    const missionId = String(mission.id);
    const already = () => new ConflictError(m('audits.process.already-running', { number: Number(mission.number) }));
    if (await ctx.trx('processInstances').where({ processKey: AUDIT_TO_ANONYMISE, businessKey: missionId }).whereIn('status', ['running', 'incident']).first('id')) throw already();
    let row: { id: string; workflowId: string };
    try {
      row = await startInstance(deps, ctx, plan, missionId, missionProcessVariables(missionId));
    } catch (error) {
      if (error instanceof ConflictError) throw already();
      if (error instanceof DomainError) throw error;
      throw new DomainError(m('audits.process.engine-unavailable'), 503, 'engine-unavailable');
    }
    return { status: 201, body: { id: row.id, workflowId: row.workflowId, processKey: AUDIT_TO_ANONYMISE, businessKey: missionId, status: 'running' } };
  })));

  router.get('/missions/:id/anonymisation', inTenant(deps, async (req, ctx) => ({ body: await anonymisationStandingOf(ctx, String(req.params.id)) })));

  router.post('/missions/:id/anonymisation/postpone', inTenant(deps, async (req, ctx) => {
    const input = validate(postponeInput, req.body ?? {});
    const done = await postponeAnonymisation(ctx, String(req.params.id), input, new Date());
    const tenantId = ctx.principal.tenantId;
    return {
      body: done,
      afterCommit: async () => {
        await withTenant({ tenantId }, (trx) => tellMissionProcess(trx, deps.temporal, tenantId, done.missionId, ANONYMISATION_POSTPONED), deps.knex);
      },
    };
  }));

  router.get('/statistics', inTenant(deps, async (_req, ctx) => ({ body: await missionStatisticsList(ctx) })));
  return router;
}

/**
 * `GET /api/v1/audits/deliveries/{token}`: the client's download, without an account (the token is the
 * credential): the report's PDF while the link is valid, 410 once it expired, 404 for an unknown token.
 */
export function deliveryDownloadRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/:token', async (req, res, next) => {
    try {
      const now = new Date();
      const link = await deliveryByToken(deps.knex, String(req.params.token), now);
      const pdf = await withTenant({ tenantId: link.tenantId }, async (trx) => {
        // The client reads the report as the firm's administration would: the delivered version, nothing else.
        const base = processContext(trx, link.tenantId, `delivery:${link.missionId}`, ['audits.mission.read', 'core.account.read']);
        const ctx = { ...base, principal: { ...base.principal, roles: ['administration'] } };
        const file = await reportPdf(ctx, link.missionId);
        await noteDownload(trx, link.missionId, now);
        return file;
      }, deps.knex);
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Disposition', `attachment; filename="${pdf.fileName}"`);
      res.type('application/pdf').send(pdf.bytes);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
