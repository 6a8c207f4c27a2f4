import {
  ActivityFailure, ApplicationFailure, CancellationScope, condition, continueAsNew, executeChild, isCancellation,
  proxyActivities, sleep, workflowInfo, type ActivityOptions,
} from '@temporalio/workflow';
import type { EngineActivities } from '../../activities/process/engine.activities';
import {
  BPMN_ERROR_TYPE, type CompleteTaskArgs, type IncidentView, type OpenTaskView, type ProcessInput, type ProcessMessageArgs,
  type ProcessResult, type ProcessState, type ResolveIncidentArgs,
} from './contract';
import { timerDelayMs } from './durations';
import { feel, FeelError, holds } from './feel';
import type {
  BoundaryEventNode, EventTrigger, GatewayNode, IntermediateCatchNode, MultiInstance, Plan, PlanNode, ServiceTaskNode, UserTaskNode,
} from './plan';
import { ScopeRun } from './scope-run';

/** An error thrown by an error end event or an activity's BpmnError, on its way to a boundary error event. */
class BpmnErrorSignal extends Error {
  constructor(readonly code: string) {
    super(`BPMN error ${code}`);
  }
}

/** A terminate end event: every token of the process stops. */
class TerminateSignal extends Error {}

interface OpenTask extends OpenTaskView {
  completion: { userId: string; data: Record<string, unknown> } | null;
}

interface Incident extends IncidentView {
  resolution: ResolveIncidentArgs | null;
  /** Skipping is refused where the element computes a value the process needs. */
  skippable: boolean;
}

interface MessageWaiter {
  name: string;
  correlationKey: string;
  received: ProcessMessageArgs | null;
}

const engine = proxyActivities<EngineActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Steps a run may take before it continues as new, keeping its history small (Temporal suggests it too). */
const DEFAULT_MAX_STEPS = 5_000;

type Activity = (input: unknown, meta: unknown) => Promise<unknown>;

/**
 * Interprets a compiled plan with token semantics. Deterministic: everything
 * it knows comes from its input, its activities' results and its messages.
 */
export class ProcessRun {
  private readonly plan: Plan;
  private readonly variables: Record<string, unknown>;
  private readonly active: Record<string, number> = {};
  private readonly completed: Record<string, number>;
  private readonly visits: Record<string, number>;
  private readonly tasks = new Map<string, OpenTask>();
  private readonly incidents = new Map<string, Incident>();
  private readonly waiters: MessageWaiter[] = [];
  /** Messages that arrived before anyone waited for them. */
  private readonly inbox: ProcessMessageArgs[] = [];
  private readonly proxies = new Map<string, Activity>();
  private readonly incidentCounts: Record<string, number> = {};
  private root: ScopeRun | undefined;
  private status: ProcessState['status'] = 'running';
  private cancelRequest: { reason: string; userId: string | null } | null = null;
  private steps = 0;

  constructor(private readonly input: ProcessInput, private readonly maxSteps = DEFAULT_MAX_STEPS) {
    this.plan = input.plan;
    this.variables = { ...input.variables };
    this.completed = { ...(input.resume?.completed ?? {}) };
    this.visits = { ...(input.resume?.visits ?? {}) };
  }

  // ---- handlers (queries, updates, signals) ----

  state(): ProcessState {
    return {
      status: this.status,
      activeElements: Object.keys(this.active).filter((id) => (this.active[id] ?? 0) > 0),
      completedElements: { ...this.completed },
      openTasks: [...this.tasks.values()].map(({ completion: _c, ...view }) => view),
      incidents: [...this.incidents.values()].map(({ resolution: _r, skippable: _s, ...view }) => view),
      variables: { ...this.variables },
    };
  }

  /** Runs before the update is accepted: a refused completion leaves no trace in the history. */
  validateCompletion(args: CompleteTaskArgs): void {
    const task = this.tasks.get(args.taskId);
    if (!task || task.completion) throw new Error('This task is no longer open: it was completed or cancelled.');
    const byRole = task.candidateRoles.some((r) => args.roles.includes(r));
    const byUser = task.assignee === args.userId || task.candidateUsers.includes(args.userId);
    if (!byRole && !byUser) throw new Error('You are neither the assignee nor a candidate of this task.');
  }

