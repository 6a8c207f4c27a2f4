import { DateTime } from 'luxon';
import type { Message } from '../i18n/messages';
import { planningMessage } from './planning.messages';

/**
 * Business time: the minutes an organisation works, in its time zone (spec 003 §2.3, SLA and
 * capacity). Pure and deterministic (Luxon, no clock read): SLA deadlines computed in an activity,
 * capacity in planning, the ticket list's « temps restant » all count the same way.
 *
 * A calendar is a working week by ISO weekday (1 = Monday … 7 = Sunday) of local wall-clock
 * intervals (`[["08:30","12:30"],["13:30","18:00"]]`) and holidays (local days, no work at all).
 * Wall-clock times are read in the calendar's zone each day, so a day of a daylight-saving change
 * counts what a clock on the wall shows: 8:30–18:00 is 8 h 30 of work on the last Sunday of March
 * as on any other day (a time that does not exist that night moves forward, a repeated one is the
 * first), and an interval spanning the change counts the real minutes elapsed.
 */
export interface BusinessCalendar {
  timeZone: string;
  /** Local intervals by ISO weekday "1".."7"; a missing or empty day is not worked. */
  weeklyHours: Partial<Record<string, ReadonlyArray<readonly [string, string]>>>;
  /** Local days off (`2026-05-01`). */
  holidays: readonly string[];
}

