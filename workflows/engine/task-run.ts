import {
  CancellationScope, condition, executeChild, isCancellation, proxyActivities, workflowInfo, type ActivityOptions,
} from '@temporalio/workflow';
import { BPMN_ERROR_TYPE, type ProcessInput, type ProcessResult } from '../../kernel/process/engine-types';
import { feel } from '../../kernel/process/feel';
import type { CallActivityNode, Plan, PlanNode, ServiceTaskNode, UserTaskNode } from '../../kernel/process/plan';
import { engine, type IncidentCause, type OpenTask } from './process-run';
import type { ScopeRun } from './scope-run';
import { EngineSignal } from './signals';
import { bpmnErrorCode, clampPriority, describeFailure, dueDate, incidentCause, nullableString } from './values';

/** What the task runners need from the run they belong to. */
export interface TaskHost {
  input: ProcessInput;
  plan: Plan;
  variables: Record<string, unknown>;
  visits: Record<string, number>;
  tasks: Map<string, OpenTask>;
  withIncidents<T>(node: PlanNode, scope: ScopeRun, evaluate: () => T): Promise<T>;
  incident(node: PlanNode, cause: IncidentCause, scope: ScopeRun): Promise<'retry' | 'skip'>;
  catches(scope: ScopeRun | undefined, code: string, node?: PlanNode): boolean;
  errorSignal(scope: ScopeRun | undefined, code: string, node?: PlanNode): EngineSignal;
  errorCodesCaught(scope: ScopeRun | undefined, node: PlanNode): string[];
  /** Activity stubs of this run, one per service task. */
  proxies: Map<string, Activity>;
  /**
   * The person who completed the run's latest user task: a service task acts
   * for them (its meta's actorUserId, else the instance's starter), so what it
   * writes is credited to that person. Set from completeTask updates only: deterministic.
   */
  credit: { userId: string | null };
}

export type Activity = (input: unknown, meta: unknown) => Promise<unknown>;

function activityFor(proxies: Map<string, Activity>, node: ServiceTaskNode): Activity {
  let proxy = proxies.get(node.id);
  if (!proxy) {
    const options: ActivityOptions = {
      startToCloseTimeout: node.timeoutMs,
      retry: {
        maximumAttempts: node.retry.maximumAttempts, initialInterval: node.retry.initialIntervalMs,
        backoffCoefficient: node.retry.backoffCoefficient, maximumInterval: node.retry.maximumIntervalMs,
        nonRetryableErrorTypes: [BPMN_ERROR_TYPE],
      },
    };
    proxy = proxyActivities<Record<string, Activity>>(options)[node.activity]!;
    proxies.set(node.id, proxy);
  }
  return proxy;
}

/**
 * A service task: its activity with the registry's retry policy. A business
 * error the activity raises (BpmnError) goes to the boundary error event that
 * catches its code, here or in a calling process; any other failure past the
 * retries opens an incident.
 */
export async function runServiceTask(host: TaskHost, node: ServiceTaskNode, scope: ScopeRun, locals: Record<string, unknown>, loopCounter: number): Promise<Record<string, unknown>> {
  const visit = host.visits[node.id] ?? 1;
  const meta = {
    tenantId: host.input.tenantId, workflowId: workflowInfo().workflowId, elementId: node.id, loopCounter,
    idempotencyKey: `${workflowInfo().workflowId}/${node.id}/${visit}/${loopCounter}`,
    actorUserId: host.credit.userId ?? host.input.startedBy ?? null,
  };
  for (;;) {
    let failure: IncidentCause;
    try {
      const ctx = { ...scope.context(host.variables), ...locals };
      const input = Object.fromEntries(Object.entries(node.inputs).map(([k, e]) => [k, feel(e, ctx)]));
      const result = await activityFor(host.proxies, node)(input, meta);
      return node.resultVariable ? { [node.resultVariable]: result } : {};
    } catch (error) {
      if (isCancellation(error)) throw error;
      const code = bpmnErrorCode(error);
      if (code !== undefined && host.catches(scope, code, node)) throw host.errorSignal(scope, code, node);
      failure = code !== undefined
        ? {
          message: `The activity reported business error "${code}" (${describeFailure(error)}) and no boundary error event catches it.`,
          reason: { code: 'incident.uncaught-business-error', params: { code, detail: describeFailure(error) } },
        }
        : incidentCause(error);
    }
    if ((await host.incident(node, failure, scope)) === 'skip') return {};
  }
}

