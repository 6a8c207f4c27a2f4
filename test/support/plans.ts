import { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS } from '../../domain/process/activity-definition';
import type { Plan, PlanNode } from '../../kernel/process/plan';

type NodeSpec = { id: string; kind: PlanNode['kind']; scope?: string } & Record<string, unknown>;
type FlowSpec = [id: string, source: string, target: string, condition?: string];

/**
 * A plan written by hand for interpreter tests (the compiler has its own
 * tests): incoming/outgoing, boundary lists and scopes are filled in.
 */
export function buildPlan(processKey: string, nodes: NodeSpec[], flows: FlowSpec[]): Plan {
  const plan: Plan = { processKey, version: 1, root: { id: processKey, startNodeIds: [] }, nodes: {}, flows: {} };
  for (const n of nodes) {
    const base: Record<string, unknown> = { scope: processKey, incoming: [], outgoing: [], ...n };
    if (n.kind === 'serviceTask') Object.assign(base, { inputs: {}, retry: { ...DEFAULT_RETRY, initialIntervalMs: 100 }, timeoutMs: DEFAULT_TIMEOUT_MS }, n);
    if (n.kind === 'userTask') Object.assign(base, { candidateRoles: [], candidateUsers: [] }, n);
    if (n.kind === 'startEvent' && !n.trigger) base.trigger = { type: 'none' };
    if (n.kind === 'endEvent' && !n.trigger) base.trigger = { type: 'none' };
    plan.nodes[n.id] = base as unknown as PlanNode;
  }
  for (const [id, source, target, condition] of flows) {
    plan.flows[id] = { id, source, target, ...(condition ? { condition } : {}) };
    plan.nodes[source]!.outgoing.push(id);
    plan.nodes[target]!.incoming.push(id);
  }
  for (const node of Object.values(plan.nodes)) {
    if (node.kind === 'boundaryEvent') {
      const host = plan.nodes[node.attachedTo]!;
      host.boundary = [...(host.boundary ?? []), node.id];
    }
    if (node.kind === 'startEvent' && node.scope === processKey) plan.root.startNodeIds.push(node.id);
  }
  return plan;
}
