import { CancellationScope, isCancellation } from '@temporalio/workflow';
import type { ElementInstance } from '../../kernel/process/engine-types';
import { evaluateDecision } from '../../kernel/process/decision-table';
import { EventRun } from './event-run';
import { feel, FeelError, holds } from '../../kernel/process/feel';
import type { BoundaryEventNode, GatewayNode, MultiInstance, PlanNode } from '../../kernel/process/plan';
import type { HostControl, ScopeRun } from './scope-run';
import { BpmnErrorSignal, TerminateSignal } from './signals';
import { runCallActivity, runServiceTask, runUserTask, type Activity, type TaskHost } from './task-run';
import { cardinality, tooMany } from './values';

/** Elements that can carry boundary events and multi-instance markers. */
export type ActivityNode = Extract<PlanNode, { kind: 'serviceTask' | 'userTask' | 'subProcess' | 'callActivity' | 'receiveTask' | 'scriptTask' | 'businessRuleTask' }>;

/** Elements whose token leaves by every outgoing flow at once (a parallel gateway once its join has fired). */
const passesThrough = (node: PlanNode): boolean =>
  node.kind === 'startEvent' || node.kind === 'passThrough' || node.kind === 'boundaryEvent' || node.kind === 'parallelGateway';

/** What each kind of element does (BPMN 2.0 execution semantics, as Camunda 8 runs them). */
export class ElementRun extends EventRun {
  private readonly proxies = new Map<string, Activity>();

  protected async execute1(node: PlanNode, scope: ScopeRun, entry: ElementInstance): Promise<string[]> {
    switch (node.kind) {
      case 'startEvent':
      case 'passThrough':
      case 'boundaryEvent':
      case 'parallelGateway':
        return node.outgoing;
      case 'endEvent':
        return this.endEvent(node, scope, entry);
      case 'exclusiveGateway':
      case 'inclusiveGateway':
        return node.outgoing.length <= 1 ? node.outgoing : this.chooseFlows(node, scope);
      case 'eventBasedGateway':
        return this.eventBasedGateway(node, scope);
      case 'intermediateCatchEvent':
        await this.catchEvent(node, node.trigger, scope);
        return node.outgoing;
      case 'intermediateThrowEvent':
        await this.throwEvent(node, node.trigger, scope);
        return node.outgoing;
      default:
        // Nothing can interrupt it and it runs once: no boundary or multi-instance machinery (runs recorded before keep it).
        if (this.fewerAwaits && !node.multiInstance && !node.boundary?.length) return this.plainActivity(node, scope);
        return this.activityNode(node, scope, entry);
    }
  }

  protected flowsAtOnce(node: PlanNode, scope: ScopeRun): string[] | undefined {
    if (passesThrough(node)) return node.outgoing;
    switch (node.kind) {
      case 'endEvent':
        return node.trigger.type === 'none' ? [] : undefined;
      case 'exclusiveGateway':
      case 'inclusiveGateway':
        if (node.outgoing.length <= 1) return node.outgoing;
        try {
          return this.flowsOf(node, scope);
        } catch {
          // A condition that cannot be evaluated: execute1 evaluates it again and opens the incident.
          return undefined;
        }
      default:
        return undefined;
    }
  }

  private async endEvent(node: Extract<PlanNode, { kind: 'endEvent' }>, scope: ScopeRun, entry: ElementInstance): Promise<string[]> {
    if (node.trigger.type === 'terminate') {
      this.log.end(entry, 'completed');
      throw new TerminateSignal();
    }
    if (node.trigger.type === 'signal' || node.trigger.type === 'escalation' || node.trigger.type === 'compensation') {
      await this.throwEvent(node, node.trigger, scope);
      return [];
    }
    if (node.trigger.type === 'error') {
      const code = node.trigger.errorCode;
      for (;;) {
        if (this.catchers.catches(scope, code)) {
          this.log.end(entry, 'completed');
          throw this.catchers.errorSignal(scope, code);
        }
        // Nobody catches it: an operator decides (retry after deploying a catcher in a caller, or skip).
        const uncaught = { message: `Error "${code}" is thrown here but no boundary error event catches it.`, reason: { code: 'incident.uncaught-error', params: { code } } };
        if ((await this.incident(node, uncaught, scope)) === 'skip') return [];
      }
    }
    return [];
  }

  /** Exclusive: the first flow whose condition holds; inclusive: every such flow. Else the default flow. */
  private async chooseFlows(node: GatewayNode, scope: ScopeRun): Promise<string[]> {
    for (;;) {
      try {
        return this.flowsOf(node, scope);
      } catch (error) {
        if (!(error instanceof FeelError)) throw error;
        if ((await this.incident(node, error, scope)) === 'skip') return node.defaultFlow ? [node.defaultFlow] : [];
      }
    }
  }

