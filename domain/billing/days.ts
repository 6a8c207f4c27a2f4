import { DateTime } from 'luxon';

/** Today's date in Paris (yyyy-mm-dd): documents carry calendar days. */
export function todayInParis(now = new Date()): string {
  return DateTime.fromJSDate(now, { zone: 'Europe/Paris' }).toISODate()!;
}

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}
