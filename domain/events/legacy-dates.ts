/**
 * Dates and times as people typed them in Epic Events' legacy spreadsheet
 * ("4 Jun 2023 @ 1PM", "04/06/2023 13:00", "4 juin 2023 @ 13h"), or as
 * Excel stores them (date cells, serial numbers). They are wall-clock times
 * in Paris: the result is an ISO 8601 instant with Paris's offset on that day
 * (+02:00 in summer, +01:00 in winter), computed by kernel/time/wall-clock.ts.
 */
import { daysInMonth, isoInZone, PARIS, wallClockAt, wallClockInstant, type WallClock as AnyWallClock } from '../../kernel/time/wall-clock';
import type { Message } from '../i18n/messages';
import { eventsMessage as m } from './events.messages';

export const LEGACY_TIME_ZONE = PARIS;

/** A spreadsheet's date and time, to the minute. */
export type WallClock = Omit<AnyWallClock, 'second'>;

/** Refusals and warnings are catalogue messages (events.messages.ts, `dates.*`), written in the reader's language. */
export type LegacyDate =
  | { ok: true; iso: string; wallClock: WallClock; warning?: Message }
  | { ok: false; message: Message };

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, janv: 1, janvier: 1,
  feb: 2, february: 2, fev: 2, fevr: 2, fevrier: 2,
  mar: 3, march: 3, mars: 3,
  apr: 4, april: 4, avr: 4, avril: 4,
  may: 5, mai: 5,
  jun: 6, june: 6, juin: 6,
  jul: 7, july: 7, juil: 7, juillet: 7,
  aug: 8, august: 8, aou: 8, aout: 8,
  sep: 9, sept: 9, september: 9, septembre: 9,
  oct: 10, october: 10, octobre: 10,
  nov: 11, november: 11, novembre: 11,
  dec: 12, december: 12, decembre: 12,
};

// A leading day of the week is dropped ("Sunday 4 June 2023", "dimanche 4 juin 2023"); French
// abbreviations are not, since "mar" is also March.
const WEEKDAYS = /^(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\.?,?\s+/;

function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function formatWallClock(w: WallClock): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: Message };

/** "1PM", "1:30 pm", "13h", "13 h 30", "13:00", "13:00:00", "midi", "noon", "minuit". */
function parseTime(text: string): Parsed<{ hour: number; minute: number }> {
  const t = text.trim().replace(/\s+/g, ' ');
  if (/^(?:midi|noon)$/.test(t)) return { ok: true, value: { hour: 12, minute: 0 } };
  if (/^(?:minuit|midnight)$/.test(t)) return { ok: true, value: { hour: 0, minute: 0 } };
  let match = /^(\d{1,2})(?:[:.](\d{2}))? ?([ap])\.? ?m\.?$/.exec(t);
  if (match) {
    const hour12 = Number(match[1]);
    const minute = Number(match[2] ?? 0);
    if (hour12 < 1 || hour12 > 12 || minute > 59) return { ok: false, message: m('dates.not-12-hour', { text: text.trim() }) };
    const hour = (hour12 % 12) + (match[3] === 'p' ? 12 : 0);
    return { ok: true, value: { hour, minute } };
  }
  match = /^(\d{1,2}) ?h ?(?:(\d{2}) ?(?:min)?)?$/.exec(t) ?? /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (match) {
    const hour = Number(match[1]);
    const minute = Number(match[2] ?? 0);
    if (hour > 23 || minute > 59) return { ok: false, message: m('dates.not-a-time', { text: text.trim() }) };
    return { ok: true, value: { hour, minute } };
  }
  return { ok: false, message: m('dates.unknown-time', { text: text.trim() }) };
}

/** `text`: the cell as written, which the refusal quotes. */
function makeDate(text: string, year: number, month: number, day: number): Parsed<{ year: number; month: number; day: number }> {
  if (month < 1 || month > 12) return { ok: false, message: m('dates.no-month', { text, month }) };
  if (year < 1900 || year > 2200) return { ok: false, message: m('dates.unlikely-year', { text, year }) };
  if (day < 1 || day > daysInMonth(year, month)) return { ok: false, message: m('dates.no-such-day', { text, day, month: pad(month), year }) };
  return { ok: true, value: { year, month, day } };
}

