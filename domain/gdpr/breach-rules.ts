import type { BreachStatus, BreachUpdateInput, RiskLevel } from './breach.schema';

/**
 * The rules of a breach's life (GDPR art. 33 and 34), without I/O: the 72-hour clock from the moment the
 * organisation became aware, the escalations before it, the decisions an assessment may take, and the
 * statuses: declared → assessed → notified (or documented without notification) → closed.
 */
export const HOUR_MS = 3_600_000;
export const NOTIFICATION_WINDOW_HOURS = 72;
/** When the process reminds the data protection officer and the direction (hours after discovery); 72: overdue. */
export const ESCALATION_HOURS = [24, 48, 72] as const;
export type EscalationHours = (typeof ESCALATION_HOURS)[number];

export function deadlineOf(discoveredAt: Date | string): Date {
  return new Date(new Date(discoveredAt).getTime() + NOTIFICATION_WINDOW_HOURS * HOUR_MS);
}

export function escalationAt(discoveredAt: Date | string, hours: EscalationHours): Date {
  return new Date(new Date(discoveredAt).getTime() + hours * HOUR_MS);
}

/** Whether the CNIL's notification is still awaited: nothing decided yet, or decided and not yet sent. */
export function notificationPending(status: BreachStatus): boolean {
  return status === 'declared' || status === 'assessed';
}

/** Milliseconds left before the deadline (negative once late); null when nothing is awaited any more. */
export function msLeft(status: BreachStatus, discoveredAt: Date | string, now: Date): number | null {
  return notificationPending(status) ? deadlineOf(discoveredAt).getTime() - now.getTime() : null;
}

export interface Assessment {
  riskLevel: RiskLevel | null;
  authorityDecision: 'notify' | 'not-required' | null;
  authorityReason: string | null;
  peopleDecision: 'inform' | 'not-required' | null;
  peopleReason: string | null;
}

export type AssessmentProblem =
  | { field: 'authorityReason'; code: 'gdpr.breach.reason-required' }
  | { field: 'authorityDecision'; code: 'gdpr.breach.risk-needs-notification' }
  | { field: 'peopleReason'; code: 'gdpr.breach.people-reason-required' }
  | { field: 'riskLevel'; code: 'gdpr.breach.decision-needs-risk' };

/**
 * What an assessment may say. No notification only when the breach is unlikely to result in a risk
 * (art. 33.1), with its reason (art. 33.5); people not told of a high-risk breach only with a reason
 * (art. 34.3: data unintelligible, risk removed, disproportionate effort — then a public notice).
 */
export function assessmentProblems(a: Assessment): AssessmentProblem[] {
  const problems: AssessmentProblem[] = [];
  if ((a.authorityDecision || a.peopleDecision) && !a.riskLevel) problems.push({ field: 'riskLevel', code: 'gdpr.breach.decision-needs-risk' });
  if (a.authorityDecision === 'not-required' && a.riskLevel && a.riskLevel !== 'none') problems.push({ field: 'authorityDecision', code: 'gdpr.breach.risk-needs-notification' });
  if (a.authorityDecision === 'not-required' && !a.authorityReason?.trim()) problems.push({ field: 'authorityReason', code: 'gdpr.breach.reason-required' });
  if (a.riskLevel === 'high' && a.peopleDecision === 'not-required' && !a.peopleReason?.trim()) problems.push({ field: 'peopleReason', code: 'gdpr.breach.people-reason-required' });
  return problems;
}

/** The assessment after a change (the fields left out keep their value). */
export function assessedWith(current: Assessment, patch: BreachUpdateInput): Assessment {
  const pick = <K extends keyof Assessment>(k: K): Assessment[K] => (patch[k] === undefined ? current[k] : (patch[k] as Assessment[K]));
  return {
    riskLevel: pick('riskLevel'), authorityDecision: pick('authorityDecision'), authorityReason: pick('authorityReason'),
    peopleDecision: pick('peopleDecision'), peopleReason: pick('peopleReason'),
  };
}

/**
 * The status an assessment leads to: decided « no notification » → documented; a decision to notify →
 * assessed (waiting for the notification); a later status (notified, closed) is kept.
 */
export function statusAfterAssessment(status: BreachStatus, a: Assessment): BreachStatus {
  if (status === 'notified' || status === 'closed') return status;
  if (a.authorityDecision === 'not-required') return 'documented';
  if (a.authorityDecision === 'notify') return 'assessed';
  return status === 'documented' ? 'declared' : status;
}

/** Whether the people concerned are to be told through comms (art. 34). */
export function mustInformPeople(a: Pick<Assessment, 'riskLevel' | 'peopleDecision'>): boolean {
  return a.peopleDecision === 'inform' || (a.riskLevel === 'high' && a.peopleDecision !== 'not-required');
}

/** A breach may be closed once notified or documented. */
export function mayClose(status: BreachStatus): boolean {
  return status === 'notified' || status === 'documented';
}

/** `« 1 j 4 h »` style remaining time in whole hours (the list's column), negative: late. */
export function hoursLeft(ms: number): number {
  return ms >= 0 ? Math.floor(ms / HOUR_MS) : -Math.ceil(-ms / HOUR_MS);
}