  /** The flows a splitting gateway takes now; throws FeelError when none can be chosen. */
  private flowsOf(node: GatewayNode, scope: ScopeRun): string[] {
    const ctx = scope.context(this.variables);
    const taken: string[] = [];
    for (const id of node.outgoing.filter((f) => f !== node.defaultFlow)) {
      const flow = this.plan.flows[id]!;
      if (flow.condition === undefined || holds(flow.condition, ctx)) {
        taken.push(id);
        if (node.kind === 'exclusiveGateway') break;
      }
    }
    if (taken.length === 0 && node.defaultFlow) taken.push(node.defaultFlow);
    if (taken.length === 0) throw new FeelError('', 'no outgoing flow\'s condition holds and there is no default flow', { code: 'incident.no-flow', params: {} });
    return taken;
  }

  // ---- tasks, sub-processes, call activities, with boundary events and multi-instance ----

  /** An activity without boundary events or multi-instance: its body, then its outgoing flows. */
  private async plainActivity(node: ActivityNode, scope: ScopeRun): Promise<string[]> {
    await this.body(node, scope, {}, 1, { node, scope, interrupt: () => undefined });
    return node.outgoing;
  }

  private async activityNode(node: ActivityNode, scope: ScopeRun, entry: ElementInstance): Promise<string[]> {
    const boundary = await this.withBoundaries(node, scope, async (host) => {
      if (node.multiInstance) await this.multiInstance(node, node.multiInstance, scope, host);
      else await this.body(node, scope, {}, 1, host);
    });
    if (!boundary) return node.outgoing;
    this.log.end(entry, 'interrupted');
    this.completed[boundary.id] = (this.completed[boundary.id] ?? 0) + 1;
    this.log.instant(boundary, boundary.outgoing);
    return boundary.outgoing;
  }

  /** What the task runners (task-run.ts) use of this run: built once. */
  private readonly host: TaskHost = {
    input: this.input, plan: this.plan, variables: this.variables, visits: this.visits, tasks: this.tasks,
    withIncidents: (node, scope, evaluate) => this.withIncidents(node, scope, evaluate),
    incident: (node, message, scope) => this.incident(node, message, scope),
    catches: (scope, code, node) => this.catchers.catches(scope, code, node),
    errorSignal: (scope, code, node) => this.catchers.errorSignal(scope, code, node),
    errorCodesCaught: (scope, node) => this.catchers.errorCodesCaught(scope, node),
    proxies: this.proxies,
    credit: { userId: null },
  };

  /** A compensation handler, run by a compensation throw with the locals its activity completed with. */
  protected async runHandler(node: PlanNode, scope: ScopeRun, locals: Record<string, unknown>): Promise<void> {
    const entry = this.log.start(node, typeof locals.loopCounter === 'number' ? locals.loopCounter : null);
    try {
      await this.body(node as ActivityNode, scope, { ...locals }, typeof locals.loopCounter === 'number' ? locals.loopCounter : 1);
    } catch (error) {
      this.log.end(entry, this.outcomeOf(error, scope));
      throw error;
    }
    this.log.end(entry, 'completed');
  }

  private async body(node: ActivityNode, scope: ScopeRun, locals: Record<string, unknown>, loopCounter: number, host?: HostControl): Promise<void> {
    let result: Record<string, unknown> = {};
    switch (node.kind) {
      case 'serviceTask':
        result = await runServiceTask(this.host, node, scope, locals, loopCounter);
        break;
      case 'userTask':
        result = await runUserTask(this.host, node, scope, locals, loopCounter);
        break;
      case 'callActivity':
        result = await runCallActivity(this.host, node, scope, locals);
        break;
      case 'receiveTask':
        await this.catchEvent(node, node.trigger, scope);
        break;
      case 'scriptTask': {
        const value = await this.feelValue(node, scope, node.expression, { ...scope.context(this.variables), ...locals });
        if (node.resultVariable) result = { [node.resultVariable]: value };
        break;
      }
      case 'businessRuleTask': {
        // A decision that cannot be evaluated (two rules of a UNIQUE table match…) is an incident an operator retries after fixing variables.
        const value = await this.withIncidents(node, scope, () => evaluateDecision(node.decision, { ...scope.context(this.variables), ...locals }));
        if (node.resultVariable) result = { [node.resultVariable]: value };
        break;
      }
      case 'subProcess': {
        try {
          const inner = await this.runScope(node.scopeId, this.catchers.startOf(node.id).id, scope, locals, { hostCtl: host });
          // What completed inside stays compensable through the sub-process, unless it has its own handler.
          if (!node.compensatedBy && inner.compensable.length) scope.compensable.push({ nodeId: node.id, locals: {}, inner: inner.compensable });
        } catch (error) {
          // A terminate end event inside ends only the sub-process; the flow after it continues.
          if (!(error instanceof TerminateSignal)) throw error;
        }
        break;
      }
    }
    // Inside a multi-instance the results stay local to the instance (its outputElement reads them);
    // a call activity with output mappings passes on only what they map.
    if (node.compensatedBy && !node.isForCompensation) scope.compensable.push({ nodeId: node.id, handlerId: node.compensatedBy, locals: { ...locals } });
    const target = Object.keys(locals).length ? locals : this.variables;
    if (!(node.kind === 'callActivity' && node.outputs)) Object.assign(target, result);
    if (node.outputs) {
      const ctx = { ...scope.context(this.variables), ...locals, ...result };
      const mapped = await this.withIncidents(node, scope, () => Object.fromEntries(Object.entries(node.outputs!).map(([k, e]) => [k, feel(e, ctx)])));
      Object.assign(this.variables, mapped);
    }
  }