  completeTask(args: CompleteTaskArgs): { ok: true } {
    this.tasks.get(args.taskId)!.completion = { userId: args.userId, data: args.data };
    return { ok: true };
  }

  validateResolution(args: ResolveIncidentArgs): void {
    const incident = this.incidents.get(args.incidentId);
    if (!incident || incident.resolution) throw new Error('This incident is not open.');
    if (args.action === 'skip' && !incident.skippable) {
      throw new Error(`Element ${incident.elementId} cannot be skipped: it computes a value the process needs. Correct the variables and retry.`);
    }
  }

  resolveIncident(args: ResolveIncidentArgs): { ok: true } {
    this.incidents.get(args.incidentId)!.resolution = args;
    return { ok: true };
  }

  deliver(message: ProcessMessageArgs): void {
    const waiter = this.waiters.find((w) => !w.received && w.name === message.name && w.correlationKey === message.correlationKey);
    if (waiter) waiter.received = message;
    else this.inbox.push(message);
  }

  cancel(request: { reason: string; userId: string | null }): void {
    if (this.cancelRequest || this.status !== 'running') return;
    this.cancelRequest = request;
    this.root?.cancellation.cancel();
  }

  // ---- the run ----

  async execute(): Promise<ProcessResult> {
    const startId = this.input.resume?.nodeId ?? this.startNode();
    try {
      await this.runScope(this.plan.root.id, startId, undefined, {});
      this.status = 'completed';
    } catch (error) {
      if (error instanceof TerminateSignal) this.status = 'completed';
      else if (this.cancelRequest && (isCancellation(error) || error instanceof Error)) this.status = 'cancelled';
      else throw error;
    }
    await CancellationScope.nonCancellable(() => engine['process.finishInstance']({
      tenantId: this.input.tenantId, instanceId: this.input.instanceId, status: this.status === 'cancelled' ? 'cancelled' : 'completed',
      reason: this.cancelRequest?.reason ?? null,
    }));
    return { status: this.status === 'cancelled' ? 'cancelled' : 'completed', variables: this.variables };
  }

  private startNode(): string {
    if (this.input.startAt && this.plan.root.startNodeIds.includes(this.input.startAt)) return this.input.startAt;
    const starts = this.plan.root.startNodeIds.map((id) => this.plan.nodes[id]!);
    const none = starts.find((n) => n.kind === 'startEvent' && n.trigger.type === 'none');
    return (none ?? starts[0])!.id;
  }

  private async runScope(scopeId: string, startId: string, parent: ScopeRun | undefined, locals: Record<string, unknown>): Promise<void> {
    const cancellation = new CancellationScope();
    const scope = new ScopeRun(scopeId, cancellation, parent, locals);
    if (!parent) this.root = scope;
    await cancellation.run(async () => {
      scope.spawn(() => this.walk(startId, scope));
      await scope.done();
    });
  }

  /** Moves one token from node to node until it ends or merges into a join. */
  private async walk(startId: string, scope: ScopeRun): Promise<void> {
    let nodeId = startId;
    for (;;) {
      const node = this.plan.nodes[nodeId]!;
      if (!this.arrive(node, scope)) return;
      this.visits[node.id] = (this.visits[node.id] ?? 0) + 1;
      this.active[node.id] = (this.active[node.id] ?? 0) + 1;
      let flows: string[];
      try {
        flows = await this.execute1(node, scope);
      } finally {
        this.active[node.id] = (this.active[node.id] ?? 1) - 1;
      }
      this.completed[node.id] = (this.completed[node.id] ?? 0) + 1;
      if (flows.length === 0) return;
      for (const flow of flows.slice(1)) scope.spawn(() => this.walk(this.plan.flows[flow]!.target, scope));
      nodeId = this.plan.flows[flows[0]!]!.target;
      await this.maybeContinueAsNew(nodeId, scope);
    }
  }

