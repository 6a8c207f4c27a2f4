import type { ElementInstance, ElementOutcome } from '../../kernel/process/engine-types';
import type { Plan } from '../../kernel/process/plan';

/** A branch a decision took, and why: the flow's name on the diagram, else its condition, else "by default". */
export interface TakenBranch {
  flowId: string;
  name: string | null;
  /** The FEEL condition that held (null: unconditional or the default flow). */
  condition: string | null;
  isDefault: boolean;
  targetId: string;
  targetName: string | null;
}

/** One line of an instance's business history: a step, who did it, when, and where it went next. */
export interface BusinessStep {
  id: string;
  elementId: string;
  name: string | null;
  type: string;
  outcome: ElementOutcome;
  startedAt: string;
  endedAt: string | null;
  loopCounter: number | null;
  /** User tasks: who completed it (the name only when the reader may see users), or who holds it while open. */
  completedBy: string | null;
  completedByName: string | null;
  assignee: string | null;
  assigneeName: string | null;
  /** Decisions (exclusive, inclusive, event-based gateways with a choice): the branches taken. */
  branches: TakenBranch[];
}

export interface StepTask {
  id: string;
  elementId: string;
  createdAt: Date | string;
  completedBy: string | null;
  assignee: string | null;
  status: string;
}

const DECISIONS = new Set(['exclusiveGateway', 'inclusiveGateway', 'eventBasedGateway']);
const time = (v: Date | string | null) => (v instanceof Date ? v.getTime() : v ? Date.parse(v) : 0);

/**
 * The element history told as business steps: merging gateways and parallel forks (no
 * choice made) are left out; a user task says who completed it; a decision says which
 * branch it took and why. In order of start.
 */
export function businessSteps(elements: readonly ElementInstance[], plan: Plan | undefined, tasks: readonly StepTask[], names: ReadonlyMap<string, string>): BusinessStep[] {
  const unused = [...tasks];
  const steps: BusinessStep[] = [];
  for (const e of elements) {
    const node = plan?.nodes[e.elementId];
    const isDecision = DECISIONS.has(e.type) || (node ? DECISIONS.has(node.kind) : false);
    const isGateway = /gateway/i.test(e.type) || (node?.kind.endsWith('Gateway') ?? false);
    if (isGateway && !(isDecision && (node?.outgoing.length ?? e.takenFlows.length) > 1)) continue;
    let task: StepTask | undefined;
    if (e.type === 'userTask' || node?.kind === 'userTask') {
      // The task of this visit: open while the element is, and created closest to its start.
      const score = (t: StepTask) => Math.abs(time(t.createdAt) - time(e.startedAt)) + ((t.status === 'open') === (e.outcome === 'active') ? 0 : 1e13);
      let best = -1;
      unused.forEach((t, i) => { if (t.elementId === e.elementId && (best < 0 || score(t) < score(unused[best]!))) best = i; });
      if (best >= 0) [task] = unused.splice(best, 1);
    }
    steps.push({
      id: `step-${e.seq}`, elementId: e.elementId, name: e.name ?? node?.name ?? null, type: e.type,
      outcome: e.outcome, startedAt: e.startedAt, endedAt: e.endedAt, loopCounter: e.loopCounter,
      completedBy: task?.completedBy ?? null, completedByName: task?.completedBy ? names.get(task.completedBy) ?? null : null,
      assignee: e.outcome === 'active' ? task?.assignee ?? null : null,
      assigneeName: e.outcome === 'active' && task?.assignee ? names.get(task.assignee) ?? null : null,
      branches: isDecision ? e.takenFlows.map((id) => branchOf(plan, node && 'defaultFlow' in node ? node.defaultFlow : undefined, id)) : [],
    });
  }
  return steps;
}

function branchOf(plan: Plan | undefined, defaultFlow: string | undefined, flowId: string): TakenBranch {
  const flow = plan?.flows[flowId];
  const target = flow ? plan?.nodes[flow.target] : undefined;
  return {
    flowId, name: flow?.name ?? null, condition: flow?.condition ?? null, isDefault: defaultFlow === flowId,
    targetId: flow?.target ?? '', targetName: target?.name ?? null,
  };
}
