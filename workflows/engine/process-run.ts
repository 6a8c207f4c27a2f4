import {
  ApplicationFailure, CancellationScope, condition, ContinueAsNew, continueAsNew, isCancellation, patched, proxyActivities, workflowInfo,
} from '@temporalio/workflow';
import type { EngineActivities } from '../../activities/process/engine.activities';
import type {
  CompleteTaskArgs, ElementInstance, ElementOutcome, IncidentView, OpenTaskView, ProcessInput, ProcessMessageArgs, ProcessResult,
  ProcessState, ResolveIncidentArgs,
} from '../../kernel/process/engine-types';
import { Catchers } from './catchers';
import { ElementLog } from './element-log';
import { feel, FeelError, holds } from '../../kernel/process/feel';
import type { GatewayNode, Plan, PlanNode } from '../../kernel/process/plan';
import { fireJoin, joinReady } from './joins';
import { Reachability } from './reachability';
import { ScopeRun, type HostControl, type JoinWaiter } from './scope-run';
import { EngineSignal, ProcessErrorEnd, TerminateSignal } from './signals';
import { describeFailure, incidentCause, type IncidentCause } from './values';

export interface OpenTask extends OpenTaskView {
  completion: { userId: string; data: Record<string, unknown> } | null;
}

interface Incident extends IncidentView {
  resolution: ResolveIncidentArgs | null;
  /** Skipping is refused where the element computes a value the process needs. */
  skippable: boolean;
}

export interface MessageWaiter {
  name: string;
  correlationKey: string;
  received: ProcessMessageArgs | null;
}

export const engine = proxyActivities<EngineActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Steps a run may take before it continues as new, keeping its history small (Temporal suggests it too). */
const DEFAULT_MAX_STEPS = 5_000;

type Ended = Exclude<ElementOutcome, 'active'>;

/**
 * An update the run refuses: its type is the catalogue code the API answers in the reader's
 * language (api/process/temporal-errors.ts), its details the code's parameters; the message is for logs.
 */
function refusal(code: string, message: string, params: Record<string, unknown> = {}): ApplicationFailure {
  return ApplicationFailure.create({ type: code, message, details: [params], nonRetryable: true });
}

export type { IncidentCause } from './values';

export interface ScopeOptions {
  /** The flow the first token arrives by. */
  via?: string;
  hostCtl?: HostControl;
  /** false when an event sub-process has taken the scope over: its watchers are not armed again. */
  armEvents?: boolean;
  /** The run of the same scope that was taken over: what it left to compensate carries on. */
  inherit?: ScopeRun;
}

const isJoin = (node: PlanNode): node is GatewayNode =>
  (node.kind === 'parallelGateway' || node.kind === 'inclusiveGateway') && node.incoming.length >= 2;

/**
 * The token machinery of the interpreter: scopes, tokens, joins, incidents,
 * the element history and the run's life (completion, cancellation,
 * failure, continue-as-new). What each kind of element does is in
 * ElementRun (element-run.ts), which extends this class. Deterministic:
 * everything it knows comes from its input, its activities' results and its
 * messages.
 */
export abstract class ProcessRun {
  protected readonly plan: Plan;
  protected readonly variables: Record<string, unknown>;
  protected readonly active: Record<string, number> = {};
  protected readonly completed: Record<string, number>;
  protected readonly visits: Record<string, number>;
  protected readonly tasks = new Map<string, OpenTask>();
  private readonly incidents = new Map<string, Incident>();
  protected readonly waiters: MessageWaiter[] = [];
  /** Messages that arrived before anyone waited for them. */
  protected readonly inbox: ProcessMessageArgs[] = [];
  private readonly incidentCounts: Record<string, number> = {};
  protected readonly log: ElementLog;
  private readonly reach: Reachability;
  /** Who catches errors and escalations, and the event sub-processes of each scope. */
  protected readonly catchers: Catchers;
  private root: ScopeRun | undefined;
  private status: ProcessState['status'] = 'running';
  protected cancelRequest: { reason: string; userId: string | null } | null = null;
  private steps = 0;
  /**
   * Runs started since 'engine-fewer-awaits' take the short path: an element
   * that completes at once (start, gateway, none end) is recorded without a
   * promise, an activity without boundary events or multi-instance is not
   * wrapped in their machinery, and the continue-as-new check is awaited only
   * when it is due. Each promise a workflow creates costs the SDK a stack
   * trace (its promise hook), and the order in which concurrent tokens emit
   * their commands follows the promises they await: runs recorded before keep
   * the long path, so their histories replay (docs/performance.md, "Process engine").
   */
  protected readonly fewerAwaits: boolean;