  /** Join gateways consume tokens until all the expected ones are there. */
  private arrive(node: PlanNode, scope: ScopeRun): boolean {
    if ((node.kind !== 'parallelGateway' && node.kind !== 'inclusiveGateway') || node.incoming.length < 2) return true;
    const expected = node.kind === 'inclusiveGateway' ? (scope.inclusiveBranches ?? node.incoming.length) : node.incoming.length;
    const arrived = (scope.joins.get(node.id) ?? 0) + 1;
    if (arrived < expected) {
      scope.joins.set(node.id, arrived);
      return false;
    }
    scope.joins.delete(node.id);
    return true;
  }

  private async maybeContinueAsNew(nextNodeId: string, scope: ScopeRun): Promise<void> {
    this.steps += 1;
    const quiet = scope === this.root && scope.tokens === 1 && this.tasks.size === 0 && this.incidents.size === 0 && this.waiters.length === 0;
    if (!quiet || (this.steps < this.maxSteps && !workflowInfo().continueAsNewSuggested)) return;
    await continueAsNew<(input: ProcessInput) => Promise<ProcessResult>>({
      ...this.input, variables: this.variables, resume: { nodeId: nextNodeId, completed: this.completed, visits: this.visits },
    });
  }

  /** Executes one node; answers the flows its token leaves by. */
  private async execute1(node: PlanNode, scope: ScopeRun): Promise<string[]> {
    switch (node.kind) {
      case 'startEvent':
        return node.outgoing;
      case 'endEvent':
        return this.endEvent(node, scope);
      case 'exclusiveGateway':
      case 'inclusiveGateway':
        return node.outgoing.length <= 1 ? node.outgoing : this.chooseFlows(node, scope);
      case 'parallelGateway':
        return node.outgoing;
      case 'eventBasedGateway':
        return this.eventBasedGateway(node, scope);
      case 'intermediateCatchEvent':
        await this.catchEvent(node, node.trigger, scope);
        return node.outgoing;
      case 'boundaryEvent':
        return node.outgoing;
      case 'serviceTask':
      case 'userTask':
      case 'subProcess':
      case 'callActivity':
        return this.activityNode(node, scope);
    }
  }

  private async endEvent(node: Extract<PlanNode, { kind: 'endEvent' }>, scope: ScopeRun): Promise<string[]> {
    if (node.trigger.type === 'terminate') throw new TerminateSignal();
    if (node.trigger.type === 'error') {
      const code = node.trigger.errorCode;
      for (;;) {
        if (this.catcherOf(scope, code)) throw new BpmnErrorSignal(code);
        // Nobody catches it: an operator decides (retry after fixing the diagram's data, or skip).
        if ((await this.incident(node, `Error "${code}" is thrown here but no boundary error event catches it.`, scope)) === 'skip') return [];
      }
    }
    return [];
  }

  /** Exclusive: the first flow whose condition holds; inclusive: every such flow. Else the default flow. */
  private async chooseFlows(node: GatewayNode, scope: ScopeRun): Promise<string[]> {
    for (;;) {
      try {
        const ctx = scope.context(this.variables);
        const candidates = node.outgoing.filter((f) => f !== node.defaultFlow);
        const taken: string[] = [];
        for (const id of candidates) {
          const flow = this.plan.flows[id]!;
          if (flow.condition === undefined || holds(flow.condition, ctx)) {
            taken.push(id);
            if (node.kind === 'exclusiveGateway') break;
          }
        }
        if (taken.length === 0 && node.defaultFlow) taken.push(node.defaultFlow);
        if (taken.length === 0) throw new FeelError('', 'no outgoing flow\'s condition holds and there is no default flow');
        if (node.kind === 'inclusiveGateway') scope.inclusiveBranches = taken.length;
        return taken;
      } catch (error) {
        if (!(error instanceof FeelError)) throw error;
        const resolution = await this.incident(node, error.message, scope);
        if (resolution === 'skip') return node.defaultFlow ? [node.defaultFlow] : [];
      }
    }
  }