const MINUTE_MS = 60_000;
/** How far a computation looks for working time before it gives up (a calendar with no hours). */
const MAX_DAYS = 3_660;
const HH_MM = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** Why a calendar cannot count working time: a catalogue message (its French text as the error's message). */
export class BusinessCalendarError extends Error {
  constructor(readonly reason: Message) {
    super(reason.render('fr'));
  }
}

/** Each calendar's days already read (a calendar object is not changed once used), and its holidays as a set. */
const memo = new WeakMap<BusinessCalendar, { holidays: ReadonlySet<string>; days: Map<string, Array<[number, number]>> }>();

function memoOf(calendar: BusinessCalendar) {
  let found = memo.get(calendar);
  if (!found) memo.set(calendar, found = { holidays: new Set(calendar.holidays), days: new Map() });
  return found;
}

/** The calendar's working intervals of one local day, as instants (ms), in order. */
function dayIntervals(calendar: BusinessCalendar, day: DateTime): Array<[number, number]> {
  const date = day.toISODate()!;
  const { holidays, days } = memoOf(calendar);
  const known = days.get(date);
  if (known) return known;
  const out = holidays.has(date) ? [] : readDay(calendar, day, date);
  if (days.size > 5_000) days.clear();
  days.set(date, out);
  return out;
}

function readDay(calendar: BusinessCalendar, day: DateTime, date: string): Array<[number, number]> {
  const hours = calendar.weeklyHours[String(day.weekday)] ?? [];
  const out: Array<[number, number]> = [];
  for (const [from, to] of hours) {
    const start = localInstant(date, from, calendar.timeZone);
    const end = localInstant(date, to, calendar.timeZone);
    if (end > start) out.push([start, end]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

function localInstant(date: string, time: string, zone: string): number {
  if (!HH_MM.test(time)) throw new BusinessCalendarError(planningMessage('planning.calendar.bad-time', { time }));
  if (time.startsWith('24')) return DateTime.fromISO(date, { zone }).plus({ days: 1 }).startOf('day').toMillis();
  return DateTime.fromISO(`${date}T${time}`, { zone }).toMillis();
}

/** Checks a calendar once (zone, times, at least one working interval) before it is stored or used. */
export function validateCalendar(calendar: BusinessCalendar): void {
  if (!DateTime.now().setZone(calendar.timeZone).isValid) throw new BusinessCalendarError(planningMessage('planning.calendar.unknown-zone', { zone: calendar.timeZone }));
  let worked = 0;
  for (const [weekday, hours] of Object.entries(calendar.weeklyHours)) {
    if (!/^[1-7]$/.test(weekday)) throw new BusinessCalendarError(planningMessage('planning.calendar.bad-weekday', { weekday }));
    for (const [from, to] of hours ?? []) {
      if (!HH_MM.test(from) || !HH_MM.test(to)) throw new BusinessCalendarError(planningMessage('planning.calendar.bad-interval', { from, to }));
      if (to <= from) throw new BusinessCalendarError(planningMessage('planning.calendar.interval-backwards', { from, to }));
      worked++;
    }
    const sorted = [...(hours ?? [])].sort((a, b) => a[0].localeCompare(b[0]));
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]![0] < sorted[i - 1]![1]) throw new BusinessCalendarError(planningMessage('planning.calendar.overlap', { first: `${sorted[i - 1]![0]}–${sorted[i - 1]![1]}`, second: `${sorted[i]![0]}–${sorted[i]![1]}` }));
    }
  }
  if (worked === 0) throw new BusinessCalendarError(planningMessage('planning.calendar.no-hours'));
  for (const day of calendar.holidays) {
    if (!DateTime.fromISO(day).isValid || !/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new BusinessCalendarError(planningMessage('planning.calendar.bad-day', { day }));
  }
}

/** Walks the calendar's working intervals from the local day of `from`, forwards, calling `visit` until it answers true. */
function walk(calendar: BusinessCalendar, from: number, visit: (interval: [number, number]) => boolean): void {
  let day = DateTime.fromMillis(from, { zone: calendar.timeZone }).startOf('day');
  if (!day.isValid) throw new BusinessCalendarError(planningMessage('planning.calendar.unknown-zone', { zone: calendar.timeZone }));
  for (let i = 0; i < MAX_DAYS; i++, day = day.plus({ days: 1 })) {
    for (const interval of dayIntervals(calendar, day)) {
      if (interval[1] <= from) continue;
      if (visit(interval)) return;
    }
  }
  throw new BusinessCalendarError(planningMessage('planning.calendar.no-working-time', { days: MAX_DAYS }));
}

const toMs = (instant: Date | number) => (typeof instant === 'number' ? instant : instant.getTime());

/**
 * The instant `minutes` business minutes after `start` (fractions allowed: 70 % of 45 minutes).
 * Started outside working hours, the count begins at the next working interval; a result that
 * falls exactly at the end of an interval is that end (not the next morning).
 */
export function addBusinessMinutes(calendar: BusinessCalendar, start: Date | number, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new BusinessCalendarError(planningMessage('planning.calendar.negative-minutes', { minutes }));
  const from = toMs(start);
  let remaining = Math.round(minutes * MINUTE_MS);
  if (remaining === 0) return new Date(from);
  let result = from;
  walk(calendar, from, ([s, e]) => {
    const begin = Math.max(s, from);
    const available = e - begin;
    if (remaining <= available) {
      result = begin + remaining;
      return true;
    }
    remaining -= available;
    return false;
  });
  return new Date(result);
}

/** Business minutes between two instants (negative when `to` is before `from`), fractions kept to the millisecond. */
export function businessMinutesBetween(calendar: BusinessCalendar, from: Date | number, to: Date | number): number {
  const a = toMs(from);
  const b = toMs(to);
  if (b < a) return -businessMinutesBetween(calendar, b, a);
  if (b === a) return 0;
  let total = 0;
  walk(calendar, a, ([s, e]) => {
    if (s >= b) return true;
    total += Math.min(e, b) - Math.max(s, a);
    return e >= b;
  });
  return total / MINUTE_MS;
}

/** Whether the organisation works at that instant. */
export function isBusinessTime(calendar: BusinessCalendar, instant: Date | number): boolean {
  const at = toMs(instant);
  const day = DateTime.fromMillis(at, { zone: calendar.timeZone }).startOf('day');
  return dayIntervals(calendar, day).some(([s, e]) => at >= s && at < e);
}

/** Business minutes in one local week of the calendar (no holiday): its capacity per person. */
export function weeklyBusinessMinutes(calendar: Pick<BusinessCalendar, 'weeklyHours'>): number {
  let total = 0;
  for (const hours of Object.values(calendar.weeklyHours)) {
    for (const [from, to] of hours ?? []) {
      const [fh, fm] = from.split(':').map(Number) as [number, number];
      const [th, tm] = to.split(':').map(Number) as [number, number];
      total += th * 60 + tm - (fh * 60 + fm);
    }
  }
  return total;
}
