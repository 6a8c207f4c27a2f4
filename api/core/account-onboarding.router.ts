import { Router } from 'express';
import { z } from 'zod';
import { ACCOUNT_ONBOARDING, accountOnboardingVariables } from '../../domain/core/account-onboarding';
import { onboardingMessage as m } from '../../domain/core/account-onboarding.messages';
import { loadFor, type RequestContext } from '../../domain/core/record-service';
import { accounts } from '../../domain/core/resources';
import { ConflictError, DomainError, UnprocessableError } from '../../domain/errors';
import { getPlan } from '../../domain/process/definitions-service';
import { requireDeployedPlan, requireInstancePermission } from '../../domain/process/instances-service';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { idempotent } from '../http/idempotency';
import { validate } from '../http/validate';
import { startInstance } from '../process/start-requests';

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v ?? null);

/** The account's latest onboarding instance, with its open tasks. */
async function latestOnboarding(ctx: RequestContext, accountId: string) {
  const row = await ctx.trx('processInstances').where({ processKey: ACCOUNT_ONBOARDING, businessKey: accountId })
    .orderBy('startedAt', 'desc').first('id', 'status', 'startedAt', 'endedAt');
  if (!row) return null;
  const tasks: Array<{ id: string; name: string | null; elementId: string; dueAt: Date | null }> = await ctx.trx('tasks')
    .where({ instanceId: row.id, status: 'open' }).orderBy('createdAt').select('id', 'name', 'elementId', 'dueAt');
  return { id: row.id, status: row.status, startedAt: iso(row.startedAt), endedAt: iso(row.endedAt), openTasks: tasks.map((x) => ({ ...x, dueAt: iso(x.dueAt) })) };
}

/**
 * `/accounts/{id}/onboarding`: the account's welcome (`core.account-onboarding`). POST starts it for an
 * account the caller may edit (with `process.instance.create`); GET says where the latest one stands.
 */
export function accountOnboardingRouter(deps: ApiDeps): Router {
  const router = Router({ mergeParams: true });

  router.post('/', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    validate(z.object({}).strict(), req.body ?? {});
    const account = await loadFor(ctx, accounts, String(req.params.id), 'update');
    requireInstancePermission(ctx, 'create');
    if (!await getPlan(ctx.trx, ACCOUNT_ONBOARDING)) throw new UnprocessableError(m('onboarding.not-installed'));
    const plan = await requireDeployedPlan(ctx, ACCOUNT_ONBOARDING);
    const accountId = String(account.id);
    const already = () => new ConflictError(m('onboarding.already-running', { account: String(account.name) }));
    const running = await ctx.trx('processInstances').where({ processKey: ACCOUNT_ONBOARDING, businessKey: accountId }).whereIn('status', ['running', 'incident']).first('id');
    if (running) throw already();
    let row: { id: string; workflowId: string };
    try {
      row = await startInstance(deps, ctx, plan, accountId, accountOnboardingVariables(accountId));
    } catch (error) {
      if (error instanceof ConflictError) throw already();
      if (error instanceof DomainError) throw error;
      // Nothing is saved (the transaction rolls back): say so, and that trying again is safe.
      throw new DomainError(m('onboarding.engine-unavailable'), 503, 'engine-unavailable');
    }
    return { status: 201, body: { id: row.id, workflowId: row.workflowId, processKey: plan.processKey, version: plan.version, businessKey: accountId, status: 'running' } };
  })));

  router.get('/', inTenant(deps, async (req, ctx) => {
    const account = await loadFor(ctx, accounts, String(req.params.id), 'read');
    requireInstancePermission(ctx, 'read');
    return { body: { onboarding: await latestOnboarding(ctx, String(account.id)) } };
  }));
  return router;
}
