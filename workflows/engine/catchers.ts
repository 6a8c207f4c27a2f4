import type { BoundaryEventNode, Plan, PlanNode, StartEventNode } from '../../kernel/process/plan';
import type { ScopeRun } from './scope-run';
import { BpmnErrorSignal, ProcessErrorEnd, type EngineSignal } from './signals';

/**
 * Who catches what a run throws: boundary error events, event sub-processes
 * of the scopes around, and the processes that called this one
 * (parentCatches, the codes they catch; "*": any). Plain lookups over the plan.
 */
export class Catchers {
  /** Event sub-processes by the scope they watch. */
  readonly eventSubProcesses = new Map<string, PlanNode[]>();
  /** The start event of each sub-process scope (an embedded or event sub-process has one). */
  private readonly starts = new Map<string, StartEventNode>();

  constructor(private readonly plan: Plan, private readonly parentCatches: string[] = []) {
    for (const node of Object.values(plan.nodes)) {
      if (node.kind === 'subProcess' && node.triggeredByEvent) this.eventSubProcesses.set(node.scope, [...(this.eventSubProcesses.get(node.scope) ?? []), node]);
      if (node.kind === 'startEvent' && !this.starts.has(node.scope)) this.starts.set(node.scope, node);
    }
  }


  /** The boundary error events of a node that catch this code: the exact code first, then a catch-all. */
  errorBoundary(node: PlanNode, code: string): BoundaryEventNode | undefined {
    const errors = (node.boundary ?? []).map((id) => this.plan.nodes[id] as BoundaryEventNode).filter((b) => b.trigger.type === 'error');
    return errors.find((b) => b.trigger.type === 'error' && b.trigger.errorCode === code)
      ?? errors.find((b) => b.trigger.type === 'error' && !b.trigger.errorCode);
  }

  /** The event sub-processes of a scope whose start event has this trigger type, matching the code (exact first, then catch-all). */
  eventSubProcessFor(scopeId: string, type: 'error' | 'escalation', code: string): { esp: PlanNode; start: StartEventNode } | undefined {
    const candidates = (this.eventSubProcesses.get(scopeId) ?? []).map((esp) => ({ esp, start: this.startOf(esp.id) }))
      .filter(({ start }) => start.trigger.type === type);
    const codeOf = (start: StartEventNode) => (start.trigger.type === 'error' ? start.trigger.errorCode : start.trigger.type === 'escalation' ? start.trigger.escalationCode : undefined);
    return candidates.find(({ start }) => codeOf(start) === code) ?? candidates.find(({ start }) => codeOf(start) === undefined);
  }

  /** The start event of a sub-process (an event sub-process has exactly one). */
  startOf(subProcessId: string): StartEventNode {
    const node = this.plan.nodes[subProcessId];
    return this.starts.get(node?.kind === 'subProcess' ? node.scopeId : subProcessId)!;
  }

  /** True when the scope is an event sub-process's. */
  isEventSubProcess(scopeId: string): boolean {
    const node = this.plan.nodes[scopeId];
    return node?.kind === 'subProcess' && node.triggeredByEvent === true;
  }

  /** True when an error raised here is caught in this process: a boundary, an event sub-process, from the inside out. */
  caughtHere(scope: ScopeRun | undefined, code: string, node?: PlanNode): boolean {
    if (node && this.errorBoundary(node, code)) return true;
    for (let s = scope; s; s = s.parent) {
      if (this.eventSubProcessFor(s.scopeId, 'error', code)) return true;
      if (s.parent && this.errorBoundary(this.plan.nodes[s.scopeId]!, code)) return true;
    }
    return false;
  }

  catches(scope: ScopeRun | undefined, code: string, node?: PlanNode): boolean {
    if (this.caughtHere(scope, code, node)) return true;
    const parent = this.parentCatches ?? [];
    return parent.includes('*') || parent.includes(code);
  }

  /** Every error code caught around an element, here and in the calling processes ("*": any): what a called process may end with. */
  errorCodesCaught(scope: ScopeRun | undefined, node: PlanNode): string[] {
    const codes = new Set(this.parentCatches ?? []);
    const boundaries = (host: PlanNode) => (host.boundary ?? []).map((id) => this.plan.nodes[id]!)
      .forEach((b) => { if (b.kind === 'boundaryEvent' && b.trigger.type === 'error') codes.add(b.trigger.errorCode ?? '*'); });
    boundaries(node);
    for (let s = scope; s; s = s.parent) {
      for (const esp of this.eventSubProcesses.get(s.scopeId) ?? []) {
        const start = this.startOf(esp.id);
        if (start.trigger.type === 'error') codes.add(start.trigger.errorCode ?? '*');
      }
      if (s.parent) boundaries(this.plan.nodes[s.scopeId]!);
    }
    return [...codes];
  }

  /** The signal that carries an error to its catcher: a boundary or event sub-process here, or the calling process. */
  errorSignal(scope: ScopeRun | undefined, code: string, node?: PlanNode): EngineSignal {
    return this.caughtHere(scope, code, node) ? new BpmnErrorSignal(code) : new ProcessErrorEnd(code);
  }
}
