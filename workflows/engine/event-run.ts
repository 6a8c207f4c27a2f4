import { CancellationScope, condition, isCancellation, sleep, workflowInfo } from '@temporalio/workflow';
import type { ProcessInput, ProcessMessageArgs, ProcessSignalArgs } from '../../kernel/process/engine-types';
import { parseCycle } from '../../kernel/process/cycle';
import { timerDelayMs } from '../../kernel/process/durations';
import { feel } from '../../kernel/process/feel';
import type { BoundaryEventNode, EventTrigger, IntermediateCatchNode, PlanNode, ReceiveTaskNode } from '../../kernel/process/plan';
import { engine, ProcessRun, type MessageWaiter } from './process-run';
import type { Compensable, ScopeRun } from './scope-run';
import { BpmnErrorSignal } from './signals';

/** How many broadcast ids an instance remembers (a retry comes within minutes of its first attempt). */
const REMEMBERED_SIGNALS = 100;

type Thrown = Extract<EventTrigger, { type: 'signal' } | { type: 'escalation' } | { type: 'compensation' }>;

interface SignalWaiter {
  name: string;
  received: ProcessSignalArgs | null;
}

/**
 * Events: waiting for timers (one-off and cycles), messages and signals;
 * throwing signals, escalations and compensations; event sub-processes;
 * event-based gateways. Element kinds are in ElementRun, which extends this.
 */
export abstract class EventRun extends ProcessRun {
  private readonly signalWaiters: SignalWaiter[] = [];
  /** The ids of the last broadcasts taken: a broadcast retried after its worker died signals again, and is not taken twice. */
  private readonly signalIds: string[] = [...(this.input.signalIds ?? [])];

  /** Runs one element outside the flow (a compensation handler), recorded in the history. */
  protected abstract runHandler(node: PlanNode, scope: ScopeRun, locals: Record<string, unknown>): Promise<void>;

  /** A signal broadcast in the tenant reaches every element of this instance waiting for its name (signals are not buffered). */
  deliverSignal(signal: ProcessSignalArgs): void {
    if (signal.signalId !== undefined) {
      if (this.signalIds.includes(signal.signalId)) return;
      this.signalIds.push(signal.signalId);
      if (this.signalIds.length > REMEMBERED_SIGNALS) this.signalIds.shift();
    }
    const waiting = this.signalWaiters.filter((w) => !w.received && w.name === signal.name);
    for (const w of waiting) w.received = signal;
  }

  protected override carriedOver(): Partial<ProcessInput> {
    return this.signalIds.length ? { signalIds: [...this.signalIds] } : {};
  }

  // ---- catching ----

  /** Waits for the event once. */
  protected async catchEvent(node: PlanNode, trigger: EventTrigger, scope: ScopeRun): Promise<void> {
    if (trigger.type === 'timer') {
      if (trigger.cycle !== undefined) {
        await this.watch(node, trigger, scope, false, () => undefined);
        return;
      }
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
    } else if (trigger.type === 'signal') {
      const signal = await this.waitForSignal(node.id, trigger.signalName);
      Object.assign(this.variables, signal.variables ?? {});
    }
  }

  /**
   * Waits for the event and calls onFire each time it happens: once, or
   * again and again when `repeat` (a non-interrupting boundary or event
   * sub-process: every message, every signal, every period of a cycle).
   */
  protected async watch(node: PlanNode, trigger: EventTrigger, scope: ScopeRun, repeat: boolean, onFire: () => void): Promise<void> {
    if (trigger.type === 'timer' && trigger.cycle !== undefined) {
      const cycle = await this.withIncidents(node, scope, () => parseCycle(String(feel(trigger.cycle!, scope.context(this.variables)))));
      let previous: number | null = null;
      for (let i = 0; i < cycle.repetitions; i++) {
        const at = cycle.next(previous, Date.now());
        if (!Number.isFinite(at)) return;
        await sleep(Math.max(0, at - Date.now()));
        previous = at;
        onFire();
        if (!repeat) return;
      }
      return;
    }
    do {
      await this.catchEvent(node, trigger, scope);
      onFire();
    } while (repeat && trigger.type !== 'timer');
  }

