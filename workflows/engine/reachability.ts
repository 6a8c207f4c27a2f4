import type { Plan } from '../../kernel/process/plan';

/**
 * Which nodes a token can still reach inside its scope, following sequence
 * flows and the boundary events of the nodes it passes. The inclusive join
 * waits while any token elsewhere in its scope can reach it (BPMN 2.0 §13.3.5,
 * as Camunda 8.8 implements it). Computed on demand and memoised per run.
 */
export class Reachability {
  private readonly memo = new Map<string, Set<string>>();

  constructor(private readonly plan: Plan) {}

  /** True when a token at `from` can arrive at `to` by one or more flows. */
  canReach(from: string, to: string): boolean {
    return this.downstream(from).has(to);
  }

  private downstream(from: string): Set<string> {
    let seen = this.memo.get(from);
    if (seen) return seen;
    seen = new Set<string>();
    const stack = [from];
    while (stack.length) {
      const id = stack.pop()!;
      const node = this.plan.nodes[id];
      if (!node) continue;
      const next = [...node.outgoing.map((f) => this.plan.flows[f]!.target), ...(node.boundary ?? [])];
      for (const target of next) {
        if (seen.has(target)) continue;
        seen.add(target);
        stack.push(target);
      }
    }
    this.memo.set(from, seen);
    return seen;
  }
}
