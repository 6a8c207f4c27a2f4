import { DateTime } from 'luxon';
import { formatCents, formatDate, ZONE } from '../../i18n/format';
import { percent } from '../billing.messages';

/**
 * How values read on a printed document, in its language: `1 234,56 €` / `€1,234.56`,
 * `3 décembre 2026` / `3 December 2026`, `5,5 %` / `5.5%`, `1,5` / `1.5`.
 *
 * The PDF's font (Roboto) has no narrow no-break space (U+202F, which `Intl` puts between French
 * thousands): every text printed goes through `printable`, which writes a no-break space instead.
 */
export type DocumentLanguage = 'fr' | 'en';

export function printable(text: string): string {
  return text.replace(/\u202f/g, '\u00a0');
}

export function money(cents: number, language: DocumentLanguage): string {
  return printable(formatCents(cents, language));
}

/** A calendar date written in full (`2026-12-03` → `3 décembre 2026`, `3 December 2026`). */
export function longDate(isoDate: string, language: DocumentLanguage): string {
  const date = DateTime.fromISO(isoDate, { zone: ZONE });
  return date.isValid ? date.setLocale(language === 'fr' ? 'fr-FR' : 'en-GB').toLocaleString(DateTime.DATE_FULL) : isoDate;
}

/** A calendar date in short (`3 déc. 2026`, `3 Dec 2026`), where space is tight. */
export function shortDate(isoDate: string, language: DocumentLanguage): string {
  return printable(formatDate(isoDate, language));
}

export function rate(basisPoints: number, language: DocumentLanguage): string {
  return printable(percent(basisPoints, language));
}

const quantityFormat = {
  fr: new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 3 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 }),
};

export function quantityText(value: number, language: DocumentLanguage): string {
  return printable(quantityFormat[language].format(value));
}

/** An IBAN in groups of four, as it is printed (`FR76 3000 6000 …`). */
export function ibanText(iban: string): string {
  return iban.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}