  /**
   * Runs the element once per item of the collection (or loopCardinality
   * times), in parallel or in sequence. A completion condition that holds
   * after an instance completes ends the others (they are interrupted).
   */
  private async multiInstance(node: ActivityNode, multi: MultiInstance, scope: ScopeRun, host: HostControl): Promise<void> {
    const items = await this.withIncidents(node, scope, () => {
      const ctx = scope.context(this.variables);
      if (multi.collection) {
        const value = feel(multi.collection, ctx);
        if (!Array.isArray(value)) throw new FeelError(multi.collection, 'the multi-instance collection is not a list', { code: 'incident.not-a-list', params: { expression: multi.collection } });
        tooMany(value.length, multi.collection);
        return value;
      }
      const n = cardinality(feel(multi.loopCardinality ?? '=0', ctx), multi.loopCardinality ?? '');
      return Array.from({ length: n }, (_, i) => i + 1);
    });
    const results: unknown[] = new Array(items.length).fill(null);
    const counts = { completed: 0, active: 0 };
    let finished = false;
    const instances = new CancellationScope();
    const one = async (item: unknown, index: number) => {
      if (finished) return;
      const locals: Record<string, unknown> = { loopCounter: index + 1, ...(multi.elementVariable ? { [multi.elementVariable]: item } : {}) };
      const entry = this.log.start(node, index + 1);
      counts.active += 1;
      try {
        await this.body(node, scope, locals, index + 1, host);
      } catch (error) {
        this.log.end(entry, this.outcomeOf(error, scope));
        if (finished && isCancellation(error)) return;
        throw error;
      } finally {
        counts.active -= 1;
      }
      this.log.end(entry, 'completed');
      counts.completed += 1;
      const ctx = { ...scope.context(this.variables), ...locals };
      if (multi.outputElement) results[index] = await this.feelValue(node, scope, multi.outputElement, ctx);
      if (multi.completionCondition && !finished) {
        const stats = { numberOfInstances: items.length, numberOfCompletedInstances: counts.completed, numberOfActiveInstances: counts.active };
        if (await this.feelHolds(node, scope, multi.completionCondition, { ...ctx, ...stats })) {
          finished = true;
          instances.cancel();
        }
      }
    };
    await instances.run(async () => {
      if (multi.sequential) for (let i = 0; i < items.length && !finished; i++) await one(items[i], i);
      else await Promise.all(items.map(one));
    });
    if (multi.outputCollection) this.variables[multi.outputCollection] = results;
  }

  /**
   * Runs an element under its boundary events: timers (one-off or cycles),
   * messages and signals (interrupting or not), errors, and the escalations
   * its inside throws (through the HostControl it hands to the work).
   * Answers the boundary event that took over, if any. The path a
   * non-interrupting event opens is a token of the enclosing scope: it lives
   * on after the element ends.
   */
  private async withBoundaries(node: PlanNode, scope: ScopeRun, work: (host: HostControl) => Promise<void>): Promise<BoundaryEventNode | undefined> {
    const boundaries = (node.boundary ?? []).map((id) => this.plan.nodes[id] as BoundaryEventNode);
    if (boundaries.length === 0) {
      // Nothing can interrupt it: no cancellation scopes to pay for.
      await work({ node, scope, interrupt: () => undefined });
      return undefined;
    }
    const body = new CancellationScope();
    const watchers = new CancellationScope();
    let interruptedBy: BoundaryEventNode | undefined;
    let watcherError: unknown;
    const host: HostControl = {
      node, scope,
      interrupt: (b) => {
        interruptedBy ??= b;
        body.cancel();
      },
    };
    for (const b of boundaries) {
      const trigger = b.trigger;
      if (trigger.type !== 'timer' && trigger.type !== 'message' && trigger.type !== 'signal') continue;
      watchers.run(() => this.watch(b, trigger, scope, !b.cancelActivity, () => {
        if (b.cancelActivity) host.interrupt(b);
        else {
          this.completed[b.id] = (this.completed[b.id] ?? 0) + 1;
          this.log.instant(b, b.outgoing);
          for (const flow of b.outgoing) scope.spawn(() => this.walk(this.plan.flows[flow]!.target, scope, flow));
        }
      })).catch((error) => {
        // A watcher that cannot watch (its timer's expression…) is never swallowed: the element stops with its error.
        if (isCancellation(error)) return;
        watcherError ??= error;
        body.cancel();
      });
    }
    try {
      await body.run(() => work(host));
      if (watcherError !== undefined) throw watcherError;
      return undefined;
    } catch (error) {
      if (watcherError !== undefined && isCancellation(error)) throw watcherError;
      if (interruptedBy && isCancellation(error)) return interruptedBy;
      if (error instanceof BpmnErrorSignal) {
        const catcher = this.catchers.errorBoundary(node, error.code);
        if (catcher) return catcher;
      }
      throw error;
    } finally {
      watchers.cancel();
    }
  }
}
