import { intlLocale } from '@/plugins/i18n';

/** Money, dates and date-times of the Epic Events screens. Amounts are integer cents (EUR). */

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** 150000 → "1 500,00 €" (French), "€1,500.00" (English). */
export function formatMoney(cents: number | string | null | undefined, currency = 'EUR'): string {
  if (cents === null || cents === undefined || cents === '') return '';
  const value = Number(cents);
  if (!Number.isFinite(value)) return String(cents);
  const key = `${intlLocale()}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(), { style: 'currency', currency });
    moneyFormats.set(key, format);
  }
  return format.format(value / 100);
}

/** Cents as typed text: 150000 → "1500,00". */
export function centsToInput(cents: number | string | null | undefined): string {
  if (cents === null || cents === undefined || cents === '') return '';
  const value = Number(cents);
  return Number.isFinite(value) ? (value / 100).toFixed(2).replace('.', ',') : String(cents);
}

/** Typed euros to cents ("1 500,5" → 150050), or null when it is not an amount. */
export function parseEuros(text: string): number | null {
  const normalised = text.trim().replace(/[\s\u202f\u00a0€]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(normalised)) return null;
  return Math.round(Number(normalised) * 100);
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

/** A calendar date ('2026-04-18') as "18/04/2026", without any time-zone shift. */
export function formatDay(value: string | null | undefined, timeZone = DEFAULT_TIME_ZONE): string {
  const day = toDay(value, timeZone);
  if (!day) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12));
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'short', timeZone: 'UTC' }).format(date);
}

/** Today in the time zone, as 'YYYY-MM-DD'. */
export function today(timeZone = DEFAULT_TIME_ZONE): string {
  return localParts(new Date(), timeZone).slice(0, 10);
}

function localParts(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** An instant as the value of an `<input type="datetime-local">` in the time zone ('2026-06-04T13:00'). */
export function toLocalInput(iso: string | null | undefined, timeZone = DEFAULT_TIME_ZONE): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : localParts(date, timeZone);
}

/** Minutes east of UTC of the time zone at an instant. */
function offsetMinutes(instant: number, timeZone: string): number {
  const local = localParts(new Date(instant), timeZone);
  const [day, time] = local.split('T') as [string, string];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  return Math.round((Date.UTC(y, m - 1, d, h, min) - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/**
 * A wall-clock date-time typed in the time zone ('2026-06-04T13:00') as ISO 8601 with its
 * offset ('2026-06-04T13:00:00+02:00'); null when the text is not such a date-time.
 */
export function fromLocalInput(local: string, timeZone = DEFAULT_TIME_ZONE): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local.trim());
  if (!match) return null;
  const [, y, m, d, h, min] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, m - 1, d, h, min);
  // Two passes settle the offset around a change of summer time.
  let offset = offsetMinutes(wall, timeZone);
  offset = offsetMinutes(wall - offset * 60_000, timeZone);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
