import { DateTime } from 'luxon';

/**
 * Wall-clock date-times of the organisation's time zone ↔ instants, with Luxon.
 * Pure (no Vue, no i18n): the Jest suite imports it (test/ui-unit/time-zone.test.ts).
 */

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

/** What an `<input type="datetime-local">` holds: a date and a time, no offset. */
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/** An instant as the value of an `<input type="datetime-local">` in the time zone ('2026-06-04T13:00'); '' when unreadable. */
export function toLocalInput(iso: string | null | undefined, timeZone = DEFAULT_TIME_ZONE): string {
  if (!iso) return '';
  const instant = DateTime.fromISO(iso, { zone: timeZone });
  return instant.isValid ? instant.toFormat("yyyy-MM-dd'T'HH:mm") : '';
}

/**
 * A wall-clock date-time typed in the time zone ('2026-06-04T13:00') as ISO 8601 with its
 * offset ('2026-06-04T13:00:00+02:00'); null when the text is not such a date-time.
 * A time skipped when clocks go forward (02:30 on the last Sunday of March in Paris) moves
 * forward by the gap (03:30+02:00); a time that occurs twice when they go back (02:30 on the
 * last Sunday of October) is the second one, in winter time (02:30+01:00).
 */
export function fromLocalInput(local: string, timeZone = DEFAULT_TIME_ZONE): string | null {
  const text = local.trim();
  if (!LOCAL_DATE_TIME.test(text)) return null;
  const instant = DateTime.fromISO(text, { zone: timeZone });
  return instant.isValid ? instant.toISO({ suppressMilliseconds: true }) : null;
}

/**
 * A calendar date as 'YYYY-MM-DD'. The API may answer a full timestamp for a date column
 * (midnight where the server runs): read it in the organisation's time zone.
 */
export function toDay(value: string | null | undefined, timeZone = DEFAULT_TIME_ZONE): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return toLocalInput(value, timeZone).slice(0, 10) || value;
}

/** Today in the time zone, as 'YYYY-MM-DD'. */
export function today(timeZone = DEFAULT_TIME_ZONE, now: Date = new Date()): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).toISODate() ?? '';
}
