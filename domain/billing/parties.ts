import type { Knex } from 'knex';
import { UnprocessableError, ValidationError } from '../errors';
import { coreMessage } from '../i18n/core.messages';
import { billingMessage } from './billing.messages';
import type { BillingParty } from './document-view';

/**
 * The buyer of a document: the client account, with the address of its billing site when the
 * document names one. A buyer with a legal identity (legal name, SIREN, SIRET or VAT number) is a
 * business: the law then requires its address and, in France, its SIREN on the invoice (and the
 * €40 recovery indemnity applies); a private person needs only their name.
 */
type Row = Record<string, unknown>;
const EU = new Set(['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK']);

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

export async function loadBuyer(trx: Knex.Transaction, accountId: string, billingSiteId: string | null): Promise<{ party: BillingParty; accountName: string }> {
  const account = (await trx('accounts').where({ id: accountId }).first()) as Row | undefined;
  if (!account) throw new ValidationError([{ field: 'accountId', message: coreMessage('field.no-such-account') }]);
  const site = billingSiteId ? ((await trx('billingSites').where({ id: billingSiteId, accountId }).first()) as Row | undefined) : undefined;
  // The billing site's address when it has one (the whole address, never mixed with the account's).
  const where = site && text(site.addressLine1) ? site : account;
  const siret = text(account.siret);
  const siren = text(account.siren) ?? (siret ? siret.slice(0, 9) : null);
  const vatNumber = text(account.vatNumber);
  const legalName = text(account.legalName);
  return {
    accountName: String(account.name),
    party: {
      name: legalName ?? String(account.name),
      tradingName: legalName && legalName !== account.name ? String(account.name) : null,
      siren, siret, vatNumber,
      addressLine1: text(where.addressLine1),
      addressLine2: text(where.addressLine2),
      postalCode: text(where.postalCode),
      city: text(where.city),
      country: text(where.country) ?? 'FR',
      email: text(site?.billingEmail) ?? text(account.email),
      phone: text(account.phone),
      isBusiness: Boolean(legalName || siren || vatNumber),
    },
  };
}

const BUYER_LABELS = {
  addressLine1: { fr: 'd\'adresse', en: 'address' },
  postalCode: { fr: 'de code postal', en: 'postal code' },
  city: { fr: 'de ville', en: 'city' },
  siren: { fr: 'de SIREN', en: 'SIREN' },
  vatNumber: { fr: 'de numéro de TVA intracommunautaire', en: 'VAT number' },
} as const;

/** What the law requires of a business buyer on an invoice, as a 422 naming each missing item (`buyer.<field>`). */
export function assertBuyerComplete(buyer: BillingParty, accountName: string): void {
  if (!buyer.isBusiness) return;
  const missing: Array<keyof typeof BUYER_LABELS> = [];
  if (!buyer.addressLine1) missing.push('addressLine1');
  if (!buyer.postalCode) missing.push('postalCode');
  if (!buyer.city) missing.push('city');
  if (buyer.country === 'FR' && !buyer.siren) missing.push('siren');
  if (buyer.country !== 'FR' && EU.has(buyer.country) && !buyer.vatNumber) missing.push('vatNumber');
  if (!missing.length) return;
  const labels = missing.map((f) => BUYER_LABELS[f]);
  throw new UnprocessableError(billingMessage('billing.buyer-incomplete', { account: accountName, fields: labels }), {
    errors: missing.map((field, i) => ({ field: `buyer.${field}`, message: billingMessage('billing.buyer-field-missing', { field: labels[i]! }) })),
  });
}
