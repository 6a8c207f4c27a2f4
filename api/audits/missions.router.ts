import { Router } from 'express';
import { changeMissionStatus } from '../../domain/audits/mission-status';
import { missionAvailability, planMission } from '../../domain/audits/mission-planning';
import { missionsDashboardOf } from '../../domain/audits/missions-dashboard';
import { listMissionSites, removeMissionSite, setMissionSite } from '../../domain/audits/mission-sites';
import { missionSiteInput, missionStatusChange } from '../../domain/audits/mission.schema';
import { auditMissions } from '../../domain/audits/missions';
import { recordRouter } from '../core/record.router';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { etagOf } from '../http/if-match';
import { validate } from '../http/validate';

/**
 * `/api/v1/audits/missions`: the missions on the core's record router (list with `status`, `leadId`,
 * `auditorId`, `accountId` filters, read, create, change, history), their status action, sites and
 * planning; and the firm's dashboard.
 */
export function missionsRouter(deps: ApiDeps): Router {
  const router = Router();
  router.post('/:id/status', inTenant(deps, async (req, ctx) => {
    const { status, reason } = validate(missionStatusChange, req.body ?? {});
    const mission = await changeMissionStatus(ctx, String(req.params.id), status, { reason });
    return { body: mission, headers: { ETag: etagOf(mission.version as number) } };
  }));
  router.get('/:id/sites', inTenant(deps, async (req, ctx) => ({ body: { items: await listMissionSites(ctx, String(req.params.id)) } })));
  router.put('/:id/sites/:siteId', inTenant(deps, async (req, ctx) => ({
    body: await setMissionSite(ctx, String(req.params.id), String(req.params.siteId), validate(missionSiteInput, req.body ?? {})),
  })));
  router.delete('/:id/sites/:siteId', inTenant(deps, async (req, ctx) => {
    await removeMissionSite(ctx, String(req.params.id), String(req.params.siteId));
    return { status: 204 };
  }));
  // Planning: the auditors' conflicts over the on-site days, and the days put in their agendas.
  router.get('/:id/availability', inTenant(deps, async (req, ctx) => ({ body: await missionAvailability(ctx, String(req.params.id)) })));
  router.post('/:id/plan', inTenant(deps, async (req, ctx) => {
    const planned = await planMission(ctx, String(req.params.id));
    return { body: planned, headers: { ETag: etagOf(planned.mission.version as number) } };
  }));
  router.use('/', recordRouter(deps, auditMissions));
  return router;
}

/** `/api/v1/audits/dashboard`: the firm's dashboard, in the reader's scope. */
export function auditsDashboardRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/', inTenant(deps, async (_req, ctx) => ({ body: await missionsDashboardOf(ctx) })));
  return router;
}
