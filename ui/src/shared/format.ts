import { intlLocale } from '@/plugins/i18n';

const FALLBACK_TIME_ZONE = 'Europe/Paris';
let timeZone = FALLBACK_TIME_ZONE;

/** The organisation's time zone (from /auth/me); Europe/Paris until then. */
export function setTimeZone(zone: string | null | undefined): void {
  try {
    new Intl.DateTimeFormat('fr-FR', { timeZone: zone ?? FALLBACK_TIME_ZONE });
    timeZone = zone ?? FALLBACK_TIME_ZONE;
  } catch {
    timeZone = FALLBACK_TIME_ZONE;
  }
}

/** "12/03/2026 14:05" in French, in the organisation's time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'short', timeStyle: 'short', timeZone }).format(date);
}

/** A history value as text: null → "—", objects as JSON. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
