import { Router } from 'express';
import { z } from 'zod';
import { ForbiddenError, NotFoundError } from '../../domain/errors';
import { isUuid } from '../../domain/core/record-service';
import { proceedSignal, SMOKE_WORKFLOW, smokeStateQuery } from '../../workflows/smoke/smoke.contract';
import type { smokeWorkflow } from '../../workflows/smoke/smoke.workflow';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { idempotent } from '../http/idempotency';
import { validate } from '../http/validate';
import { coreMessage } from '../../domain/i18n/core.messages';

export const startSmoke = z.object({ waitForSignal: z.boolean().default(false) }).strict();
export const smokeStarted = z.object({ id: z.string().uuid(), workflowId: z.string(), status: z.literal('running') });
export const smokeRunView = z.object({
  id: z.string().uuid(), workflowId: z.string(), status: z.string(), completions: z.number().int(),
  workflowStatus: z.string().describe('Temporal\'s: RUNNING, COMPLETED…'), state: z.unknown().optional().describe('The workflow\'s state while it runs'),
});

const QUERY_WAIT_MS = 2000;


/** The smoke process: proves API → Temporal → worker → PostgreSQL end to end. */
export function smokeRouter(deps: ApiDeps): Router {
  const router = Router();

  router.post('/', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    if (!ctx.ability.can('create', 'SmokeRun')) throw new ForbiddenError(coreMessage('system.smoke-forbidden-create'));
    const { waitForSignal } = validate(startSmoke, req.body ?? {});
    const [row] = await ctx.trx('smokeRuns').insert({ tenantId: ctx.principal.tenantId, workflowId: 'pending', startedBy: ctx.principal.userId }).returning('id');
    const workflowId = `${ctx.principal.tenantId}/smoke/${row.id}`;
    await ctx.trx('smokeRuns').where({ id: row.id }).update({ workflowId });
    const client = await deps.temporal();
    await client.workflow.start<typeof smokeWorkflow>(SMOKE_WORKFLOW, {
      workflowId, taskQueue: deps.taskQueue, args: [{ tenantId: ctx.principal.tenantId, runId: row.id, waitForSignal }],
    });
    return { status: 202, body: { id: row.id, workflowId, status: 'running' } };
  })));

  const load = async (ctx: Parameters<Parameters<typeof inTenant>[1]>[1], id: string) => {
    if (!ctx.ability.can('read', 'SmokeRun')) throw new ForbiddenError(coreMessage('system.smoke-forbidden-read'));
    const row = isUuid(id) ? await ctx.trx('smokeRuns').where({ id }).first() : undefined;
    if (!row) throw new NotFoundError({ fr: 'exécution de contrôle', en: 'smoke run' });
    return row;
  };

  router.get('/:id', inTenant(deps, async (req, ctx) => {
    const row = await load(ctx, String(req.params.id));
    const client = await deps.temporal();
    const handle = client.workflow.getHandle(row.workflowId);
    const description = await handle.describe();
    // A query waits for a worker to answer it: without one (stopped, or none on this queue) the run is shown without its state.
    // The deadline ends the call itself (a raced call would outlive the request, retrying after its connection closed).
    const state = description.status.name === 'RUNNING'
      ? await client.connection.withDeadline(Date.now() + QUERY_WAIT_MS, () => handle.query(smokeStateQuery)).catch(() => undefined)
      : undefined;
    return { body: { id: row.id, workflowId: row.workflowId, status: row.status, completions: row.completions, workflowStatus: description.status.name, state } };
  }));

  router.post('/:id/proceed', inTenant(deps, async (req, ctx) => {
    const row = await load(ctx, String(req.params.id));
    await (await deps.temporal()).workflow.getHandle(row.workflowId).signal(proceedSignal);
    return { status: 202, body: { id: row.id } };
  }));
  return router;
}