  /** Waits for the first of the events after the gateway; the others are withdrawn. */
  private async eventBasedGateway(node: PlanNode, scope: ScopeRun): Promise<string[]> {
    const race = new CancellationScope();
    let winner: IntermediateCatchNode | undefined;
    // The first event to happen settles the race; cancelling the scope withdraws the others.
    await race.run(() => Promise.race(node.outgoing.map(async (flowId) => {
      const target = this.plan.nodes[this.plan.flows[flowId]!.target] as IntermediateCatchNode;
      try {
        await this.catchEvent(target, target.trigger, scope);
        if (!winner) {
          winner = target;
          race.cancel();
        }
      } catch (error) {
        if (!isCancellation(error)) throw error;
      }
    })));
    this.completed[winner!.id] = (this.completed[winner!.id] ?? 0) + 1;
    return winner!.outgoing;
  }

  private async catchEvent(node: PlanNode, trigger: EventTrigger, scope: ScopeRun): Promise<void> {
    if (trigger.type === 'timer') {
      await sleep(await this.withIncidents(node, scope, () => timerDelayMs({
        duration: trigger.duration !== undefined ? String(feel(trigger.duration, scope.context(this.variables))) : undefined,
        date: trigger.date !== undefined ? String(feel(trigger.date, scope.context(this.variables))) : undefined,
      }, Date.now())));
    } else if (trigger.type === 'message') {
      const key = await this.withIncidents(node, scope, () => (trigger.correlationKey
        ? String(feel(trigger.correlationKey, scope.context(this.variables)))
        : this.input.businessKey));
      const message = await this.waitForMessage(node.id, trigger.messageName, key);
      Object.assign(this.variables, message.variables ?? {});
    }
  }

  private async waitForMessage(elementId: string, name: string, correlationKey: string): Promise<ProcessMessageArgs> {
    const buffered = this.inbox.findIndex((m) => m.name === name && m.correlationKey === correlationKey);
    if (buffered >= 0) return this.inbox.splice(buffered, 1)[0]!;
    // Listen before subscribing: a message sent as soon as the subscription exists is not missed.
    const waiter: MessageWaiter = { name, correlationKey, received: null };
    this.waiters.push(waiter);
    const where = { tenantId: this.input.tenantId, workflowId: workflowInfo().workflowId, elementId };
    try {
      await engine['process.subscribeMessage']({ ...where, messageName: name, correlationKey });
      await condition(() => waiter.received !== null);
      return waiter.received!;
    } finally {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      await CancellationScope.nonCancellable(() => engine['process.unsubscribeMessage'](where));
    }
  }

  // ---- tasks, sub-processes, call activities, with boundary events and multi-instance ----

  private async activityNode(node: ServiceTaskNode | UserTaskNode | Extract<PlanNode, { kind: 'subProcess' | 'callActivity' }>, scope: ScopeRun): Promise<string[]> {
    const boundary = await this.withBoundaries(node, scope, async () => {
      const multi = node.kind !== 'callActivity' ? node.multiInstance : undefined;
      if (multi && node.kind !== 'callActivity') await this.multiInstance(node, multi, scope);
      else await this.body(node, scope, {}, 1);
    });
    if (boundary) {
      this.completed[boundary.id] = (this.completed[boundary.id] ?? 0) + 1;
      return boundary.outgoing;
    }
    return node.outgoing;
  }

