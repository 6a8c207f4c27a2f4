import { z } from 'zod';
import type { VendorReason } from '../core/bulk-action';
import type { LineStatus } from './line.schema';

/**
 * The rules of a line's status asked of its operator by a bulk (docs/adr/0047-bulk-vendor-phase.md), without I/O:
 * which order a status asks, what a line with or without the operator's id does, and what the operator's answer
 * makes of the line. The line's status moves only when the operator confirms (an order answered `pending` leaves
 * the line as it is until its end comes back by webhook or poll); a refused order leaves it as it was.
 */
export const OPERATOR_STATUS_KINDS = { suspended: 'suspend-line', active: 'resume-line', terminated: 'terminate-line' } as const;
export type OperatorStatus = keyof typeof OPERATOR_STATUS_KINDS;
export type OperatorStatusKind = (typeof OPERATOR_STATUS_KINDS)[OperatorStatus];

/** What a bulk item sends its sender (kept in the activity's memory, never in a workflow's history). */
export const operatorLineOrder = z.object({
  operatorKey: z.string().min(1),
  operatorLineId: z.string().min(1),
  kind: z.enum(['suspend-line', 'resume-line', 'terminate-line']),
  on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
}).strict();
export type OperatorLineOrder = z.infer<typeof operatorLineOrder>;

/** The status an ended order of these kinds gives the line, or undefined for another kind. */
export function statusOfKind(kind: string): OperatorStatus | undefined {
  return (Object.keys(OPERATOR_STATUS_KINDS) as OperatorStatus[]).find((s) => OPERATOR_STATUS_KINDS[s] === kind);
}

export type StatusStep =
  | { step: 'unchanged' }
  | { step: 'local' }
  | { step: 'already-ordered' }
  | { step: 'send'; order: OperatorLineOrder };

/**
 * What a bulk item does once the line's rule allows the status: nothing when the line already has it; changed in
 * Relais only when the line has no operator id (nothing to ask); nothing more when an order of that kind is
 * already pending at the operator for the line (a second run before the confirmation); else the order to send.
 */
export function statusStep(line: { operatorKey: string; operatorLineId: string | null }, status: OperatorStatus, change: boolean, on: string | null, pendingSameKind: boolean): StatusStep {
  if (!change) return { step: 'unchanged' };
  if (!line.operatorLineId) return { step: 'local' };
  if (pendingSameKind) return { step: 'already-ordered' };
  return { step: 'send', order: { operatorKey: line.operatorKey, operatorLineId: line.operatorLineId, kind: OPERATOR_STATUS_KINDS[status], on } };
}

/** The operator's answer as a bulk item reads it (structural: the domain does not import the integrations). */
export interface OrderAnswer {
  orderId: string;
  status: 'pending' | 'completed' | 'refused';
  reason: VendorReason | null;
}

export const NO_REASON: VendorReason = { fr: 'Refusé par l’opérateur (sans motif donné).', en: 'Refused by the operator (no reason given).' };

/** What the answer makes of the line: its status now (completed), later (pending), or not at all (refused, with the reason). */
export function answerEffect(answer: OrderAnswer): { effect: 'apply' } | { effect: 'wait' } | { effect: 'refused'; reason: VendorReason } {
  if (answer.status === 'completed') return { effect: 'apply' };
  if (answer.status === 'pending') return { effect: 'wait' };
  return { effect: 'refused', reason: answer.reason ?? NO_REASON };
}

export type { LineStatus };
