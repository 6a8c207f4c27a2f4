/**
 * Dates and times as people typed them in Epic Events' legacy spreadsheet
 * ("4 Jun 2023 @ 1PM", "04/06/2023 13:00", "4 juin 2023 @ 13h"), or as
 * Excel stores them (date cells, serial numbers). They are wall-clock times
 * in Paris: the result is an ISO 8601 instant with Paris's offset on that day
 * (+02:00 in summer, +01:00 in winter), computed by kernel/time/wall-clock.ts.
 */
import { daysInMonth, isoInZone, PARIS, wallClockAt, wallClockInstant, type WallClock as AnyWallClock } from '../../kernel/time/wall-clock';

export const LEGACY_TIME_ZONE = PARIS;

/** A spreadsheet's date and time, to the minute. */
export type WallClock = Omit<AnyWallClock, 'second'>;

export type LegacyDate =
  | { ok: true; iso: string; wallClock: WallClock; warning?: string }
  | { ok: false; message: string };

const EXAMPLE = 'e.g. "4 Jun 2023 @ 1PM", "4 juin 2023 @ 13h" or "04/06/2023 13:00"';

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

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** "1PM", "1:30 pm", "13h", "13 h 30", "13:00", "13:00:00", "midi", "noon", "minuit". */
function parseTime(text: string): Parsed<{ hour: number; minute: number }> {
  const t = text.trim().replace(/\s+/g, ' ');
  if (/^(?:midi|noon)$/.test(t)) return { ok: true, value: { hour: 12, minute: 0 } };
  if (/^(?:minuit|midnight)$/.test(t)) return { ok: true, value: { hour: 0, minute: 0 } };
  let m = /^(\d{1,2})(?:[:.](\d{2}))? ?([ap])\.? ?m\.?$/.exec(t);
  if (m) {
    const hour12 = Number(m[1]);
    const minute = Number(m[2] ?? 0);
    if (hour12 < 1 || hour12 > 12 || minute > 59) return { ok: false, message: `"${text.trim()}" is not a time on a 12-hour clock (1 to 12 AM or PM)` };
    const hour = (hour12 % 12) + (m[3] === 'p' ? 12 : 0);
    return { ok: true, value: { hour, minute } };
  }
  m = /^(\d{1,2}) ?h ?(?:(\d{2}) ?(?:min)?)?$/.exec(t) ?? /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (m) {
    const hour = Number(m[1]);
    const minute = Number(m[2] ?? 0);
    if (hour > 23 || minute > 59) return { ok: false, message: `"${text.trim()}" is not a time of day (00:00 to 23:59)` };
    return { ok: true, value: { hour, minute } };
  }
  return { ok: false, message: `"${text.trim()}" is not a time of day this import understands (1PM, 1:30 PM, 13h, 13h30, 13:00)` };
}

function makeDate(year: number, month: number, day: number): Parsed<{ year: number; month: number; day: number }> {
  if (month < 1 || month > 12) return { ok: false, message: `has no month ${month}` };
  if (year < 1900 || year > 2200) return { ok: false, message: `has an unlikely year ${year}` };
  if (day < 1 || day > daysInMonth(year, month)) return { ok: false, message: `has no day ${day} in ${pad(month)}/${year}` };
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
  if (!text) return { ok: false, message: 'is empty' };

  let date: Parsed<{ year: number; month: number; day: number }> | undefined;
  let timeText: string | undefined;
  let m = TEXT_MONTH_DAY_FIRST.exec(text);
  if (m) {
    const month = MONTHS[m[2]!];
    if (!month) return { ok: false, message: `"${input.trim()}": "${m[2]}" is not a month name (English or French)` };
    date = makeDate(Number(m[3]), month, Number(m[1]));
    timeText = m[4];
  } else if ((m = TEXT_MONTH_FIRST.exec(text)) && MONTHS[m[1]!]) {
    date = makeDate(Number(m[3]), MONTHS[m[1]!]!, Number(m[2]));
    timeText = m[4];
  } else if ((m = NUMERIC_DMY.exec(text))) {
    // French order, day first. A second number above 12 means month first: refuse rather than guess.
    if (Number(m[2]) > 12) return { ok: false, message: `"${input.trim()}" is not a day/month/year date (the month cannot be ${Number(m[2])})` };
    date = makeDate(Number(m[3]), Number(m[2]), Number(m[1]));
    timeText = m[4];
  } else if ((m = ISO_LOCAL.exec(text))) {
    date = makeDate(Number(m[1]), Number(m[2]), Number(m[3]));
    timeText = m[4]?.slice(0, 5);
  } else {
    return { ok: false, message: `"${input.trim()}" is not a date and time this import understands (${EXAMPLE})` };
  }
  if (!date.ok) return { ok: false, message: `"${input.trim()}" ${date.message}` };
  if (!timeText) return { ok: false, message: `"${input.trim()}" gives no time of day (${EXAMPLE})` };
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
    return { ok: false, message: `${label} does not exist in ${timeZone}: the clocks skip that hour when summer time starts; give a time before or after it` };
  }
  if (found.repeated) {
    return { ok: true, iso: found.iso, wallClock: w, warning: `${label} happens twice in ${timeZone} (the clocks go back that night): took the first one, ${found.iso}` };
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
    if (Number.isNaN(value.getTime())) return { ok: false, message: 'is not a valid date' };
    if (numFmt && !numFmtShowsTime(numFmt)) return { ok: false, message: `${value.toISOString().slice(0, 10)} is a date cell without a time of day: give the time too (${EXAMPLE})` };
    const serial = value.getTime() / 86_400_000 + 25569;
    return wallClockToIso(fromExcelSerial(serial), timeZone);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 1 || value > 110_000) return { ok: false, message: `${value} is not a date (${EXAMPLE})` };
    const w = fromExcelSerial(value);
    if (Number.isInteger(value)) return { ok: false, message: `${value} reads as the Excel date ${formatWallClock(w).slice(0, 10)} without a time of day: give the time too (${EXAMPLE})` };
    const result = wallClockToIso(w, timeZone);
    if (!result.ok) return result;
    const note = `${value} read as an Excel date serial number: ${formatWallClock(w)}`;
    return { ...result, warning: result.warning ? `${note}; ${result.warning}` : note };
  }
  if (typeof value !== 'string') return { ok: false, message: `is not a date (${EXAMPLE})` };
  const compact = value.trim().toLowerCase();
  if (ISO_WITH_OFFSET.test(compact)) {
    // Already an instant: shown again with Paris's offset so every imported date reads alike.
    const ms = Date.parse(value.trim());
    if (Number.isNaN(ms)) return { ok: false, message: `"${value.trim()}" is not a valid date and time` };
    const { year, month, day, hour, minute } = wallClockAt(ms, timeZone);
    return { ok: true, iso: isoInZone(ms, timeZone), wallClock: { year, month, day, hour, minute } };
  }
  const wall = parseWallClockText(value);
  if (!wall.ok) return wall;
  return wallClockToIso(wall.value, timeZone);
}