  private async waitForMessage(elementId: string, name: string, correlationKey: string): Promise<ProcessMessageArgs> {
    const buffered = this.inbox.findIndex((m) => m.name === name && m.correlationKey === correlationKey);
    if (buffered >= 0) return this.inbox.splice(buffered, 1)[0]!;
    // Listen before subscribing: a message sent as soon as the subscription exists is not missed.
    const waiter: MessageWaiter = { name, correlationKey, received: null };
    this.waiters.push(waiter);
    const where = { tenantId: this.input.tenantId, workflowId: workflowInfo().workflowId, elementId };
    try {
      // A message published before anyone waited was buffered by the API: subscribing hands it over.
      const subscribed = (await engine['process.subscribeMessage']({ ...where, messageName: name, correlationKey })) as
        { message?: ProcessMessageArgs | null } | undefined | void;
      if (subscribed && subscribed.message && !waiter.received) waiter.received = subscribed.message;
      await condition(() => waiter.received !== null);
      return waiter.received!;
    } finally {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      await CancellationScope.nonCancellable(() => engine['process.unsubscribeMessage'](where));
    }
  }

  private async waitForSignal(elementId: string, name: string): Promise<ProcessSignalArgs> {
    const waiter: SignalWaiter = { name, received: null };
    this.signalWaiters.push(waiter);
    const where = { tenantId: this.input.tenantId, workflowId: workflowInfo().workflowId, elementId };
    try {
      await engine['process.subscribeSignal']({ ...where, signalName: name });
      await condition(() => waiter.received !== null);
      return waiter.received!;
    } finally {
      this.signalWaiters.splice(this.signalWaiters.indexOf(waiter), 1);
      await CancellationScope.nonCancellable(() => engine['process.unsubscribeSignal'](where));
    }
  }

  /** Waits for the first of the events after the gateway; the others are withdrawn. */
  protected async eventBasedGateway(node: PlanNode, scope: ScopeRun): Promise<string[]> {
    const race = new CancellationScope();
    let winner: IntermediateCatchNode | ReceiveTaskNode | undefined;
    await race.run(() => Promise.race(node.outgoing.map(async (flowId) => {
      const target = this.plan.nodes[this.plan.flows[flowId]!.target] as IntermediateCatchNode | ReceiveTaskNode;
      try {
        await this.catchEvent(target, target.trigger, scope);
        if (!winner) {
          winner = target;
          race.cancel();
        }
      } catch (error) {
        // The losers are withdrawn; a cancellation from outside still cancels the gateway.
        if (!(isCancellation(error) && winner)) throw error;
      }
    })));
    this.completed[winner!.id] = (this.completed[winner!.id] ?? 0) + 1;
    this.log.instant(winner!, winner!.outgoing);
    return winner!.outgoing;
  }

  // ---- event sub-processes ----

  protected armEventSubProcesses(scope: ScopeRun, watchers: CancellationScope): void {
    for (const esp of this.catchers.eventSubProcesses.get(scope.scopeId) ?? []) {
      const start = this.catchers.startOf(esp.id);
      const trigger = start.trigger;
      if (trigger.type !== 'timer' && trigger.type !== 'message' && trigger.type !== 'signal') continue;
      const interrupting = start.interrupting !== false;
      watchers.run(() => this.watch(start, trigger, scope, !interrupting, () => {
        if (interrupting) scope.interrupt(esp.id);
        else scope.spawn(() => this.walk(esp.id, scope));
      })).catch((error) => {
        if (!isCancellation(error)) scope.fail(error);
      });
    }
  }

