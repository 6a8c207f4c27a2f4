import type { Knex } from 'knex';
import { UnprocessableError, ValidationError } from '../errors';
import { coreMessage } from '../i18n/core.messages';
import { billingMessage } from './billing.messages';
import type { BillingParty } from './document-view';
import type { DocumentTotals } from './line.schema';
import { missingBuyerFields } from './mentions';

/**
 * The buyer of a document: the client account, with the address of its billing site when the
 * document names one. A buyer with a legal identity (legal name, SIREN, SIRET or VAT number) is a
 * business: the law then requires its SIREN in France (and the €40 recovery indemnity applies).
 */
type Row = Record<string, unknown>;

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
  name: { fr: 'de nom', en: 'name' },
  addressLine1: { fr: 'd\'adresse', en: 'address' },
  postalCode: { fr: 'de code postal', en: 'postal code' },
  city: { fr: 'de ville', en: 'city' },
  siren: { fr: 'de SIREN', en: 'SIREN' },
  vatNumber: { fr: 'de numéro de TVA intracommunautaire', en: 'VAT number' },
} as const;

/**
 * What the law requires of the buyer on an invoice (mentions.ts `missingBuyerFields`: every buyer's
 * address, a French business's SIREN, a VAT number for an EU business or a reverse charge), as a 422
 * naming each missing item (`buyer.<field>`).
 */
export function assertBuyerComplete(buyer: BillingParty, accountName: string, totals?: Pick<DocumentTotals, 'vatBreakdown'>): void {
  const missing = missingBuyerFields(buyer, totals);
  if (!missing.length) return;
  const labels = missing.map((f) => BUYER_LABELS[f]);
  throw new UnprocessableError(billingMessage('billing.buyer-incomplete', { account: accountName, fields: labels }), {
    errors: missing.map((field, i) => ({ field: `buyer.${field}`, message: billingMessage('billing.buyer-field-missing', { field: labels[i]! }) })),
  });
}