// Separators people put between the date and the time: "@", "at", "à", ",", "-".
const SEP = String.raw`(?:\s*(?:@|\bat\b|\ba\b|,|-)\s*|\s+)`;
const TEXT_MONTH_DAY_FIRST = new RegExp(String.raw`^(\d{1,2})(?:er|st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})(?:${SEP}(.+))?$`);
const TEXT_MONTH_FIRST = new RegExp(String.raw`^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:${SEP}(.+))?$`);
const NUMERIC_DMY = new RegExp(String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:${SEP}(.+))?$`);
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[t ]\s*(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}t\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})$/;

/** Reads a wall-clock date and time from text; nothing about time zones yet. */
export function parseWallClockText(input: string): Parsed<WallClock> {
  const text = stripAccents(input).toLowerCase().replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim().replace(WEEKDAYS, '');
  if (!text) return { ok: false, message: m('dates.empty') };
  const written = input.trim();

  let date: Parsed<{ year: number; month: number; day: number }> | undefined;
  let timeText: string | undefined;
  let match = TEXT_MONTH_DAY_FIRST.exec(text);
  if (match) {
    const month = MONTHS[match[2]!];
    if (!month) return { ok: false, message: m('dates.not-a-month', { text: written, word: match[2]! }) };
    date = makeDate(written, Number(match[3]), month, Number(match[1]));
    timeText = match[4];
  } else if ((match = TEXT_MONTH_FIRST.exec(text)) && MONTHS[match[1]!]) {
    date = makeDate(written, Number(match[3]), MONTHS[match[1]!]!, Number(match[2]));
    timeText = match[4];
  } else if ((match = NUMERIC_DMY.exec(text))) {
    // French order, day first. A second number above 12 means month first: refuse rather than guess.
    if (Number(match[2]) > 12) return { ok: false, message: m('dates.month-first', { text: written, month: Number(match[2]) }) };
    date = makeDate(written, Number(match[3]), Number(match[2]), Number(match[1]));
    timeText = match[4];
  } else if ((match = ISO_LOCAL.exec(text))) {
    date = makeDate(written, Number(match[1]), Number(match[2]), Number(match[3]));
    timeText = match[4]?.slice(0, 5);
  } else {
    return { ok: false, message: m('dates.not-understood', { text: written }) };
  }
  if (!date.ok) return date;
  if (!timeText) return { ok: false, message: m('dates.no-time', { text: written }) };
  const time = parseTime(timeText);
  if (!time.ok) return { ok: false, message: time.message };
  return { ok: true, value: { ...date.value, ...time.value } };
}

/**
 * The instant at which a Paris clock shows this wall-clock time. On the
 * spring-forward day a time such as 02:30 never shows (refused: the sheet
 * must say which was meant); on the fall-back day 02:30 shows twice (the
 * first, summer-time one is taken, with a warning).
 */
export function wallClockToIso(w: WallClock, timeZone = LEGACY_TIME_ZONE): LegacyDate {
  const label = formatWallClock(w);
  const found = wallClockInstant(w, timeZone);
  if (!found.exists) {
    return { ok: false, message: m('dates.skipped-hour', { wallClock: label, zone: timeZone }) };
  }
  if (found.repeated) {
    return { ok: true, iso: found.iso, wallClock: w, warning: m('dates.repeated-hour', { wallClock: label, zone: timeZone, iso: found.iso }) };
  }
  return { ok: true, iso: found.iso, wallClock: w };
}

/** Excel stores date-times as a day count since 1899-12-30 with the time as the fraction. */
function fromExcelSerial(serial: number): WallClock {
  const { year, month, day, hour, minute } = wallClockAt(Math.round((serial - 25569) * 86_400_000 / 60_000) * 60_000, 'UTC');
  return { year, month, day, hour, minute };
}

/** Whether an Excel number format shows the time of day ("d mmm yyyy h:mm", not "dd/mm/yyyy"). */
export function numFmtShowsTime(numFmt: string): boolean {
  const bare = numFmt.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '').replace(/\\./g, '');
  return /[hs]/i.test(bare);
}

/**
 * Reads a spreadsheet cell as a Paris date and time. `value` is what exceljs
 * gives: text, a Date (a date cell: its UTC fields are the wall clock shown in
 * Excel), or a number (a date serial whose cell is not formatted as a date).
 * `numFmt` is the cell's number format, when known.
 */
export function parseLegacyDate(value: unknown, numFmt?: string, timeZone = LEGACY_TIME_ZONE): LegacyDate {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, message: m('dates.invalid-date-cell') };
    if (numFmt && !numFmtShowsTime(numFmt)) return { ok: false, message: m('dates.date-without-time', { date: value.toISOString().slice(0, 10) }) };
    const serial = value.getTime() / 86_400_000 + 25569;
    return wallClockToIso(fromExcelSerial(serial), timeZone);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 1 || value > 110_000) return { ok: false, message: m('dates.number-not-a-date', { value }) };
    const w = fromExcelSerial(value);
    if (Number.isInteger(value)) return { ok: false, message: m('dates.serial-without-time', { value, date: formatWallClock(w).slice(0, 10) }) };
    const result = wallClockToIso(w, timeZone);
    if (!result.ok) return result;
    return { ...result, warning: m('dates.read-as-serial', { value, wallClock: formatWallClock(w), then: result.warning ?? null }) };
  }
  if (typeof value !== 'string') return { ok: false, message: m('dates.not-a-date') };
  const compact = value.trim().toLowerCase();
  if (ISO_WITH_OFFSET.test(compact)) {
    // Already an instant: shown again with Paris's offset so every imported date reads alike.
    const ms = Date.parse(value.trim());
    if (Number.isNaN(ms)) return { ok: false, message: m('dates.invalid-instant', { text: value.trim() }) };
    const { year, month, day, hour, minute } = wallClockAt(ms, timeZone);
    return { ok: true, iso: isoInZone(ms, timeZone), wallClock: { year, month, day, hour, minute } };
  }
  const wall = parseWallClockText(value);
  if (!wall.ok) return wall;
  return wallClockToIso(wall.value, timeZone);
}
