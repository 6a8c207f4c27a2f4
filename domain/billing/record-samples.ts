import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { clientCompanyOf, insertAccount } from '../core/record-samples';
import type { RecordSample, SampleOwner } from '../modules/vertical-module';
import { computeTotals } from './totals';
import { totalsColumns } from './pricing';

/**
 * Valid billing records for a given owner (`RecordSample`): drafts under an account that is the
 * owner's (sales owner and assigned support), and a credit note of an issued invoice of that account.
 */
const tag = () => crypto.randomBytes(4).toString('hex');
const LINE = { description: 'Prestation exemple', quantity: 2, unitPriceCents: 45_000, vatRateBasisPoints: 2000 };
const totals = () => totalsColumns(computeTotals([{ ...LINE, id: crypto.randomUUID() }]));

/**
 * A draft under the owner's account; for a client user, who never reads a draft, the same document
 * out of draft (numbered and dated, a quote sent, an invoice or credit note issued): its own record.
 */
async function insertDraft(trx: Knex.Transaction, table: string, owner: SampleOwner, accountId?: string): Promise<string> {
  const sent = await clientCompanyOf(trx, owner) ? { number: `EX-${tag()}`, issueDate: '2026-01-15', status: table === 'billingQuotes' ? 'sent' : 'issued' } : {};
  const due = sent.number && table === 'billingInvoices' ? { dueDate: '2026-02-14' } : {};
  const [row] = await trx(table).insert({ tenantId: owner.tenantId, accountId: accountId ?? await insertAccount(trx, owner), ...totals(), ...sent, ...due, createdBy: owner.userId }).returning('id');
  return row.id;
}

async function insertIssuedInvoice(trx: Knex.Transaction, owner: SampleOwner): Promise<string> {
  const columns = totals();
  const [row] = await trx('billingInvoices').insert({
    tenantId: owner.tenantId, accountId: await insertAccount(trx, owner), ...columns, number: `EX-${tag()}`, status: 'issued',
    issueDate: '2026-01-15', dueDate: '2026-02-14', amountDueCents: columns.totalIncludingTaxCents, createdBy: owner.userId,
  }).returning('id');
  return row.id;
}

export const quoteSample: RecordSample = {
  insert: (trx, owner) => insertDraft(trx, 'billingQuotes', owner),
  createBody: async (trx, owner) => ({ accountId: await insertAccount(trx, owner), lines: [LINE] }),
  patch: { terms: 'Validité 30 jours' },
};

export const invoiceSample: RecordSample = {
  insert: (trx, owner) => insertDraft(trx, 'billingInvoices', owner),
  createBody: async (trx, owner) => ({ accountId: await insertAccount(trx, owner), lines: [LINE] }),
  patch: { notes: 'Bon de commande 42' },
};

export const creditNoteSample: RecordSample = {
  async insert(trx, owner) {
    const invoiceId = await insertIssuedInvoice(trx, owner);
    const invoice = await trx('billingInvoices').where({ id: invoiceId }).first('accountId');
    const issued = await clientCompanyOf(trx, owner) ? { number: `EX-${tag()}`, issueDate: '2026-01-20', status: 'issued' } : {};
    const [row] = await trx('billingCreditNotes').insert({ tenantId: owner.tenantId, invoiceId, accountId: invoice.accountId, ...totals(), ...issued, createdBy: owner.userId }).returning('id');
    return row.id;
  },
  createBody: async (trx, owner) => ({ invoiceId: await insertIssuedInvoice(trx, owner), reason: 'Remise commerciale', lines: [{ ...LINE, quantity: 1 }] }),
  patch: { reason: 'Geste commercial' },
};
