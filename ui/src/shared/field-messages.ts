import { i18n } from '@/plugins/i18n';

/**
 * The API's field messages (English, from the shared field schemas) in the person's
 * language: each known message maps to an `errors.fields.*` key, with its parameters.
 * An unknown message is shown as it came rather than hidden.
 */
const KNOWN: Array<[RegExp, string]> = [
  [/^is required$/, 'required'],
  [/^must be at most (\d+) characters$/, 'tooLong'],
  [/^is not a valid email address$/, 'email'],
  [/^is not a valid phone number/, 'phone'],
  [/^must be 9 digits \(SIREN\)$/, 'siren'],
  [/^must be 14 digits \(SIRET\)$/, 'siret'],
  [/^must be an intra-EU VAT number/, 'vat'],
  [/^is not a valid postal code$/, 'postalCode'],
  [/^must be an ISO 3166 country code/, 'country'],
  [/^must be an identifier \(UUID\)$/, 'choice'],
  [/^must be a (?:site|billing site|contact) of the (?:same|contact's) account$/, 'sameAccount'],
  [/^is not a known field; remove it$/, 'unknown'],
];

export function fieldMessage(message: string): string {
  for (const [pattern, key] of KNOWN) {
    const match = pattern.exec(message);
    if (match) return i18n.global.t(`errors.fields.${key}`, { max: match[1] ?? '' });
  }
  return message;
}
