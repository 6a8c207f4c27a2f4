import { DateTime } from 'luxon';
import type { Locale } from './messages';

/** How values read in messages: euros from cents, dates and times in Paris. */
export const ZONE = 'Europe/Paris';

const money = {
  fr: new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }),
  en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }),
};

/** `1 250,50 €` in French, `€1,250.50` in English. */
export function formatCents(cents: number | string, locale: Locale): string {
  return money[locale].format(Number(cents) / 100);
}

function toParis(value: string | Date): DateTime {
  const parsed = value instanceof Date ? DateTime.fromJSDate(value) : DateTime.fromISO(value, { zone: ZONE });
  return parsed.setZone(ZONE);
}

/** `18 avr. 2026`, `18 Apr 2026`; an unreadable value is written as it came. */
export function formatDate(value: string | Date, locale: Locale): string {
  const d = toParis(value);
  return d.isValid ? d.setLocale(locale === 'fr' ? 'fr-FR' : 'en-GB').toLocaleString(DateTime.DATE_MED) : String(value);
}

/** `5 juin 2023, 14:00`, `5 Jun 2023, 14:00` (Paris time); an unreadable value is written as it came. */
export function formatDateTime(value: string | Date, locale: Locale): string {
  const d = toParis(value);
  return d.isValid ? d.setLocale(locale === 'fr' ? 'fr-FR' : 'en-GB').toLocaleString(DateTime.DATETIME_MED) : String(value);
}