  private async body(node: ServiceTaskNode | UserTaskNode | Extract<PlanNode, { kind: 'subProcess' | 'callActivity' }>, scope: ScopeRun, locals: Record<string, unknown>, loopCounter: number): Promise<void> {
    let result: Record<string, unknown> = {};
    if (node.kind === 'serviceTask') result = await this.serviceTask(node, scope, locals, loopCounter);
    else if (node.kind === 'userTask') result = await this.userTask(node, scope, locals, loopCounter);
    else if (node.kind === 'subProcess') {
      const sub = Object.values(this.plan.nodes).find((n) => n.scope === node.scopeId && n.kind === 'startEvent');
      await this.runScope(node.scopeId, sub!.id, scope, locals);
    } else result = await this.callActivity(node, scope, locals);
    // Inside a multi-instance the results stay local to the instance (its outputElement reads them);
    // a call activity with output mappings passes on only what they map.
    const target = Object.keys(locals).length ? locals : this.variables;
    if (!(node.kind === 'callActivity' && node.outputs)) Object.assign(target, result);
    if (node.outputs) {
      const ctx = { ...scope.context(this.variables), ...locals, ...result };
      const mapped = await this.withIncidents(node, scope, () => Object.fromEntries(Object.entries(node.outputs!).map(([k, e]) => [k, feel(e, ctx)])));
      Object.assign(this.variables, mapped);
    }
  }

  private async multiInstance(node: ServiceTaskNode | UserTaskNode | Extract<PlanNode, { kind: 'subProcess' }>, multi: MultiInstance, scope: ScopeRun): Promise<void> {
    const items = await this.withIncidents(node, scope, () => {
      const value = feel(multi.collection, scope.context(this.variables));
      if (!Array.isArray(value)) throw new FeelError(multi.collection, 'the multi-instance collection is not a list');
      return value;
    });
    const results: unknown[] = new Array(items.length).fill(null);
    const one = async (item: unknown, index: number) => {
      const locals: Record<string, unknown> = { [multi.elementVariable]: item, loopCounter: index + 1 };
      await this.body(node, scope, locals, index + 1);
      if (multi.outputElement) results[index] = feel(multi.outputElement, { ...scope.context(this.variables), ...locals });
    };
    if (multi.sequential) for (let i = 0; i < items.length; i++) await one(items[i], i);
    else await Promise.all(items.map(one));
    if (multi.outputCollection) this.variables[multi.outputCollection] = results;
  }

  /**
   * Runs a task under its boundary events: timers and messages (interrupting
   * or not) and errors. Answers the boundary event that took over, if any.
   */
  private async withBoundaries(node: PlanNode, scope: ScopeRun, work: () => Promise<void>): Promise<BoundaryEventNode | undefined> {
    const boundaries = (node.boundary ?? []).map((id) => this.plan.nodes[id] as BoundaryEventNode);
    if (boundaries.length === 0) {
      await work();
      return undefined;
    }
    const body = new CancellationScope();
    const watchers = new CancellationScope();
    let interruptedBy: BoundaryEventNode | undefined;
    for (const b of boundaries.filter((x) => x.trigger.type !== 'error')) {
      void watchers.run(async () => {
        try {
          await this.catchEvent(b, b.trigger, scope);
        } catch (error) {
          if (isCancellation(error)) return;
          throw error;
        }
        if (b.cancelActivity) {
          interruptedBy ??= b;
          body.cancel();
        } else {
          this.completed[b.id] = (this.completed[b.id] ?? 0) + 1;
          for (const flow of b.outgoing) scope.spawn(() => this.walk(this.plan.flows[flow]!.target, scope));
        }
      }).catch(() => undefined);
    }
    try {
      await body.run(work);
      return undefined;
    } catch (error) {
      if (interruptedBy && isCancellation(error)) return interruptedBy;
      if (error instanceof BpmnErrorSignal) {
        const catcher = this.errorBoundary(boundaries, error.code);
        if (catcher) return catcher;
      }
      throw error;
    } finally {
      watchers.cancel();
    }
  }

  private errorBoundary(boundaries: BoundaryEventNode[], code: string): BoundaryEventNode | undefined {
    const errors = boundaries.filter((b) => b.trigger.type === 'error');
    return errors.find((b) => b.trigger.type === 'error' && b.trigger.errorCode === code)
      ?? errors.find((b) => b.trigger.type === 'error' && !b.trigger.errorCode);
  }

