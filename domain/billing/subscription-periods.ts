import { DateTime } from 'luxon';

/**
 * The periods of a subscription (recurring invoicing, spec 003): calendar periods of one, three or
 * twelve months counted from its start date, each from its first day to the day before the next
 * one. Periods are anchored on the start date, not chained: a subscription started on 31 January
 * bills 31 Jan–27 Feb, 28 Feb–30 Mar, 31 Mar–29 Apr… (the day is kept where the month has it).
 * Dates are ISO calendar days (`2026-03-01`), no time and no zone.
 */
export type Frequency = 'monthly' | 'quarterly' | 'yearly';

export const MONTHS_PER_PERIOD: Record<Frequency, number> = { monthly: 1, quarterly: 3, yearly: 12 };

/** How many periods one run invoices for one subscription at most (the next run goes on): a start date years back cannot flood. */
export const MAX_PERIODS_PER_RUN = 24;

export interface Period {
  start: string;
  /** Inclusive: the day before the next period starts (or the subscription's end). */
  end: string;
}

const day = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const iso = (d: DateTime) => d.toISODate()!;

/** The start of period number `index` (0: the subscription's start). */
export function periodStartAt(startDate: string, frequency: Frequency, index: number): string {
  return iso(day(startDate).plus({ months: MONTHS_PER_PERIOD[frequency] * index }));
}

/** The period that starts on `periodStart` (a start of this subscription), cut at the day before `endDate` when it ends first. */
export function periodFrom(startDate: string, frequency: Frequency, periodStart: string, endDate: string | null = null): Period {
  const index = periodIndex(startDate, frequency, periodStart);
  const next = periodStartAt(startDate, frequency, index + 1);
  const stop = endDate !== null && endDate < next ? endDate : next;
  return { start: periodStart, end: iso(day(stop).minus({ days: 1 })) };
}

/** Which period `periodStart` begins; throws when it is not one of the subscription's period starts. */
export function periodIndex(startDate: string, frequency: Frequency, periodStart: string): number {
  const months = Math.round(day(periodStart).diff(day(startDate), 'months').months);
  const index = Math.max(0, Math.floor(months / MONTHS_PER_PERIOD[frequency]));
  for (const candidate of [index - 1, index, index + 1]) {
    if (candidate >= 0 && periodStartAt(startDate, frequency, candidate) === periodStart) return candidate;
  }
  throw new Error(`${periodStart} does not start a ${frequency} period of a subscription started on ${startDate}`);
}

export interface SubscriptionTimes {
  startDate: string;
  endDate: string | null;
  frequency: Frequency;
  /** The first period not invoiced yet. */
  nextPeriodStart: string;
}

/**
 * The periods to invoice on `today`: every period from the first one not invoiced yet that has
 * started by today (a period is billed on its first day, in advance), before the subscription's
 * end, oldest first, at most `limit`. A run that was missed finds them all; each is then invoiced
 * once (billing_subscription_periods).
 */
export function duePeriods(subscription: SubscriptionTimes, today: string, limit = MAX_PERIODS_PER_RUN): Period[] {
  const out: Period[] = [];
  let index = periodIndex(subscription.startDate, subscription.frequency, subscription.nextPeriodStart);
  for (;;) {
    const start = periodStartAt(subscription.startDate, subscription.frequency, index);
    if (start > today || (subscription.endDate !== null && start >= subscription.endDate) || out.length >= limit) return out;
    out.push(periodFrom(subscription.startDate, subscription.frequency, start, subscription.endDate));
    index++;
  }
}

/** The period start after `periodStart`. */
export function nextPeriodStart(startDate: string, frequency: Frequency, periodStart: string): string {
  return periodStartAt(startDate, frequency, periodIndex(startDate, frequency, periodStart) + 1);
}
