import type { FieldProblem } from '../errors';
import type { Text } from '../i18n/messages';
import {
  ACTION_PARAMS, SUPPLIER_KINDS, type ActionKind, type ActionSide, type ActionStatus, type DeploymentActionInput,
} from './deployment.schema';
import { deploymentsMessage as m } from './deployments.messages';

/**
 * The rules of a deployment, without I/O (docs/adr/0044-telecom-deployments.md): which side an action is on,
 * the order actions run in (supplier first, then billing, each side as asked), what an action needs, and what
 * undoes a completed one when the deployment is abandoned.
 */
export function sideOf(kind: ActionKind): ActionSide {
  return (SUPPLIER_KINDS as readonly string[]).includes(kind) ? 'supplier' : 'billing';
}

/** Kinds that act on a line the deployment names; the others (order-sim, hardware, fees) may name none. */
const NEEDS_LINE: ReadonlySet<ActionKind> = new Set(['create-line', 'modify-line', 'terminate-line', 'change-options', 'create-service', 'change-subscription', 'add-option']);

/** What the rules need to know of a line. */
export interface LineFacts {
  id: string;
  accountId: string;
  status: 'pending' | 'active' | 'suspended' | 'terminated';
  number: string | null;
}

export interface PlannedAction {
  position: number;
  side: ActionSide;
  kind: ActionKind;
  lineId: string | null;
  params: Record<string, unknown>;
}

/**
 * Checks the actions asked for against the account's lines and orders them: supplier actions first, then billing
 * ones, each side in the order given. Returns the problems (each naming `actions[i]…` or `lineIds[i]`) or the plan.
 */
export function planActions(
  accountId: string, lineIds: readonly string[], actions: readonly DeploymentActionInput[], lines: ReadonlyMap<string, LineFacts>,
): { problems: FieldProblem[] } | { lineIds: string[]; actions: PlannedAction[] } {
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: Text) => problems.push({ field, message });
  const allLines = [...new Set([...lineIds, ...actions.map((a) => a.lineId).filter((id): id is string => Boolean(id))])];
  allLines.forEach((id, index) => {
    const line = lines.get(id);
    if (!line || line.accountId !== accountId) problem(`lineIds[${index}]`, m('telecom.deployments.no-such-line', { index: index + 1 }));
  });
  const parsed: Array<Omit<PlannedAction, 'position'>> = [];
  actions.forEach((action, index) => {
    const field = `actions[${index}]`;
    const params = ACTION_PARAMS[action.kind].safeParse(action.params ?? {});
    if (!params.success) {
      const detail = params.error.issues.map((i) => i.path.join('.') || i.message).join(', ');
      problem(`${field}.params`, m('telecom.deployments.params', { kind: action.kind, detail }));
    }
    const lineId = action.lineId ?? null;
    if (NEEDS_LINE.has(action.kind) && !lineId) problem(`${field}.lineId`, m('telecom.deployments.line-needed', { kind: action.kind }));
    const line = lineId ? lines.get(lineId) : undefined;
    if (line && line.accountId === accountId) {
      const number = line.number ?? line.id.slice(0, 8);
      if (action.kind === 'create-line' && line.status !== 'pending') problem(`${field}.lineId`, m('telecom.deployments.line-not-pending', { number }));
      else if (action.kind !== 'create-line' && line.status === 'terminated') problem(`${field}.lineId`, m('telecom.deployments.line-terminated', { number, kind: action.kind }));
    }
    parsed.push({ side: sideOf(action.kind), kind: action.kind, lineId, params: params.success ? (params.data as Record<string, unknown>) : {} });
  });
  if (!allLines.length && !actions.length) problem('lineIds', m('telecom.deployments.nothing-to-do'));
  if (problems.length) return { problems };
  const ordered = [...parsed.filter((a) => a.side === 'supplier'), ...parsed.filter((a) => a.side === 'billing')];
  return { lineIds: allLines, actions: ordered.map((a, position) => ({ ...a, position })) };
}

/**
 * What undoes a completed action: terminating the line it created, cancelling the subscription it billed (its options
 * go with it). The billing-system port cancels subscriptions only: a one-off fee or hardware already charged stays (a
 * credit note is billing's, by hand), and so do changes of plan or options (the line keeps its new state).
 */
export type Compensation = 'terminate-line' | 'cancel-service' | null;

export function compensationOf(action: { kind: ActionKind; status: ActionStatus; externalRefs: Record<string, unknown> }): Compensation {
  if (action.status !== 'done' && action.status !== 'waiting') return null;
  if (action.kind === 'create-line') return 'terminate-line';
  if (action.kind === 'create-service' && action.externalRefs.serviceId) return 'cancel-service';
  return null;
}

/** The completed actions of one side to undo, most recent first (a saga's compensations run in reverse). */
export function compensationsFor<A extends { position: number; side: ActionSide; kind: ActionKind; status: ActionStatus; externalRefs: Record<string, unknown> }>(
  actions: readonly A[], side: ActionSide,
): Array<A & { compensation: Exclude<Compensation, null> }> {
  return actions
    .filter((a) => a.side === side)
    .map((a) => ({ ...a, compensation: compensationOf(a) }))
    .filter((a): a is A & { compensation: Exclude<Compensation, null> } => a.compensation !== null)
    .sort((a, b) => b.position - a.position);
}

/** An action's idempotency key at the vendor: stable across retries and replays, one per action and step. */
export function actionIdempotencyKey(tenantId: string, actionId: string, step: 'run' | 'compensate'): string {
  return `relais:${tenantId}:deployment-action:${actionId}:${step}`;
}
