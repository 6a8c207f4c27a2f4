import { fromLocalInput } from '../../shared/time-zone';

/**
 * « Saisir du temps » (spec 003 §2.3.2, manual entry beside the timer): what a technician types
 * (a day, a start and end time or a duration, the kind, what was done) turned into the body of
 * `POST /api/v1/psa/time-entries`, checked as the API checks it (1 to 1,440 minutes), each refusal
 * naming its field. Pure, tested in test/ui.
 */
export interface TimeEntryFormValues {
  date: string;
  start: string;
  end: string;
  duration: string;
  kind: string;
  description: string;
}

export type TimeEntryFormError = 'date' | 'time' | 'duration' | 'durationOrTimes' | 'endBeforeStart' | 'tooLong';

export type TimeEntryFormCheck =
  | { ok: true; body: { minutes: number; kind: string; startedAt: string; description?: string } }
  | { ok: false; field: 'date' | 'start' | 'end' | 'duration'; error: TimeEntryFormError };

/** The API's bound on one entry: a day. */
export const MAX_ENTRY_MINUTES = 1440;

/** « 90 », « 1 h 30 », « 1h30 », « 1:30 », « 2 h », « 45 min », « 1,5 h » → minutes; null when it is not a duration. */
export function parseDuration(text: string): number | null {
  const s = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!s) return null;
  let m = /^(\d{1,4})( ?min)?$/.exec(s);
  if (m) return Number(m[1]);
  m = /^(\d{1,2}) ?[h:] ?(\d{1,2})?( ?min)?$/.exec(s);
  if (m && Number(m[2] ?? 0) < 60) return Number(m[1]) * 60 + Number(m[2] ?? 0);
  m = /^(\d{1,2})[,.](\d{1,2}) ?h$/.exec(s);
  if (m) return Math.round(Number(`${m[1]}.${m[2]}`) * 60);
  return null;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Minutes from « 09:00 » to « 10:30 »; null when either is not a time of day. */
export function minutesBetween(start: string, end: string): number | null {
  const a = TIME.exec(start.trim());
  const b = TIME.exec(end.trim());
  if (!a || !b) return null;
  return Number(b[1]) * 60 + Number(b[2]) - (Number(a[1]) * 60 + Number(a[2]));
}

/** The body to send, or the first field to correct. Without a start time the work is dated 9:00 that day. */
export function timeEntryBody(values: TimeEntryFormValues, timeZone: string): TimeEntryFormCheck {
  if (!DAY.test(values.date.trim())) return { ok: false, field: 'date', error: 'date' };
  const start = values.start.trim();
  const end = values.end.trim();
  if (start && !TIME.test(start)) return { ok: false, field: 'start', error: 'time' };
  if (end && !TIME.test(end)) return { ok: false, field: 'end', error: 'time' };
  let minutes: number | null;
  if (values.duration.trim()) {
    minutes = parseDuration(values.duration);
    if (minutes === null || minutes < 1) return { ok: false, field: 'duration', error: 'duration' };
  } else if (start && end) {
    minutes = minutesBetween(start, end);
    if (minutes === null || minutes < 1) return { ok: false, field: 'end', error: 'endBeforeStart' };
  } else {
    return { ok: false, field: 'duration', error: 'durationOrTimes' };
  }
  if (minutes > MAX_ENTRY_MINUTES) return { ok: false, field: 'duration', error: 'tooLong' };
  const startedAt = fromLocalInput(`${values.date.trim()}T${start || '09:00'}`, timeZone);
  if (!startedAt) return { ok: false, field: 'date', error: 'date' };
  const description = values.description.trim();
  return { ok: true, body: { minutes, kind: values.kind, startedAt, ...(description ? { description } : {}) } };
}
