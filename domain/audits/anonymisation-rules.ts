import { DateTime } from 'luxon';

/**
 * The mission's anonymisation, its dates (issue 16, docs/adr/0039-audit-anonymisation.md), pure.
 * Retention runs from the delivery: a mission delivered on day D (Paris) is anonymised at 4 am
 * (Paris) on day D + retention — a delivery at 3 pm with 30 days is still whole 29 days later and
 * gone 30 days later. Only `delivered_at` counts: a restored or re-opened mission keeps its day
 * (SysReptor #651). A mission lead may postpone once, to a later day, with a reason.
 */
export const ZONE = 'Europe/Paris';
export const ANONYMISE_HOUR = 4;
export const DEFAULT_RETENTION_DAYS = 30;
export const DEFAULT_KEY_ESCROW_DAYS = 1095;
/** The longest postponement: one year after the planned day. */
export const MAX_POSTPONE_DAYS = 365;

export const dayInParis = (at: Date): string => DateTime.fromJSDate(at, { zone: ZONE }).toISODate()!;

export function addDays(day: string, days: number): string {
  return DateTime.fromISO(day, { zone: ZONE }).plus({ days }).toISODate()!;
}

/** The instant a mission is anonymised on its day: 4 am in Paris (a clock change is Luxon's). */
export function anonymiseInstant(day: string): string {
  return DateTime.fromISO(day, { zone: ZONE }).set({ hour: ANONYMISE_HOUR }).toUTC().toISO()!;
}

/** The day a delivered mission is anonymised: its delivery's day in Paris plus its retention; a postponement replaces it. */
export function anonymiseDay(deliveredAt: Date, retentionDays: number, postponedUntil: string | null = null): string {
  return postponedUntil ?? addDays(dayInParis(deliveredAt), retentionDays);
}

export type PostponeRefusal =
  | { reason: 'not-delivered' }
  | { reason: 'anonymised' }
  | { reason: 'already-postponed'; until: string }
  | { reason: 'not-later'; planned: string }
  | { reason: 'too-far'; latest: string };

export interface PostponeFacts {
  status: string;
  plannedDay: string | null;
  postponedUntil: string | null;
}

/** The day asked (`until`, or `days` after the planned day), or why it is refused. */
export function postponement(facts: PostponeFacts, ask: { until?: string; days?: number }): { until: string } | PostponeRefusal {
  if (facts.status === 'anonymised') return { reason: 'anonymised' };
  if (facts.postponedUntil) return { reason: 'already-postponed', until: facts.postponedUntil };
  if (facts.status !== 'delivered' || !facts.plannedDay) return { reason: 'not-delivered' };
  const until = ask.until ?? addDays(facts.plannedDay, ask.days ?? 0);
  if (until <= facts.plannedDay) return { reason: 'not-later', planned: facts.plannedDay };
  const latest = addDays(facts.plannedDay, MAX_POSTPONE_DAYS);
  if (until > latest) return { reason: 'too-far', latest };
  return { until };
}

/** Days on site from the sites' intervals (each day counted once, however many sites that day). */
export function daysOnSite(intervals: ReadonlyArray<{ from: string | null; to: string | null }>): number {
  const days = new Set<string>();
  for (const { from, to } of intervals) {
    if (!from) continue;
    const last = to ?? from;
    for (let day = from; day <= last && days.size < 3660; day = addDays(day, 1)) days.add(day);
  }
  return days.size;
}

/** A NAF code's division (`62.02A` → `62`): the sector kept, never the company. */
export function sectorOf(nafCode: string | null | undefined): string | null {
  return nafCode && /^\d{2}/.test(nafCode) ? nafCode.slice(0, 2) : null;
}

/** `2026-03-17` → `2026-03-01`: statistics are by month. */
export const monthOf = (day: string): string => `${day.slice(0, 7)}-01`;