  constructor(protected readonly input: ProcessInput, private readonly maxSteps = DEFAULT_MAX_STEPS) {
    this.fewerAwaits = patched('engine-fewer-awaits');
    this.plan = input.plan;
    this.variables = { ...input.variables };
    this.completed = { ...(input.resume?.completed ?? {}) };
    this.visits = { ...(input.resume?.visits ?? {}) };
    this.inbox.push(...(input.inbox ?? []));
    this.log = new ElementLog(input.resume?.seq ?? 1);
    this.reach = new Reachability(this.plan);
    this.catchers = new Catchers(this.plan, input.parentCatches);
  }

  /** Executes one element; answers the flows its token leaves by. */
  protected abstract execute1(node: PlanNode, scope: ScopeRun, entry: ElementInstance): Promise<string[]>;

  /**
   * The flows an element leaves by when it completes at once, without waiting
   * for anything and without side effects (start events, gateways, none end
   * events); undefined when it does not, or when it cannot be decided without
   * an incident (execute1 then runs it).
   */
  protected abstract flowsAtOnce(node: PlanNode, scope: ScopeRun): string[] | undefined;

  // ---- handlers (queries, updates, signals) ----

  state(): ProcessState {
    return {
      status: this.status,
      activeElements: Object.keys(this.active).filter((id) => (this.active[id] ?? 0) > 0),
      completedElements: { ...this.completed },
      openTasks: [...this.tasks.values()].map(({ completion: _c, ...view }) => view),
      incidents: [...this.incidents.values()].map(({ resolution: _r, skippable: _s, ...view }) => view),
      variables: { ...this.variables },
      elements: this.log.all(),
      elementsFrom: this.log.firstSeq,
    };
  }

  /** Runs before the update is accepted: a refused completion leaves no trace in the history. */
  validateCompletion(args: CompleteTaskArgs): void {
    const task = this.tasks.get(args.taskId);
    if (!task || task.completion) throw refusal('engine.task-not-open', 'This task is no longer open: it was completed or cancelled.');
    const byRole = task.candidateRoles.some((r) => args.roles.includes(r));
    const byUser = task.assignee === args.userId || task.candidateUsers.includes(args.userId);
    if (!byRole && !byUser) throw refusal('engine.not-a-candidate', 'You are neither the assignee nor a candidate of this task.');
  }

  completeTask(args: CompleteTaskArgs): { ok: true } {
    this.tasks.get(args.taskId)!.completion = { userId: args.userId, data: args.data };
    return { ok: true };
  }

