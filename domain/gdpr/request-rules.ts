import { DateTime } from 'luxon';

/**
 * The rules of a rights request's time and status (GDPR art. 12.3; docs/adr/0023-rights-requests.md), pure.
 * An answer is due one month after receipt, extendable once by two more months « where necessary, taking into
 * account the complexity and number of the requests », the person told why. Months are calendar months in
 * Paris: received on 31 January, due on 28 (or 29) February at the same hour.
 */
export const REQUEST_KINDS = ['access', 'erasure', 'portability', 'rectification', 'objection'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const REQUEST_STATUSES = ['received', 'verifying', 'in-progress', 'answered', 'refused'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const IDENTITY_METHODS = ['signed-in', 'id-document', 'known-address', 'in-person', 'other'] as const;
export type IdentityMethod = (typeof IDENTITY_METHODS)[number];

const ZONE = 'Europe/Paris';
/** The reminder before the deadline. */
export const REMINDER_DAYS_BEFORE = 7;

function plusMonths(from: Date, months: number): Date {
  return DateTime.fromJSDate(from, { zone: ZONE }).plus({ months }).toJSDate();
}

/** One month after receipt (art. 12.3). */
export function dueDateOf(receivedAt: Date): Date {
  return plusMonths(receivedAt, 1);
}

/** Extended: three months after receipt in all (one, then two more). */
export function extendedDueDateOf(receivedAt: Date): Date {
  return plusMonths(receivedAt, 3);
}

/** When the reminder falls: seven days before the deadline (the deadline itself when less is left). */
export function reminderDateOf(dueAt: Date, receivedAt: Date): Date {
  const reminder = DateTime.fromJSDate(dueAt, { zone: ZONE }).minus({ days: REMINDER_DAYS_BEFORE }).toJSDate();
  return reminder < receivedAt ? dueAt : reminder;
}

/** Whether the request still waits for its answer. */
export function isOpen(status: RequestStatus): boolean {
  return status !== 'answered' && status !== 'refused';
}

/** Whether the answer is late at `now` (the list highlights it). */
export function isOverdue(status: RequestStatus, dueAt: Date, now: Date): boolean {
  return isOpen(status) && dueAt.getTime() < now.getTime();
}

/** Access and portability answer with the export of the person's data. */
export function needsExport(kind: RequestKind): boolean {
  return kind === 'access' || kind === 'portability';
}

export type Refusal = 'closed' | 'already-extended' | 'not-verified' | 'verified-already';

/** Why an extension is refused, or null. */
export function extensionRefusal(status: RequestStatus, extendedAt: Date | null): Refusal | null {
  if (!isOpen(status)) return 'closed';
  return extendedAt ? 'already-extended' : null;
}

/** Why an identity verification is refused, or null. */
export function verificationRefusal(status: RequestStatus, verifiedAt: Date | null): Refusal | null {
  if (!isOpen(status)) return 'closed';
  return verifiedAt ? 'verified-already' : null;
}

/** Why an answer is refused: a request is answered once, and granted only to a person whose identity was verified. */
export function answerRefusal(status: RequestStatus, verifiedAt: Date | null, outcome: 'answered' | 'refused'): Refusal | null {
  if (!isOpen(status)) return 'closed';
  return outcome === 'answered' && !verifiedAt ? 'not-verified' : null;
}
