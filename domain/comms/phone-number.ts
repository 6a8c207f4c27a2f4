import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Recipients' numbers in E.164, French by default ("06 12 34 56 78" →
 * "+33612345678"). Anything that is not a valid number is refused before
 * a provider ever sees it.
 */
export function toE164(raw: string | null | undefined, defaultCountry: 'FR' = 'FR'): string | null {
  if (!raw || raw.length > 40) return null;
  const parsed = parsePhoneNumberFromString(raw, defaultCountry);
  return parsed && parsed.isValid() ? (parsed.number as string) : null;
}

/** Shown in lists instead of the full number: +33 6 •• •• •5 78. */
export function maskPhone(e164: string | null): string | null {
  if (!e164) return null;
  return `${e164.slice(0, 4)}${'•'.repeat(Math.max(0, e164.length - 7))}${e164.slice(-3)}`;
}
