import type { ElementInstance, ElementOutcome } from '../../kernel/process/engine-types';
import type { PlanNode } from '../../kernel/process/plan';

/**
 * The instance's element history (Camunda Operate's "instance history"):
 * one entry per execution of an element, numbered in order of start across
 * continue-as-new runs. Workflow code: times are the workflow's clock.
 */
export class ElementLog {
  private readonly entries: ElementInstance[] = [];
  private next: number;

  constructor(readonly firstSeq = 1) {
    this.next = firstSeq;
  }

  start(node: PlanNode, loopCounter: number | null = null): ElementInstance {
    const entry: ElementInstance = {
      seq: this.next++, elementId: node.id, name: node.name ?? null, type: node.bpmnType ?? node.kind, scopeId: node.scope,
      loopCounter, startedAt: new Date().toISOString(), endedAt: null, outcome: 'active', takenFlows: [],
    };
    this.entries.push(entry);
    return entry;
  }

  end(entry: ElementInstance, outcome: Exclude<ElementOutcome, 'active'>, takenFlows: string[] = []): void {
    if (entry.outcome !== 'active') return;
    entry.outcome = outcome;
    entry.endedAt = new Date().toISOString();
    entry.takenFlows = [...takenFlows];
  }

  /** An element that happens at one instant (a boundary event that fires, an event gateway's winner). */
  instant(node: PlanNode, takenFlows: string[]): void {
    this.end(this.start(node), 'completed', takenFlows);
  }

  get nextSeq(): number {
    return this.next;
  }

  all(): ElementInstance[] {
    return this.entries.map((e) => ({ ...e, takenFlows: [...e.takenFlows] }));
  }
}
