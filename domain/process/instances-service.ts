import type { Knex } from 'knex';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../errors';
import { isUuid, type RequestContext } from '../core/record-service';
import type { Plan } from '../../kernel/process/plan';
import { getPlan, ProcessRetiredError, retirementOf } from './definitions-service';
import { processMessage } from './process.messages';

export function workflowIdOf(tenantId: string, processKey: string, businessKey: string): string {
  return `${tenantId}/${processKey}/${businessKey}`;
}

export function requireInstancePermission(ctx: RequestContext, action: 'read' | 'create' | 'update'): void {
  if (!ctx.ability.can(action, 'ProcessInstance')) {
    throw new ForbiddenError(processMessage('instances.forbidden', { action }));
  }
}

/**
 * The projection row of an instance the engine starts (a call activity's child,
 * a scheduled firing, a signal's start): written once per workflow id, so a
 * retried activity finds the row its first attempt wrote. Answers its id;
 * `id` (derived from an idempotency key) gives a row rolled back with its
 * attempt the same id again.
 */
export async function ensureInstanceRow(trx: Knex.Transaction, row: { id?: string; tenantId: string; workflowId: string; processKey: string; version: number; businessKey: string; startedBy: string | null }): Promise<string> {
  await trx('processInstances').insert(row).onConflict('workflowId').ignore();
  return (await trx('processInstances').where({ workflowId: row.workflowId }).first('id')).id as string;
}

/** Writes the projection row of a new instance; a running one for the same business object answers 409. */
export async function createInstanceRow(ctx: RequestContext, plan: Plan, businessKey: string): Promise<{ id: string; workflowId: string }> {
  const workflowId = workflowIdOf(ctx.principal.tenantId, plan.processKey, businessKey);
  const existing = await ctx.trx('processInstances').where({ workflowId }).first('id', 'status');
  if (existing && (existing.status === 'running' || existing.status === 'incident')) {
    throw new ConflictError(processMessage('instances.already-running', { processKey: plan.processKey, businessKey }), { instance: { id: existing.id, workflowId } });
  }
  if (existing) {
    // A finished instance keeps its id; a new run for the same business object replaces the projection
    // (what the previous run did stays in Temporal's history of that run).
    await ctx.trx('processInstances').where({ id: existing.id }).update({
      version: plan.version, status: 'running', startedBy: ctx.principal.userId, startedAt: ctx.trx.fn.now(), endedAt: null, cancelReason: null, variables: null,
    });
    await ctx.trx('processElementInstances').where({ instanceId: existing.id }).delete();
    return { id: existing.id, workflowId };
  }
  const [row] = await ctx.trx('processInstances').insert({
    tenantId: ctx.principal.tenantId, workflowId, processKey: plan.processKey, version: plan.version, businessKey, startedBy: ctx.principal.userId,
  }).returning('id');
  return { id: row.id, workflowId };
}

export async function loadInstance(ctx: RequestContext, id: string) {
  requireInstancePermission(ctx, 'read');
  const row = isUuid(id) ? await ctx.trx('processInstances').where({ id }).first() : undefined;
  if (!row) throw new NotFoundError({ fr: 'instance de processus', en: 'process instance' });
  return row;
}

export async function listInstances(ctx: RequestContext, query: { processKey?: string; status?: string; businessKey?: string; version?: number; limit: number }) {
  requireInstancePermission(ctx, 'read');
  const qb = ctx.trx('processInstances').orderBy('startedAt', 'desc').limit(query.limit);
  for (const key of ['processKey', 'status', 'businessKey', 'version'] as const) if (query[key] !== undefined) qb.where(key, query[key]);
  return qb;
}

export async function listIncidents(ctx: RequestContext, instanceId: string) {
  return ctx.trx('processIncidents').where({ instanceId }).orderBy('createdAt', 'desc');
}

export async function requireDeployedPlan(ctx: RequestContext, processKey: string): Promise<Plan> {
  const plan = await getPlan(ctx.trx, processKey);
  if (!plan) throw new UnprocessableError(processMessage('instances.not-deployed', { processKey }));
  const retired = await retirementOf(ctx.trx, processKey);
  if (retired) throw new ProcessRetiredError(processKey, retired.retiredAt);
  return plan;
}
