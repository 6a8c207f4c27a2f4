import { intlLocale } from '@/plugins/i18n';
import { DEFAULT_TIME_ZONE, toDay } from './time-zone';

/** Texts of values on screen: date-times, calendar dates, money (integer cents), history values. */

let timeZone = DEFAULT_TIME_ZONE;

/** The organisation's time zone (from /auth/me); Europe/Paris until then. */
export function setTimeZone(zone: string | null | undefined): void {
  try {
    new Intl.DateTimeFormat('fr-FR', { timeZone: zone ?? DEFAULT_TIME_ZONE });
    timeZone = zone ?? DEFAULT_TIME_ZONE;
  } catch {
    timeZone = DEFAULT_TIME_ZONE;
  }
}

/** "12/03/2026 14:05" in French, in the organisation's time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'short', timeStyle: 'short', timeZone }).format(date);
}

/** A calendar date ('2026-04-18') as "18/04/2026", without any time-zone shift. */
export function formatDay(value: string | null | undefined, zone = DEFAULT_TIME_ZONE): string {
  const day = toDay(value, zone);
  if (!day) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12));
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'short', timeZone: 'UTC' }).format(date);
}

/** A history value as text: null → "—", objects as JSON. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

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