  validateResolution(args: ResolveIncidentArgs): void {
    const incident = this.incidents.get(args.incidentId);
    if (!incident || incident.resolution) throw refusal('engine.incident-not-open', 'This incident is not open.');
    if (args.action === 'skip' && !incident.skippable) {
      throw refusal('engine.cannot-skip', `Element ${incident.elementId} cannot be skipped: it computes a value the process needs. Correct the variables and retry.`, { elementId: incident.elementId });
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

  async run(): Promise<ProcessResult> {
    const startId = this.input.resume?.nodeId ?? this.startNode();
    let errorCode: string | undefined;
    let failure: string | null = null;
    try {
      await this.runScope(this.plan.root.id, startId, undefined, {}, { via: this.input.resume?.via });
      this.status = 'completed';
    } catch (error) {
      if (error instanceof ContinueAsNew) throw error;
      if (error instanceof TerminateSignal) this.status = 'completed';
      else if (error instanceof ProcessErrorEnd) {
        this.status = 'completed';
        errorCode = error.code;
      } else if (this.cancelRequest && isCancellation(error)) this.status = 'cancelled';
      else {
        // Never silent: the instance shows failed, with the reason, in the list, the monitor and the API.
        this.status = 'failed';
        failure = describeFailure(error);
      }
    }
    const status = this.status as 'completed' | 'cancelled' | 'failed';
    await CancellationScope.nonCancellable(() => engine['process.finishInstance']({
      tenantId: this.input.tenantId, instanceId: this.input.instanceId, status,
      reason: this.cancelRequest?.reason ?? failure, variables: this.variables, elements: this.log.all(),
    }));
    if (failure !== null) throw ApplicationFailure.nonRetryable(failure, 'ProcessFailed');
    if (errorCode !== undefined) return { status: 'error', errorCode, variables: this.variables };
    return { status: status === 'cancelled' ? 'cancelled' : 'completed', variables: this.variables };
  }

  private startNode(): string {
    if (this.input.startAt && this.plan.root.startNodeIds.includes(this.input.startAt)) return this.input.startAt;
    const starts = this.plan.root.startNodeIds.map((id) => this.plan.nodes[id]!);
    const none = starts.find((n) => n.kind === 'startEvent' && n.trigger.type === 'none');
    return (none ?? starts[0])!.id;
  }

  /**
   * Runs a scope (the process or an embedded sub-process) until its tokens
   * end. Its event sub-processes watch while it runs; an interrupting one (or
   * one an error starts) takes the scope over, and the scope completes when
   * it does. Answers the scope, for what it leaves to compensate.
   */
  protected async runScope(scopeId: string, startId: string, parent: ScopeRun | undefined, locals: Record<string, unknown>, opts: ScopeOptions = {}): Promise<ScopeRun> {
    const cancellation = new CancellationScope();
    const scope = new ScopeRun(scopeId, cancellation, parent, locals);
    scope.hostCtl = opts.hostCtl;
    if (opts.inherit) scope.compensable = opts.inherit.compensable;
    if (!parent) {
      this.root = scope;
      if (this.cancelRequest) cancellation.cancel();
    }
    let takeover: string | undefined;
    try {
      await cancellation.run(async () => {
        const watchers = new CancellationScope();
        if (opts.armEvents !== false) this.armEventSubProcesses(scope, watchers);
        scope.spawn(() => this.walk(startId, scope, opts.via));
        try {
          await scope.done();
        } finally {
          watchers.cancel();
        }
      });
    } catch (error) {
      // A scope already taken over is not taken over again (an event sub-process that throws what started it).
      takeover = opts.armEvents === false ? undefined : this.takeoverFor(scope, error);
      if (takeover === undefined) throw error;
    }
    if (takeover === undefined) return scope;
    return this.runScope(scopeId, takeover, parent, locals, { hostCtl: opts.hostCtl, armEvents: false, inherit: scope });
  }

  /** Starts the watchers of the scope's event sub-processes (timer, message, signal starts). */
  protected armEventSubProcesses(_scope: ScopeRun, _watchers: CancellationScope): void {}

  /** The event sub-process that takes the scope over after this exception, if any. */
  protected takeoverFor(_scope: ScopeRun, _error: unknown): string | undefined {
    return undefined;
  }

  /** Moves one token from element to element until it ends, or merges into another token at a join. */
  protected async walk(startId: string, scope: ScopeRun, via?: string): Promise<void> {
    const token = scope.track(startId);
    try {
      let nodeId = startId;
      let arrivedBy = via;
      for (;;) {
        scope.positions.set(token, nodeId);
        const node = this.plan.nodes[nodeId]!;
        if (isJoin(node) && !(await this.join(node, scope, arrivedBy, token))) return;
        const flows = this.fewerAwaits ? (this.stepAtOnce(node, scope) ?? await this.step(node, scope)) : await this.step(node, scope);
        if (flows.length === 0) return;
        for (const flow of flows.slice(1)) scope.spawn(() => this.walk(this.plan.flows[flow]!.target, scope, flow));
        arrivedBy = flows[0]!;
        nodeId = this.plan.flows[arrivedBy]!.target;
        if (!this.fewerAwaits) await this.maybeContinueAsNew(nodeId, arrivedBy, scope);
        else if (this.continueAsNewDue(scope)) await this.continueAsNewAt(nodeId, arrivedBy);
      }
    } finally {
      scope.positions.delete(token);
    }
  }

  /** An element that completes at once, recorded as step() records it, without a promise; undefined for any other. */
  private stepAtOnce(node: PlanNode, scope: ScopeRun): string[] | undefined {
    const flows = this.flowsAtOnce(node, scope);
    if (flows === undefined) return undefined;
    this.visits[node.id] = (this.visits[node.id] ?? 0) + 1;
    this.completed[node.id] = (this.completed[node.id] ?? 0) + 1;
    this.log.end(this.log.start(node), 'completed', flows);
    return flows;
  }

  /** One execution of one element, recorded in the element history. */
  protected async step(node: PlanNode, scope: ScopeRun): Promise<string[]> {
    this.visits[node.id] = (this.visits[node.id] ?? 0) + 1;
    this.active[node.id] = (this.active[node.id] ?? 0) + 1;
    const entry = this.log.start(node);
    let outcome: Ended = 'failed';
    let flows: string[] = [];
    try {
      flows = await this.executeOrIncident(node, scope, entry);
      outcome = 'completed';
      this.completed[node.id] = (this.completed[node.id] ?? 0) + 1;
      return flows;
    } catch (error) {
      outcome = this.outcomeOf(error, scope);
      throw error;
    } finally {
      this.active[node.id] = (this.active[node.id] ?? 1) - 1;
      this.log.end(entry, outcome, flows);
    }
  }

  /** An unexpected error in an element becomes an incident on it: nothing fails silently, an operator retries or skips. */
  private async executeOrIncident(node: PlanNode, scope: ScopeRun, entry: ElementInstance): Promise<string[]> {
    for (;;) {
      try {
        return await this.execute1(node, scope, entry);
      } catch (error) {
        if (isCancellation(error) || error instanceof EngineSignal || this.cancelRequest) throw error;
        if ((await this.incident(node, incidentCause(error), scope)) === 'skip') return node.outgoing;
      }
    }
  }

  /** How an element ended when an exception left it. */
  protected outcomeOf(error: unknown, scope: ScopeRun): Ended {
    if (isCancellation(error)) {
      if (scope.isTerminated()) return 'terminated';
      return this.cancelRequest ? 'cancelled' : 'interrupted';
    }
    return error instanceof EngineSignal ? 'interrupted' : 'failed';
  }

  /**
   * A token arrives at a joining gateway. Parallel: it fires when a token has
   * arrived on every incoming flow. Inclusive: when no token elsewhere in its
   * scope can still reach it. Answers true for the one token that goes on;
   * the others it took end here. A join that can never fire keeps its tokens
   * waiting, visibly: the instance does not complete.
   */
  private async join(node: GatewayNode, scope: ScopeRun, via: string | undefined, token: number): Promise<boolean> {
    const waiters = scope.joins.get(node.id) ?? [];
    scope.joins.set(node.id, waiters);
    const me: JoinWaiter = { flow: via, token, consumed: false };
    waiters.push(me);
    let goesOn = false;
    // Firing happens inside the predicate, so that two waiting tokens can never both fire one arrival set.
    const settle = () => {
      if (me.consumed) return true;
      if (!joinReady(node, scope, waiters, this.reach)) return false;
      fireJoin(node, waiters, me);
      goesOn = true;
      return true;
    };
    if (settle()) return goesOn;
    this.active[node.id] = (this.active[node.id] ?? 0) + 1;
    try {
      await condition(settle);
    } finally {
      this.active[node.id] = (this.active[node.id] ?? 1) - 1;
      if (!me.consumed) waiters.splice(waiters.indexOf(me), 1);
    }
    return goesOn;
  }

  /** What a subclass hands over to the run that continues this one as new. */
  protected carriedOver(): Partial<ProcessInput> {
    return {};
  }

  private async maybeContinueAsNew(nextNodeId: string, via: string, scope: ScopeRun): Promise<void> {
    if (!this.continueAsNewDue(scope)) return;
    await this.continueAsNewAt(nextNodeId, via);
  }

  /** Counts a step; true when the run should continue as new now. */
  private continueAsNewDue(scope: ScopeRun): boolean {
    this.steps += 1;
    const joinsWaiting = [...scope.joins.values()].some((w) => w.length > 0);
    // Event sub-processes of the process watch for as long as it runs: a new run would start their timers again.
    const quiet = scope === this.root && scope.tokens === 1 && !joinsWaiting && this.tasks.size === 0 && this.incidents.size === 0
      && this.waiters.length === 0 && !this.catchers.eventSubProcesses.has(scope.scopeId);
    return quiet && (this.steps >= this.maxSteps || workflowInfo().continueAsNewSuggested);
  }

  private async continueAsNewAt(nextNodeId: string, via: string): Promise<void> {
    // The history so far is stored before this run's events are left behind (runs recorded before it existed skip it).
    if (patched('element-history')) {
      await engine['process.recordElements']({ tenantId: this.input.tenantId, instanceId: this.input.instanceId, elements: this.log.all() });
    }
    await continueAsNew<(input: ProcessInput) => Promise<ProcessResult>>({
      ...this.input, ...this.carriedOver(), variables: this.variables, inbox: this.inbox.length ? [...this.inbox] : undefined,
      resume: { nodeId: nextNodeId, via, seq: this.log.nextSeq, completed: this.completed, visits: this.visits },
    });
  }

  // ---- incidents ----

  /** Evaluates with incidents on FEEL errors: an operator retries (after fixing variables); skipping is refused. */
  protected async withIncidents<T>(node: PlanNode, scope: ScopeRun, evaluate: () => T): Promise<T> {
    for (;;) {
      try {
        return evaluate();
      } catch (error) {
        if (isCancellation(error) || !(error instanceof Error) || error instanceof EngineSignal) throw error;
        await this.incident(node, error instanceof FeelError ? error : error.message, scope, false);
      }
    }
  }

  /** `cause`: a text (an activity's failure), or the engine's own reason with its code, which the monitor writes in the reader's language. */
  protected async incident(node: PlanNode, cause: IncidentCause, _scope: ScopeRun, skippable = true): Promise<'retry' | 'skip'> {
    this.incidentCounts[node.id] = (this.incidentCounts[node.id] ?? 0) + 1;
    const key = `${node.id}#${this.visits[node.id] ?? 1}#${this.incidentCounts[node.id]}`;
    const message = typeof cause === 'string' ? cause : cause.message;
    const { incidentId } = await engine['process.recordIncident']({
      tenantId: this.input.tenantId, instanceId: this.input.instanceId, workflowId: workflowInfo().workflowId,
      elementId: node.id, incidentKey: key, message, ...(typeof cause === 'string' ? {} : { reason: cause.reason }),
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

  /** A condition that holds, or an incident until it can be evaluated. */
  protected feelHolds(node: PlanNode, scope: ScopeRun, expression: string, context: Record<string, unknown>): Promise<boolean> {
    return this.withIncidents(node, scope, () => holds(expression, context));
  }

  protected feelValue(node: PlanNode, scope: ScopeRun, expression: string, context: Record<string, unknown>): Promise<unknown> {
    return this.withIncidents(node, scope, () => feel(expression, context));
  }
}