  /** The boundary error event that would catch this code, from the current scope outwards. */
  private catcherOf(scope: ScopeRun | undefined, code: string, node?: PlanNode): BoundaryEventNode | undefined {
    const hosts: PlanNode[] = [];
    if (node) hosts.push(node);
    for (let s = scope; s && s.parent; s = s.parent) hosts.push(this.plan.nodes[s.scopeId]!);
    for (const host of hosts) {
      const found = this.errorBoundary((host.boundary ?? []).map((id) => this.plan.nodes[id] as BoundaryEventNode), code);
      if (found) return found;
    }
    return undefined;
  }

  private activityFor(node: ServiceTaskNode): Activity {
    let proxy = this.proxies.get(node.id);
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
      this.proxies.set(node.id, proxy);
    }
    return proxy;
  }

  private async serviceTask(node: ServiceTaskNode, scope: ScopeRun, locals: Record<string, unknown>, loopCounter: number): Promise<Record<string, unknown>> {
    const visit = this.visits[node.id] ?? 1;
    const meta = {
      tenantId: this.input.tenantId, workflowId: workflowInfo().workflowId, elementId: node.id, loopCounter,
      idempotencyKey: `${workflowInfo().workflowId}/${node.id}/${visit}/${loopCounter}`,
    };
    for (;;) {
      let failure: string;
      try {
        const ctx = { ...scope.context(this.variables), ...locals };
        const input = Object.fromEntries(Object.entries(node.inputs).map(([k, e]) => [k, feel(e, ctx)]));
        const result = await this.activityFor(node)(input, meta);
        return node.resultVariable ? { [node.resultVariable]: result } : {};
      } catch (error) {
        if (isCancellation(error)) throw error;
        const code = bpmnErrorCode(error);
        if (code !== undefined && this.catcherOf(scope, code, node)) throw new BpmnErrorSignal(code);
        failure = describeFailure(error);
      }
      if ((await this.incident(node, failure, scope)) === 'skip') return {};
    }
  }

  private async userTask(node: UserTaskNode, scope: ScopeRun, locals: Record<string, unknown>, loopCounter: number): Promise<Record<string, unknown>> {
    const ctx = { ...scope.context(this.variables), ...locals };
    const computed = await this.withIncidents(node, scope, () => ({
      assignee: node.assignee ? nullableString(feel(node.assignee, ctx)) : null,
      dueAt: node.dueDate ? dueDate(String(feel(node.dueDate, ctx))) : null,
      priority: node.priority ? clampPriority(feel(node.priority, ctx)) : 50,
    }));
    const { taskId } = await engine['process.openTask']({
      tenantId: this.input.tenantId, instanceId: this.input.instanceId, workflowId: workflowInfo().workflowId,
      processKey: this.plan.processKey, businessKey: this.input.businessKey, elementId: node.id,
      taskKey: `${node.id}#${this.visits[node.id] ?? 1}#${loopCounter}`, name: node.name ?? null, formKey: node.formKey ?? null,
      inlineForm: node.inlineForm ?? null, candidateRoles: node.candidateRoles, candidateUsers: node.candidateUsers, ...computed,
    });
    const task: OpenTask = {
      taskId, elementId: node.id, name: node.name ?? null, candidateRoles: node.candidateRoles, candidateUsers: node.candidateUsers,
      assignee: computed.assignee, completion: null,
    };
    this.tasks.set(taskId, task);
    try {
      await condition(() => task.completion !== null);
    } catch (error) {
      if (isCancellation(error)) {
        await CancellationScope.nonCancellable(() => engine['process.closeTask']({ tenantId: this.input.tenantId, taskId, status: 'cancelled', completedBy: null, data: null }));
      }
      throw error;
    } finally {
      this.tasks.delete(taskId);
    }
    const { userId, data } = task.completion!;
    await engine['process.closeTask']({ tenantId: this.input.tenantId, taskId, status: 'completed', completedBy: userId, data });
    return data;
  }

  private async callActivity(node: Extract<PlanNode, { kind: 'callActivity' }>, scope: ScopeRun, locals: Record<string, unknown>): Promise<Record<string, unknown>> {
    const ctx = { ...scope.context(this.variables), ...locals };
    const variables = await this.withIncidents(node, scope, () => (node.inputs
      ? Object.fromEntries(Object.entries(node.inputs).map(([k, e]) => [k, feel(e, ctx)]))
      : { ...ctx }));
    const visit = this.visits[node.id] ?? 1;
    const workflowId = `${workflowInfo().workflowId}/${node.id}/${visit}`;
    const businessKey = `${this.input.businessKey}/${node.id}/${visit}`;
    for (;;) {
      let failure: string;
      try {
        const child = await engine['process.prepareChild']({
          tenantId: this.input.tenantId, processKey: node.calledProcessKey, workflowId, businessKey, startedBy: this.input.startedBy,
        });
        const result = await executeChild('bpmnProcess', {
          workflowId,
          args: [{ tenantId: this.input.tenantId, instanceId: child.instanceId, businessKey, plan: child.plan, variables, startedBy: this.input.startedBy }],
        }) as ProcessResult;
        return result.variables;
      } catch (error) {
        if (isCancellation(error)) throw error;
        failure = describeFailure(error);
      }
      if ((await this.incident(node, failure, scope)) === 'skip') return {};
    }
  }

  // ---- incidents ----

  /** Evaluates with incidents on FEEL errors: an operator retries (after fixing variables) or skips. */
  private async withIncidents<T>(node: PlanNode, scope: ScopeRun, evaluate: () => T): Promise<T> {
    for (;;) {
      try {
        return evaluate();
      } catch (error) {
        if (isCancellation(error) || !(error instanceof Error)) throw error;
        await this.incident(node, error.message, scope, false);
      }
    }
  }

  private async incident(node: PlanNode, message: string, _scope: ScopeRun, skippable = true): Promise<'retry' | 'skip'> {
    this.incidentCounts[node.id] = (this.incidentCounts[node.id] ?? 0) + 1;
    const key = `${node.id}#${this.visits[node.id] ?? 1}#${this.incidentCounts[node.id]}`;
    const { incidentId } = await engine['process.recordIncident']({
      tenantId: this.input.tenantId, instanceId: this.input.instanceId, workflowId: workflowInfo().workflowId,
      elementId: node.id, incidentKey: key, message,
    });
    const incident: Incident = { incidentId, elementId: node.id, message, at: new Date().toISOString(), resolution: null, skippable };
    this.incidents.set(incidentId, incident);
    try {
      await condition(() => incident.resolution !== null);
    } finally {
      this.incidents.delete(incidentId);
    }
    const resolution = incident.resolution!;
    Object.assign(this.variables, resolution.variables ?? {});
    await engine['process.resolveIncident']({
      tenantId: this.input.tenantId, instanceId: this.input.instanceId, incidentId, resolution: resolution.action, resolvedBy: null,
    });
    return resolution.action;
  }
}

function bpmnErrorCode(error: unknown): string | undefined {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (cause instanceof ApplicationFailure && cause.type === BPMN_ERROR_TYPE) {
    const code = cause.details?.[0];
    return typeof code === 'string' ? code : cause.message;
  }
  return undefined;
}

function describeFailure(error: unknown): string {
  if (error instanceof ActivityFailure && error.cause) return error.cause.message || error.message;
  return error instanceof Error ? error.message : String(error);
}

function nullableString(value: unknown): string | null {
  return value === null || value === undefined || value === '' ? null : String(value);
}

function clampPriority(value: unknown): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new FeelError(String(value), 'priority must be a number from 0 to 100');
  return Math.min(100, Math.max(0, Math.round(n)));
}

/** A due date is a duration from now (P2D) or a date-time. */
function dueDate(value: string): string {
  if (value.startsWith('P') || value.startsWith('-P')) return new Date(Date.now() + timerDelayMs({ duration: value }, Date.now())).toISOString();
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw new FeelError(value, 'a due date must be an ISO 8601 duration (P2D) or date-time');
  return new Date(at).toISOString();
}
