import { usageError } from './exit-codes';
import { tr } from './i18n';

/**
 * Amounts as people type them: "1500", "1500.50", "1 500,50 €", "1.500,50",
 * "1,500.50 EUR". A lone comma is a decimal comma (French habit); when both a
 * comma and a dot appear, the last one separates the cents. Computed on the
 * digits, never through floating point, so 0.1 + 0.2 stays exact.
 */
export function parseAmount(input: string, flag: string): number {
  const bad = () => usageError(
    tr(`${flag} "${input}" n'est pas un montant en euros : écrivez-le comme 1500, 1500.50 ou « 1 500,50 € ».`, `${flag} "${input}" is not an amount in euros: write it like 1500, 1500.50 or "1 500,50 €".`),
    [{ field: flag, message: tr('n\'est pas un montant en euros', 'is not an amount in euros') }],
  );
  // Spaces of every kind (including the narrow no-break space French formatting uses) and apostrophes group thousands.
  const text = input.trim().replace(/€|eur(os?)?/gi, '').replace(/[\s\u00a0\u202f']/g, '');
  if (!/^\d[\d.,]*$/.test(text)) throw bad();
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  let decimalSeparator: ',' | '.' | null = null;
  if (lastComma >= 0 && lastDot >= 0) decimalSeparator = lastComma > lastDot ? ',' : '.';
  else if (lastComma >= 0) decimalSeparator = text.split(',').length === 2 ? ',' : null;
  else if (lastDot >= 0) decimalSeparator = text.split('.').length === 2 ? '.' : null;
  let whole = text;
  let fraction = '';
  if (decimalSeparator) {
    const at = text.lastIndexOf(decimalSeparator);
    whole = text.slice(0, at);
    fraction = text.slice(at + 1);
  }
  const thousands = decimalSeparator === ',' ? '.' : ',';
  // Grouped digits must be groups of three ("1.500.000"), otherwise the number is probably mistyped.
  if (whole.includes(thousands) || (!decimalSeparator && /[.,]/.test(whole))) {
    if (!/^\d{1,3}([.,]\d{3})+$/.test(whole)) throw bad();
    whole = whole.replace(/[.,]/g, '');
  }
  if (!/^\d+$/.test(whole) || !/^\d{0,2}$/.test(fraction)) {
    if (/^\d{3}$/.test(fraction)) {
      // "1.500" or "1,500": thousands or decimals depending on who typed it; ask rather than guess.
      throw usageError(tr(
        `${flag} "${input}" est ambigu : écrivez ${whole}${fraction} pour ${whole}${fraction} euros, ou ${whole},${fraction.slice(0, 2)} avec deux décimales au plus.`,
        `${flag} "${input}" is ambiguous: write ${whole}${fraction} for ${whole}${fraction} euros, or ${whole},${fraction.slice(0, 2)} with at most two decimals.`,
      ), [{ field: flag, message: tr('est ambigu', 'is ambiguous') }]);
    }
    if (/^\d{4,}$/.test(fraction)) {
      throw usageError(
        tr(`${flag} "${input}" a plus de deux décimales : les montants sont en euros et centimes.`, `${flag} "${input}" has more than two decimals: amounts are in euros and cents.`),
        [{ field: flag, message: tr('a plus de deux décimales', 'has more than two decimals') }],
      );
    }
    throw bad();
  }
  const cents = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  if (cents > BigInt(Number.MAX_SAFE_INTEGER)) throw usageError(tr(`${flag} "${input}" est trop grand.`, `${flag} "${input}" is too large.`), [{ field: flag, message: tr('est trop grand', 'is too large') }]);
  return Number(cents);
}

const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/** "1 500,50 €", with plain spaces so that output stays easy to grep and to type back in. */
export function formatCents(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '';
  return EUROS.format(cents / 100).replace(/[\u00a0\u202f]/g, ' ');
}
