import { wallClockAt } from '../../kernel/time/wall-clock';

/**
 * Retention days (issue 15, docs/adr/0026-retention.md): pure calendar arithmetic on `YYYY-MM-DD` days
 * (Paris). A row expires on the day its clock's day is its duration ago: with a clock on 2023-03-10 and
 * `P3Y`, it is kept on 2026-03-09 and expires on 2026-03-10. A month or a year from the 31st or the 29th
 * of February ends on the month's last day (2024-02-29 + P1Y → 2025-02-28).
 */
export interface IsoDuration {
  years: number;
  months: number;
  days: number;
}

const DURATION = /^P(?=\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `P3Y` → 3 years; `P1Y6M` → 1 year and 6 months; anything else → null. */
export function parseIsoDuration(value: string): IsoDuration | null {
  const m = DURATION.exec(value);
  if (!m) return null;
  return { years: Number(m[1] ?? 0), months: Number(m[2] ?? 0), days: Number(m[3] ?? 0) };
}

function parseDay(day: string): { y: number; m: number; d: number } {
  const m = DAY.exec(day);
  if (!m) throw new Error(`not a day: ${day}`);
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Moves a day by a signed number of years, months and days (months clamp to the month's last day, then days are added). */
export function shiftDay(day: string, duration: IsoDuration, sign: 1 | -1): string {
  const { y, m, d } = parseDay(day);
  const months = y * 12 + (m - 1) + sign * (duration.years * 12 + duration.months);
  const year = Math.floor(months / 12);
  const month = (months % 12) + 1;
  const clamped = Math.min(d, lastDay(year, month));
  const date = new Date(Date.UTC(year, month - 1, clamped + sign * duration.days));
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function durationOf(value: string): IsoDuration {
  const duration = parseIsoDuration(value);
  if (!duration) throw new Error(`not an ISO 8601 duration: ${value}`);
  return duration;
}

/** The last clock day whose rows have expired by `today`: a row expires when its clock's day is on or before it. */
export function retentionCutoff(today: string, duration: string): string {
  return shiftDay(today, durationOf(duration), -1);
}

/** The day a row whose clock is on `clockDay` expires: the first day whose cutoff reaches it. */
export function expiresOn(clockDay: string, duration: string): string {
  const d = durationOf(duration);
  let day = shiftDay(clockDay, d, 1);
  // The month's end clamps: step back while the day before still reaches the clock, forward while it does not.
  while (retentionCutoff(shiftDay(day, { years: 0, months: 0, days: 1 }, -1), duration) >= clockDay) day = shiftDay(day, { years: 0, months: 0, days: 1 }, -1);
  while (retentionCutoff(day, duration) < clockDay) day = shiftDay(day, { years: 0, months: 0, days: 1 }, 1);
  return day;
}

/** Whether a row whose clock is on `clockDay` has expired by `today`. */
export function hasExpired(clockDay: string, duration: string, today: string): boolean {
  return clockDay <= retentionCutoff(today, duration);
}

/** The calendar day in Paris at an instant (the day a run or a hold is judged on). */
export function parisDay(epochMs: number): string {
  const clock = wallClockAt(epochMs);
  return `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}`;
}
