import type { IntroductionStatus } from './companies.schema';

/**
 * An introduction's life (ADR 0052): proposed by the office, sent when the student was told (SMS or mail), then
 * accepted or declined by the company or the student, and closed at the end (an internship signed, or nothing
 * came of it). A closed introduction stays closed: a new one is made for a new try.
 */
const NEXT: Readonly<Record<IntroductionStatus, readonly IntroductionStatus[]>> = {
  proposed: ['sent', 'accepted', 'declined', 'closed'],
  sent: ['accepted', 'declined', 'closed'],
  accepted: ['closed'],
  declined: ['closed'],
  closed: [],
};

/** Whether an introduction may move from one status to the other (staying put is no move). */
export function canMove(from: IntroductionStatus, to: IntroductionStatus): boolean {
  return NEXT[from].includes(to);
}

/** The statuses still waiting for something (counted as open on a company). */
export const OPEN_STATUSES: readonly IntroductionStatus[] = ['proposed', 'sent', 'accepted'];
