import { DateTime } from 'luxon';

/**
 * Wall-clock times and the instants they name, read with Luxon from explicit
 * timestamps only (never the current time, so the answer does not depend on
 * when or where it is computed).
 */

/** The organisations' default time zone (DESIGN §3): a time written without an offset is Paris time. */
export const PARIS = 'Europe/Paris';

/** A date and time as a clock on the wall shows it, in no particular zone. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
}

/**
 * Where a wall-clock time falls in a zone. `exists: false`: the clocks skip it
 * (spring forward). `repeated`: the clocks show it twice (fall back); the
 * instant given is the first, summer-time one.
 */
export type WallClockInstant =
  | { exists: true; iso: string; epochMs: number; offsetMinutes: number; repeated: boolean }
  | { exists: false };

const ISO_WITH_OFFSET = "yyyy-MM-dd'T'HH:mm:ssZZ";

/** The same fields read as UTC, or null when they name no calendar date or time (31 February, 25:00). */
function asUtc(w: WallClock): DateTime | null {
  const second = w.second ?? 0;
  if (![w.year, w.month, w.day, w.hour, w.minute, second].every(Number.isInteger)) return null;
  const dt = DateTime.fromMillis(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, second), { zone: 'utc' });
  const same = dt.year === w.year && dt.month === w.month && dt.day === w.day && dt.hour === w.hour && dt.minute === w.minute && dt.second === second;
  return same ? dt : null;
}

/** Whether the fields name a real calendar date and time of day. */
export function isWallClock(w: WallClock): boolean {
  return asUtc(w) !== null;
}

/**
 * The instant at which a clock in `zone` shows this wall-clock time. Throws a
 * RangeError when the fields are not a date and time (check with isWallClock).
 */
export function wallClockInstant(w: WallClock, zone = PARIS): WallClockInstant {
  const utc = asUtc(w);
  if (!utc) throw new RangeError(`${JSON.stringify(w)} is not a date and time`);
  // keepLocalTime guesses the offset from the instant itself (not from the current time), so the answer is deterministic.
  const readings = utc.setZone(zone, { keepLocalTime: true }).getPossibleOffsets()
    .filter((dt) => dt.hour === utc.hour && dt.minute === utc.minute && dt.day === utc.day)
    .sort((a, b) => a.toMillis() - b.toMillis());
  const first = readings[0];
  if (!first) return { exists: false };
  return { exists: true, iso: first.toFormat(ISO_WITH_OFFSET), epochMs: first.toMillis(), offsetMinutes: first.offset, repeated: readings.length > 1 };
}

/** The wall-clock time a clock in `zone` shows at an instant. */
export function wallClockAt(epochMs: number, zone = PARIS): Required<WallClock> {
  const { year, month, day, hour, minute, second } = DateTime.fromMillis(epochMs, { zone });
  return { year, month, day, hour, minute, second };
}

/** Offset from UTC, in minutes, of `zone` at an instant (+120 in a Paris summer, +60 in winter). */
export function offsetMinutesAt(epochMs: number, zone = PARIS): number {
  return DateTime.fromMillis(epochMs, { zone }).offset;
}

/** An instant written in ISO 8601 with `zone`'s offset at that instant ("2026-06-04T13:00:00+02:00"). */
export function isoInZone(epochMs: number, zone = PARIS): string {
  return DateTime.fromMillis(epochMs, { zone }).toFormat(ISO_WITH_OFFSET);
}

/** Days in a month of the Gregorian calendar (28 to 31). */
export function daysInMonth(year: number, month: number): number {
  return DateTime.fromMillis(Date.UTC(year, month - 1, 1), { zone: 'utc' }).daysInMonth ?? 31;
}
