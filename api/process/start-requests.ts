import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { logger } from '../../config/logger';
import { withTenant } from '../../db/tenant-scope';
import { processContext } from '../../domain/core/process-context';
import type { RequestContext } from '../../domain/core/record-service';
import { ConflictError } from '../../domain/errors';
import { getPlan, retirementOf } from '../../domain/process/definitions-service';
import { createInstanceRow } from '../../domain/process/instances-service';
import { processMessage } from '../../domain/process/process.messages';
import { claimStartRequest, markStartServed, tenantsWithStartRequests, waitingStartRequests } from '../../domain/process/start-requests';
import type { Plan } from '../../kernel/process/plan';
import type { ApiDeps } from '../http/deps';

/**
 * Starts an instance of `plan` for `businessKey` in the caller's transaction: the projection row, then
 * the workflow. One already running for that business key answers ConflictError (from the row, or from
 * Temporal's unique workflow id); the engine unreachable throws its own error (the transaction rolls back).
 */
export async function startInstance(deps: ApiDeps, ctx: RequestContext, plan: Plan, businessKey: string, variables: Record<string, unknown>): Promise<{ id: string; workflowId: string }> {
  const row = await createInstanceRow(ctx, plan, businessKey);
  try {
    await (await deps.temporal()).workflow.start('bpmnProcess', {
      workflowId: row.workflowId, taskQueue: deps.taskQueue,
      args: [{ tenantId: ctx.principal.tenantId, instanceId: row.id, businessKey, plan, variables, startedBy: ctx.principal.userId ?? null }],
    });
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) throw new ConflictError(processMessage('instances.already-running', { processKey: plan.processKey, businessKey }), { instance: { workflowId: row.workflowId } });
    throw error;
  }
  return row;
}

/** Another replica, an earlier start or a person got there first: the instance runs, the request is served. */
function alreadyRunning(error: unknown): boolean {
  return error instanceof ConflictError || error instanceof WorkflowExecutionAlreadyStartedError || (error as { code?: string } | null)?.code === '23505';
}

/**
 * Run when the API starts (api/module-start.ts): serves the process starts asked for while the engine
 * was away (`process_start_requests`, the demo's onboarding instances), in every organisation that has
 * some, each under its own row-level security with a process principal. A request is taken with a row
 * lock and marked served in the transaction that starts its instance, so restarts and replicas starting
 * together start each instance once. A process not deployed (or retired) leaves its requests waiting.
 * Temporal unreachable: logged, nothing started; the next start tries again.
 */
export async function serveStartRequests(deps: ApiDeps, options: { tenantIds?: readonly string[] } = {}): Promise<{ started: number }> {
  const tenantIds = options.tenantIds ?? await tenantsWithStartRequests(deps.knex);
  if (!tenantIds.length) return { started: 0 };
  try {
    await deps.temporal();
  } catch (error) {
    logger.warn({ err: error }, 'Temporal is unreachable: the process starts asked for while it was away run at the next start of the API');
    return { started: 0 };
  }
  let started = 0;
  for (const tenantId of tenantIds) {
    const waiting = await withTenant({ tenantId }, (trx) => waitingStartRequests(trx), deps.knex);
    for (const { id } of waiting) {
      try {
        const served = await withTenant({ tenantId }, async (trx) => {
          const request = await claimStartRequest(trx, id);
          if (!request) return false;
          const plan = await getPlan(trx, request.processKey);
          if (!plan || await retirementOf(trx, request.processKey)) return false;
          const ctx = processContext(trx, tenantId, `${request.processKey}/start-request`, ['process.instance.create']);
          await startInstance(deps, ctx, plan, request.businessKey, request.variables);
          await markStartServed(trx, id);
          return true;
        }, deps.knex);
        if (served) started++;
      } catch (error) {
        if (alreadyRunning(error)) {
          await withTenant({ tenantId }, (trx) => markStartServed(trx, id), deps.knex);
          continue;
        }
        logger.error({ err: error, tenantId, requestId: id }, 'a process start asked for while the engine was away could not run; it is tried again at the next start of the API');
      }
    }
  }
  if (started) logger.info({ started }, 'process starts asked for while the engine was away have run');
  return { started };
}
