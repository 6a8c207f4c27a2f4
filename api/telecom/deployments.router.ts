import { Router } from 'express';
import { z } from 'zod';
import { withTenant } from '../../db/tenant-scope';
import type { RequestContext } from '../../domain/core/record-service';
import { loadFor } from '../../domain/core/record-service';
import { ConflictError, DomainError, UnprocessableError } from '../../domain/errors';
import { getPlan } from '../../domain/process/definitions-service';
import { requireDeployedPlan, requireInstancePermission } from '../../domain/process/instances-service';
import { DEPLOYMENT_ABANDONED, STUDY_DEPLOY_BILL_CHECK, deploymentProcessVariables, tellDeploymentProcess } from '../../domain/telecom/deployment-process';
import { deploymentAbandon, deploymentCreate } from '../../domain/telecom/deployment.schema';
import { createDeployment, deploymentWithActions, moveDeployment, telecomDeployments } from '../../domain/telecom/deployments';
import { deploymentsMessage as m } from '../../domain/telecom/deployments.messages';
import { recordRouter } from '../core/record.router';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { etagOf } from '../http/if-match';
import { idempotent } from '../http/idempotency';
import { validate } from '../http/validate';
import { startInstance } from '../process/start-requests';

type Row = Record<string, unknown>;

/** The deployment's running instance, if any. */
function runningInstance(ctx: RequestContext, deploymentId: string) {
  return ctx.trx('processInstances').where({ processKey: STUDY_DEPLOY_BILL_CHECK, businessKey: deploymentId }).whereIn('status', ['running', 'incident']).first('id', 'workflowId', 'status');
}

/** Starts the deployment's process in the request's transaction (one per deployment: 409 while one runs). */
async function startProcess(deps: ApiDeps, ctx: RequestContext, deployment: Row): Promise<{ id: string; workflowId: string }> {
  requireInstancePermission(ctx, 'create');
  if (deployment.status === 'done' || deployment.status === 'abandoned') throw new ConflictError(m('telecom.deployments.finished', { number: Number(deployment.number), status: String(deployment.status) }));
  if (!await getPlan(ctx.trx, STUDY_DEPLOY_BILL_CHECK)) throw new UnprocessableError(m('telecom.deployments.not-installed'));
  const plan = await requireDeployedPlan(ctx, STUDY_DEPLOY_BILL_CHECK);
  const id = String(deployment.id);
  const already = () => new ConflictError(m('telecom.deployments.already-running', { number: Number(deployment.number) }));
  if (await runningInstance(ctx, id)) throw already();
  try {
    return await startInstance(deps, ctx, plan, id, deploymentProcessVariables(id));
  } catch (error) {
    if (error instanceof ConflictError) throw already();
    if (error instanceof DomainError) throw error;
    throw new DomainError(m('telecom.deployments.engine-unavailable'), 503, 'engine-unavailable');
  }
}

/**
 * `/api/v1/telecom/deployments` (spec 002 §6, docs/adr/0044-telecom-deployments.md): create with its actions
 * (createDeployment, then its process started unless `start: false`), the panel's read with actions and the process's
 * step, `POST …/{id}/start`, `POST …/{id}/abandon` (the instance compensates in reverse); the rest on the core's
 * record router (list with `status`, `accountId`, `lineId`, change the study, history).
 */
export function deploymentsRouter(deps: ApiDeps): Router {
  const router = Router();
  router.post('/', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    const input = validate(deploymentCreate, req.body ?? {});
    const created = await createDeployment(ctx, input);
    let processInstanceId: string | null = null;
    if (input.start) processInstanceId = (await startProcess(deps, ctx, created)).id;
    return { status: 201, body: { ...created, processInstanceId }, headers: { ETag: etagOf(created.version), Location: `${req.baseUrl}/${created.id}` } };
  })));

  router.get('/:id/panel', inTenant(deps, async (req, ctx) => {
    const deployment = await deploymentWithActions(ctx, String(req.params.id));
    const instance: Row | undefined = await ctx.trx('processInstances').where({ processKey: STUDY_DEPLOY_BILL_CHECK, businessKey: deployment.id }).orderBy('startedAt', 'desc').first('id', 'status', 'workflowId');
    const tasks: Row[] = instance ? await ctx.trx('tasks').where({ instanceId: instance.id, status: 'open' }).select('id', 'elementId', 'name') : [];
    const incidents: Row[] = instance ? await ctx.trx('processIncidents').where({ instanceId: instance.id }).whereNull('resolvedAt').select('id', 'elementId', 'message') : [];
    return {
      body: {
        ...deployment,
        process: instance ? { instanceId: instance.id, status: instance.status, openTasks: tasks, incidents } : null,
      },
      headers: { ETag: etagOf(deployment.version as number) },
    };
  }));

  router.post('/:id/start', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    validate(z.object({}).strict(), req.body ?? {});
    const deployment = await loadFor(ctx, telecomDeployments, String(req.params.id), 'update');
    const row = await startProcess(deps, ctx, deployment);
    return { status: 201, body: { id: row.id, workflowId: row.workflowId, processKey: STUDY_DEPLOY_BILL_CHECK, businessKey: deployment.id, status: 'running' } };
  })));

  router.post('/:id/abandon', inTenant(deps, async (req, ctx) => {
    const { reason } = validate(deploymentAbandon, req.body ?? {});
    const deployment = await loadFor(ctx, telecomDeployments, String(req.params.id), 'update', true);
    const id = String(deployment.id);
    if (deployment.status === 'done' || deployment.status === 'abandoned') throw new ConflictError(m('telecom.deployments.finished', { number: Number(deployment.number), status: String(deployment.status) }));
    await ctx.trx('telecomDeployments').where({ id }).update({ abandonReason: reason });
    const instance = await runningInstance(ctx, id);
    const tenantId = ctx.principal.tenantId;
    if (!instance) {
      // Never started: nothing was sent to a vendor, nothing to undo.
      await moveDeployment(ctx, id, 'abandoned', { abandonedAt: new Date() });
      return { body: { id, status: 'abandoned', compensating: false } };
    }
    return {
      status: 202,
      body: { id, status: String(deployment.status), compensating: true },
      afterCommit: async () => { await withTenant({ tenantId }, (trx) => tellDeploymentProcess(trx, deps.temporal, tenantId, id, DEPLOYMENT_ABANDONED), deps.knex); },
    };
  }));

  router.use('/', recordRouter(deps, telecomDeployments));
  return router;
}
