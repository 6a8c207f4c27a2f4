import type { GatewayNode } from '../../kernel/process/plan';
import type { Reachability } from './reachability';
import type { JoinWaiter, ScopeRun } from './scope-run';

/**
 * When a joining gateway fires (BPMN 2.0 §13.3): parallel, when a token has
 * arrived on every incoming flow; inclusive, when no other token of its scope
 * can still reach it (as Camunda 8.8).
 */
export function joinReady(node: GatewayNode, scope: ScopeRun, waiters: JoinWaiter[], reach: Reachability): boolean {
  if (node.kind === 'parallelGateway') return node.incoming.every((f) => waiters.some((w) => w.flow === f));
  if (waiters.length === 0) return false;
  const here = new Set(waiters.map((w) => w.token));
  for (const [token, at] of scope.positions) {
    if (here.has(token) || at === node.id) continue;
    if (reach.canReach(at, node.id)) return false;
  }
  return true;
}

/** Takes one waiting token per incoming flow that has one (this token for its own flow); the rest wait for the next firing. */
export function fireJoin(node: GatewayNode, waiters: JoinWaiter[], me: JoinWaiter): void {
  const flows = node.kind === 'parallelGateway' ? node.incoming : [...new Set(waiters.map((w) => w.flow))];
  for (const flow of flows) {
    const taken = flow === me.flow ? me : waiters.find((w) => w.flow === flow);
    if (!taken) continue;
    taken.consumed = true;
    waiters.splice(waiters.indexOf(taken), 1);
  }
  if (!me.consumed) {
    me.consumed = true;
    waiters.splice(waiters.indexOf(me), 1);
  }
}
