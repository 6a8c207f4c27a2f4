/**
 * The « Paramètres SLA » page's reading of what people type, pure (the Jest suite imports it:
 * test/ui/sla-settings.test.ts): targets in business minutes, a weekday's working hours as
 * « 08:30-12:30, 13:30-18:00 », holidays. Errors are keys of `psa.sla.errors`.
 */

/** Local wall-clock intervals by ISO weekday ('1' Monday … '7' Sunday): [['08:30', '12:30'], …]. */
export type WeeklyHours = Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', Array<[string, string]>>>;
export interface Holiday {
  day: string;
  label: string;
}

export const PRIORITIES = ['low', 'normal', 'high', 'critical'] as const;
export const TARGET_KINDS = ['responseMinutes', 'resolutionMinutes'] as const;
export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** The API's bound on a target (a year of minutes). */
export const MAX_TARGET_MINUTES = 525_600;

export type ParseError = 'minutes' | 'resolutionBeforeResponse' | 'hours' | 'hoursOrder' | 'holidayDay' | 'holidayLabel' | 'holidayTwice' | 'required' | 'noWorkingDay';

/** A target typed in minutes: a whole number from 1 to a year. */
export function parseMinutes(text: string): number | ParseError {
  const trimmed = text.trim().replace(/\s/g, '');
  if (!/^\d+$/.test(trimmed)) return 'minutes';
  const value = Number(trimmed);
  return value >= 1 && value <= MAX_TARGET_MINUTES ? value : 'minutes';
}

/** Business minutes as people say them: « 30 min », « 4 h », « 8 h 30 ». */
export function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (!hours) return `${rest} min`;
  return rest ? `${hours} h ${String(rest).padStart(2, '0')}` : `${hours} h`;
}

const TIME = /^([01]?\d|2[0-4])[:h]([0-5]\d)$/;
const time = (text: string): string | null => {
  const m = TIME.exec(text.trim());
  if (!m) return null;
  const value = `${m[1]!.padStart(2, '0')}:${m[2]}`;
  return value > '24:00' ? null : value;
};

/** A weekday's working hours typed as « 08:30-12:30, 13:30-18:00 » (empty: closed). Intervals ascending, not overlapping. */
export function parseDayHours(text: string): Array<[string, string]> | ParseError {
  const parts = text.split(/[,;]/).map((p) => p.trim()).filter(Boolean);
  const out: Array<[string, string]> = [];
  for (const part of parts) {
    const ends = part.split(/\s*[-–à]\s*/);
    if (ends.length !== 2) return 'hours';
    const from = time(ends[0]!);
    const to = time(ends[1]!);
    if (!from || !to) return 'hours';
    if (to <= from || (out.length && from < out.at(-1)![1])) return 'hoursOrder';
    out.push([from, to]);
  }
  return out;
}

/** A weekday's intervals as they are typed back. */
export function formatDayHours(intervals: ReadonlyArray<readonly [string, string]> | undefined): string {
  return (intervals ?? []).map(([from, to]) => `${from}-${to}`).join(', ');
}

/** The week as typed, day by day: the intervals, or each day's error. */
export function parseWeek(texts: Record<Weekday, string>): { week: WeeklyHours; errors: Partial<Record<Weekday, ParseError>> } {
  const week: WeeklyHours = {};
  const errors: Partial<Record<Weekday, ParseError>> = {};
  for (const day of WEEKDAYS) {
    const parsed = parseDayHours(texts[day]);
    if (typeof parsed === 'string') errors[day] = parsed;
    else if (parsed.length) week[day] = parsed;
  }
  return { week, errors };
}

/** A holiday to add: a date not already a holiday, and its name. */
export function checkHoliday(holiday: Holiday, existing: readonly Holiday[]): { field: 'day' | 'label'; error: ParseError } | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(holiday.day)) return { field: 'day', error: 'holidayDay' };
  if (existing.some((h) => h.day === holiday.day)) return { field: 'day', error: 'holidayTwice' };
  if (!holiday.label.trim()) return { field: 'label', error: 'holidayLabel' };
  return null;
}
