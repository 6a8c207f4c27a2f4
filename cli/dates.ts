import { isWallClock, PARIS, wallClockAt, wallClockInstant, type WallClock } from '../kernel/time/wall-clock';
import { usageError } from './exit-codes';
import { tr } from './i18n';

/** Epic Events works in Paris: times typed without an offset are Paris wall-clock times. */
export const DEFAULT_TIME_ZONE = PARIS;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2})(?:[:h](\d{2}))?(?::(\d{2}))?h?)?$/i;
const FRENCH = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(?:à\s+)?(\d{1,2})(?:[:h](\d{2}))?h?)?$/i;

function parseWall(text: string): { wall: Required<WallClock>; hasTime: boolean } | null {
  const local = LOCAL.exec(text);
  const french = local ? null : FRENCH.exec(text);
  if (!local && !french) return null;
  const [year, month, day, hour, minute, second] = local
    ? [local[1], local[2], local[3], local[4], local[5], local[6]]
    : [french![3], french![2], french![1], french![4], french![5], undefined];
  const wall = { year: Number(year), month: Number(month), day: Number(day), hour: Number(hour ?? 0), minute: Number(minute ?? 0), second: Number(second ?? 0) };
  return isWallClock(wall) ? { wall, hasTime: hour !== undefined } : null;
}

/**
 * A date and time for the API (ISO 8601 with its offset). Accepts ISO with an
 * offset as is, and "2026-06-04 13:00", "2026-06-04T13:00", "04/06/2026 13h00"
 * as wall-clock times in `timeZone`.
 */
export function parseDateTime(input: string, flag: string, timeZone = DEFAULT_TIME_ZONE): string {
  const text = input.trim();
  const example = tr('écrivez-la comme « 2026-06-04 13:00 » (heure de Paris) ou 2026-06-04T13:00:00+02:00', 'write it like "2026-06-04 13:00" (Paris time) or 2026-06-04T13:00:00+02:00');
  const refuse = (fr: string, en: string, frField: string, enField: string) => usageError(tr(fr, en), [{ field: flag, message: tr(frField, enField) }]);
  if (ISO_WITH_OFFSET.test(text)) {
    if (Number.isNaN(Date.parse(text))) throw refuse(`${flag} "${input}" n'est pas une date valide : ${example}.`, `${flag} "${input}" is not a valid date: ${example}.`, 'n\'est pas une date valide', 'is not a valid date');
    return text;
  }
  const parsed = parseWall(text);
  if (!parsed) throw refuse(`${flag} "${input}" n'est pas une date et une heure : ${example}.`, `${flag} "${input}" is not a date and time: ${example}.`, 'n\'est pas une date et une heure', 'is not a date and time');
  if (!parsed.hasTime) throw refuse(`${flag} "${input}" demande aussi une heure : ${example}.`, `${flag} "${input}" needs a time too: ${example}.`, 'demande une heure', 'needs a time');
  // In the autumn's repeated hour the first (summer time) reading wins.
  const found = wallClockInstant(parsed.wall, timeZone);
  if (!found.exists) {
    throw refuse(
      `${flag} "${input}" n'existe pas dans le fuseau ${timeZone} (les horloges avancent cette nuit-là) : choisissez une autre heure.`,
      `${flag} "${input}" does not exist in ${timeZone} (the clocks go forward that night): choose another time.`,
      'n\'existe pas dans ce fuseau horaire', 'does not exist in this time zone',
    );
  }
  return found.iso;
}

/** A calendar date ("2026-04-18", "18/04/2026" or "today") as the API's YYYY-MM-DD. */
export function parseDate(input: string, flag: string, timeZone = DEFAULT_TIME_ZONE, now = new Date()): string {
  const text = input.trim();
  if (/^(today|aujourd'hui)$/i.test(text)) return formatDate(now, timeZone);
  const parsed = parseWall(text);
  if (!parsed || parsed.hasTime) {
    throw usageError(
      tr(`${flag} "${input}" n'est pas une date : écrivez-la comme 2026-04-18 ou 18/04/2026.`, `${flag} "${input}" is not a date: write it like 2026-04-18 or 18/04/2026.`),
      [{ field: flag, message: tr('n\'est pas une date', 'is not a date') }],
    );
  }
  const w = parsed.wall;
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** YYYY-MM-DD of an instant in `timeZone`. */
export function formatDate(instant: Date, timeZone = DEFAULT_TIME_ZONE): string {
  const w = wallClockAt(instant.getTime(), timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** "2026-06-04 13:00" in `timeZone`: the same shape the CLI accepts, so output can be typed back in. */
export function formatDateTime(value: string | null | undefined, timeZone = DEFAULT_TIME_ZONE): string {
  if (!value) return '';
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  const w = wallClockAt(instant.getTime(), timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
}