/** A user task: a row in the task list, then the completeTask update. */
export async function runUserTask(host: TaskHost, node: UserTaskNode, scope: ScopeRun, locals: Record<string, unknown>, loopCounter: number): Promise<Record<string, unknown>> {
  const ctx = { ...scope.context(host.variables), ...locals };
  const computed = await host.withIncidents(node, scope, () => ({
    assignee: node.assignee ? nullableString(feel(node.assignee, ctx)) : null,
    dueAt: node.dueDate ? dueDate(String(feel(node.dueDate, ctx))) : null,
    priority: node.priority ? clampPriority(feel(node.priority, ctx)) : 50,
  }));
  const { taskId } = await engine['process.openTask']({
    tenantId: host.input.tenantId, instanceId: host.input.instanceId, workflowId: workflowInfo().workflowId,
    processKey: host.plan.processKey, businessKey: host.input.businessKey, elementId: node.id,
    taskKey: `${node.id}#${host.visits[node.id] ?? 1}#${loopCounter}`, name: node.name ?? null, formKey: node.formKey ?? null,
    inlineForm: node.inlineForm ?? null, candidateRoles: node.candidateRoles, candidateUsers: node.candidateUsers, ...computed,
  });
  const task: OpenTask = {
    taskId, elementId: node.id, name: node.name ?? null, candidateRoles: node.candidateRoles, candidateUsers: node.candidateUsers,
    assignee: computed.assignee, completion: null,
  };
  host.tasks.set(taskId, task);
  try {
    await condition(() => task.completion !== null);
  } catch (error) {
    if (isCancellation(error)) {
      await CancellationScope.nonCancellable(() => engine['process.closeTask']({ tenantId: host.input.tenantId, taskId, status: 'cancelled', completedBy: null, data: null }));
    }
    throw error;
  } finally {
    host.tasks.delete(taskId);
  }
  const { userId, data } = task.completion!;
  host.credit.userId = userId;
  await engine['process.closeTask']({ tenantId: host.input.tenantId, taskId, status: 'completed', completedBy: userId, data });
  return data;
}

/** A call activity: the called process runs as a child bpmnProcess; an error it ends with reaches our boundary events. */
export async function runCallActivity(host: TaskHost, node: CallActivityNode, scope: ScopeRun, locals: Record<string, unknown>): Promise<Record<string, unknown>> {
  const ctx = { ...scope.context(host.variables), ...locals };
  const variables = await host.withIncidents(node, scope, () => (node.inputs
    ? Object.fromEntries(Object.entries(node.inputs).map(([k, e]) => [k, feel(e, ctx)]))
    : { ...ctx }));
  const visit = host.visits[node.id] ?? 1;
  const loop = typeof locals.loopCounter === 'number' ? `/${locals.loopCounter}` : '';
  const workflowId = `${workflowInfo().workflowId}/${node.id}/${visit}${loop}`;
  const businessKey = `${host.input.businessKey}/${node.id}/${visit}${loop}`;
  const parentCatches = host.errorCodesCaught(scope, node);
  for (;;) {
    let failure: IncidentCause;
    try {
      const child = await engine['process.prepareChild']({
        tenantId: host.input.tenantId, processKey: node.calledProcessKey, workflowId, businessKey, startedBy: host.input.startedBy,
      });
      const args: ProcessInput = {
        tenantId: host.input.tenantId, instanceId: child.instanceId, businessKey, plan: child.plan, variables, startedBy: host.input.startedBy,
        ...(parentCatches.length ? { parentCatches } : {}),
      };
      const result = await executeChild('bpmnProcess', { workflowId, args: [args] }) as ProcessResult;
      if (result.status === 'error' && result.errorCode !== undefined) throw host.errorSignal(scope, result.errorCode, node);
      return result.variables;
    } catch (error) {
      if (isCancellation(error) || error instanceof EngineSignal) throw error;
      failure = incidentCause(error);
    }
    if ((await host.incident(node, failure, scope)) === 'skip') return {};
  }
}