  protected takeoverFor(scope: ScopeRun, error: unknown): string | undefined {
    if (scope.interruptedBy !== undefined && isCancellation(error) && !this.cancelRequest) return scope.interruptedBy;
    if (error instanceof BpmnErrorSignal) return this.catchers.eventSubProcessFor(scope.scopeId, 'error', error.code)?.esp.id;
    return undefined;
  }

  // ---- throwing ----

  protected async throwEvent(node: PlanNode, trigger: Thrown, scope: ScopeRun): Promise<void> {
    if (trigger.type === 'signal') {
      // This instance's own waiters first (the broadcast skips the thrower), then the tenant's.
      this.deliverSignal({ name: trigger.signalName });
      await engine['process.broadcastSignal']({
        tenantId: this.input.tenantId, signalName: trigger.signalName, fromWorkflowId: workflowInfo().workflowId,
        idempotencyKey: `${workflowInfo().workflowId}/${node.id}/${this.visits[node.id] ?? 1}`,
      });
    } else if (trigger.type === 'escalation') {
      this.escalate(trigger.escalationCode ?? '', scope);
    } else {
      await this.compensate(scope, trigger.activityRef);
    }
  }

  /**
   * An escalation goes to the innermost catcher: an event sub-process of the
   * scope, else a boundary event of the sub-process around it, outwards.
   * Interrupting catchers stop what they catch; non-interrupting ones start
   * their path beside it. An escalation nobody catches is not an error: the
   * thrower goes on (BPMN 2.0 §10.5.4).
   */
  private escalate(code: string, scope: ScopeRun): void {
    for (let s: ScopeRun | undefined = scope; s; s = s.parent) {
      const found = this.catchers.eventSubProcessFor(s.scopeId, 'escalation', code);
      if (found) {
        if (found.start.interrupting !== false) s.interrupt(found.esp.id);
        else s.spawn(() => this.walk(found.esp.id, s!));
        return;
      }
      const host = s.hostCtl;
      const boundary = host && this.escalationBoundary(host.node, code);
      if (host && boundary) {
        if (boundary.cancelActivity) host.interrupt(boundary);
        else {
          this.completed[boundary.id] = (this.completed[boundary.id] ?? 0) + 1;
          this.log.instant(boundary, boundary.outgoing);
          for (const flow of boundary.outgoing) host.scope.spawn(() => this.walk(this.plan.flows[flow]!.target, host.scope, flow));
        }
        return;
      }
    }
  }

  private escalationBoundary(node: PlanNode, code: string): BoundaryEventNode | undefined {
    const found = (node.boundary ?? []).map((id) => this.plan.nodes[id] as BoundaryEventNode).filter((b) => b.trigger.type === 'escalation');
    const codeOf = (b: BoundaryEventNode) => (b.trigger.type === 'escalation' ? b.trigger.escalationCode : undefined);
    return found.find((b) => codeOf(b) === code) ?? found.find((b) => codeOf(b) === undefined);
  }

  /**
   * Undoes completed activities of the scope (an event sub-process
   * compensates the scope around it): the named one, or all, most recent
   * first; a completed sub-process without a handler of its own compensates
   * what completed inside it. Each is compensated once.
   */
  private async compensate(scope: ScopeRun, activityRef?: string): Promise<void> {
    const target = this.catchers.isEventSubProcess(scope.scopeId) && scope.parent ? scope.parent : scope;
    const records = target.compensable;
    const chosen = records.filter((r) => activityRef === undefined || r.nodeId === activityRef).reverse();
    for (const record of chosen) {
      records.splice(records.indexOf(record), 1);
      await this.runCompensation(record, target);
    }
  }

  private async runCompensation(record: Compensable, scope: ScopeRun): Promise<void> {
    if (record.handlerId) {
      await this.runHandler(this.plan.nodes[record.handlerId]!, scope, record.locals);
      return;
    }
    for (const inner of [...(record.inner ?? [])].reverse()) await this.runCompensation(inner, scope);
  }
}
