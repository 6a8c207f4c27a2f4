import type { Knex } from 'knex';
import { ConflictError, ValidationError } from '../errors';
import type { FilterFn, RecordResource } from '../core/record-resource';
import { coreMessage } from '../i18n/core.messages';
import { billingMessage } from './billing.messages';
import { creditNote, creditNoteCreate, creditNoteUpdate, invoice, invoiceCreate, invoiceUpdate, quote, quoteCreate, quoteUpdate } from './billing.schema';
import { creditNoteDraft } from './credit-note-draft';
import type { BillingLineInput } from './line.schema';
import { priced } from './pricing';

/**
 * The billing records served by the generic record service (domain/core/record-service.ts): list,
 * read, create and change drafts, delete drafts, history. Whatever moves a document out of draft
 * (issue, send, accept, pay, credit) is an action of its own (invoice-actions.ts, quote-actions.ts,
 * credit-notes.ts). Ownership follows the client account (sales read their own accounts' documents);
 * a client user sees their company's documents once they left draft.
 */
type Row = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The account named must exist in the organisation; a billing site must be that account's. */
async function checkAccountAndSite(trx: Knex.Transaction, accountId: unknown, billingSiteId: unknown): Promise<void> {
  const account = await trx('accounts').where({ id: accountId }).first('id');
  if (!account) throw new ValidationError([{ field: 'accountId', message: coreMessage('field.no-such-account') }]);
  if (billingSiteId) {
    const site = await trx('billingSites').where({ id: billingSiteId, accountId }).first('id');
    if (!site) throw new ValidationError([{ field: 'billingSiteId', message: billingMessage('billing.no-such-billing-site') }]);
  }
}

function checkPeriod(start: unknown, end: unknown): void {
  if (typeof start === 'string' && typeof end === 'string' && end < start) throw new ValidationError([{ field: 'periodEnd', message: billingMessage('billing.period-order') }]);
}

// ---- list filters ----
function oneOf(field: string, column: string, values: readonly string[]): FilterFn {
  return (qb, value) => {
    const wanted = value.split(',').map((v) => v.trim()).filter(Boolean);
    if (!wanted.length || wanted.some((v) => !values.includes(v))) throw new ValidationError([{ field, message: coreMessage('field.one-of', { values: [...values] }) }]);
    qb.whereIn(column, wanted);
  };
}
function accountFilter(field: string): FilterFn {
  return (qb, value) => {
    if (!UUID.test(value)) throw new ValidationError([{ field, message: coreMessage('field.uuid') }]);
    qb.where('t.accountId', value);
  };
}
function idFilter(field: string, column: string): FilterFn {
  return (qb, value) => {
    if (value === 'null') qb.whereNull(column);
    else if (UUID.test(value)) qb.where(column, value);
    else throw new ValidationError([{ field, message: coreMessage('field.uuid-or-null') }]);
  };
}
/** `2026`, `2026-03`, or `2026-01-01..2026-03-31`: on the issue date (the creation day for drafts). */
function periodFilter(dateColumn: string): FilterFn {
  return (qb, value) => {
    let from: string | undefined;
    let to: string | undefined;
    if (/^\d{4}$/.test(value)) [from, to] = [`${value}-01-01`, `${value}-12-31`];
    else if (/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) {
      const [y, m] = value.split('-').map(Number) as [number, number];
      [from, to] = [`${value}-01`, `${value}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`];
    } else {
      const [a, b] = value.split('..');
      if (a && DATE.test(a) && !Number.isNaN(Date.parse(a))) from = a;
      if (b && DATE.test(b) && !Number.isNaN(Date.parse(b))) to = b;
      if ((a && !from) || (b && !to) || (!from && !to) || value.split('..').length > 2) {
        throw new ValidationError([{ field: 'period', message: coreMessage('field.iso-date') }]);
      }
    }
    const day = `coalesce(${dateColumn}, (t.created_at at time zone 'Europe/Paris')::date)`;
    if (from) qb.whereRaw(`${day} >= ?::date`, [from]);
    if (to) qb.whereRaw(`${day} <= ?::date`, [to]);
  };
}
const OVERDUE = "(t.status in ('issued', 'sent', 'partially_paid', 'overdue') and t.amount_due_cents > 0 and t.due_date < (now() at time zone 'Europe/Paris')::date)";
function overdueFilter(): FilterFn {
  return (qb, value) => {
    if (value !== 'true' && value !== 'false') throw new ValidationError([{ field: 'overdue', message: coreMessage('field.boolean-text') }]);
    if (value === 'true') qb.whereRaw(OVERDUE);
    else qb.whereRaw(`not ${OVERDUE}`);
  };
}

const byDates = {
  createdAt: { column: 'createdAt', direction: 'asc' }, '-createdAt': { column: 'createdAt', direction: 'desc' },
  updatedAt: { column: 'updatedAt', direction: 'asc' }, '-updatedAt': { column: 'updatedAt', direction: 'desc' },
} as const;
const byTotal = {
  totalIncludingTaxCents: { column: 'totalIncludingTaxCents', direction: 'asc' }, '-totalIncludingTaxCents': { column: 'totalIncludingTaxCents', direction: 'desc' },
} as const;
const quickSearch = (qb: Knex.QueryBuilder, term: string) => {
  const escaped = term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  qb.whereRaw("f_unaccent(lower(coalesce(t.number, '') || ' ' || a.name || ' ' || coalesce(a.legal_name, ''))) like '%' || f_unaccent(?) || '%'", [escaped]);
};

/**
 * The account's facts: its owner (sales) and support from the account; the account itself (a client
 * user's own company) only once the document left draft, so a client never reads a draft.
 */
function accountOwnership(table: string): RecordResource['ownership'] {
  return {
    joins: (qb, trx) => {
      qb.join('accounts as a', 'a.id', 't.accountId')
        .leftJoin('accounts as sent_to', (j) => { j.on('sent_to.id', '=', 't.accountId').andOnVal('t.status', '<>', 'draft'); })
        .select('a.name as accountName');
      if (table === 'billing_invoices') qb.select(trx.raw(`${OVERDUE} as overdue`));
      if (table === 'billing_quotes') qb.select(trx.raw("coalesce((select array_agg(i.id::text order by i.created_at) from billing_invoices i where i.quote_id = t.id), '{}') as invoice_ids"));
      if (table === 'billing_credit_notes') qb.leftJoin('billing_invoices as inv', 'inv.id', 't.invoiceId').select('inv.number as invoiceNumber');
    },
    owner: 'a.ownerId', support: 'a.supportUserId', account: 'sent_to.id',
  };
}

function draftOnly(kind: 'invoice' | 'quote' | 'credit-note') {
  return (current: Row) => {
    if (current.status === 'draft') return;
    const number = String(current.number);
    if (kind === 'invoice') throw new ConflictError(billingMessage('billing.invoice-issued-immutable', { number }));
    if (kind === 'quote') throw new ConflictError(billingMessage('billing.quote-not-draft', { number }));
    throw new ConflictError(billingMessage('billing.credit-note-issued-immutable', { number }));
  };
}
const invoiceDraftOnly = draftOnly('invoice');
const quoteDraftOnly = draftOnly('quote');
const creditNoteDraftOnly = draftOnly('credit-note');

export const billingQuotes: RecordResource = {
  key: 'billing.quote', subject: 'Quote', recordType: 'quote', label: 'Le devis', table: 'billing_quotes',
  createSchema: quoteCreate, updateSchema: quoteUpdate, outputSchema: quote,
  accountLink: 'accountId',
  ownership: accountOwnership('billing_quotes'),
  filters: {
    status: oneOf('status', 't.status', quoteStatusValues()), accountId: accountFilter('accountId'), client: accountFilter('client'), period: periodFilter('t.issue_date'),
  },
  sorts: { ...byDates, ...byTotal },
  defaultSort: '-createdAt',
  quickSearch,
  async prepareCreate({ trx, principal }, data) {
    await checkAccountAndSite(trx, data.accountId, data.billingSiteId);
    const { columns } = await priced(trx, principal.tenantId, (data.lines ?? []) as BillingLineInput[]);
    return { ...data, ...columns };
  },
  async prepareUpdate({ trx, principal, current }, patch) {
    quoteDraftOnly(current);
    if (patch.accountId !== undefined || patch.billingSiteId) {
      await checkAccountAndSite(trx, patch.accountId ?? current.accountId, patch.billingSiteId === undefined ? current.billingSiteId : patch.billingSiteId);
    }
    const columns = patch.lines ? (await priced(trx, principal.tenantId, patch.lines as BillingLineInput[])).columns : {};
    return { ...patch, ...columns, updatedAt: trx.fn.now() };
  },
  async prepareDelete({ current }) { quoteDraftOnly(current); },
};

export const billingInvoices: RecordResource = {
  key: 'billing.invoice', subject: 'Invoice', recordType: 'invoice', label: 'La facture', table: 'billing_invoices',
  createSchema: invoiceCreate, updateSchema: invoiceUpdate, outputSchema: invoice,
  accountLink: 'accountId',
  ownership: accountOwnership('billing_invoices'),
  filters: {
    status: oneOf('status', 't.status', invoice.shape.status.options),
    kind: oneOf('kind', 't.kind', invoice.shape.kind.options),
    accountId: accountFilter('accountId'), client: accountFilter('client'),
    quoteId: idFilter('quoteId', 't.quoteId'),
    overdue: overdueFilter(),
    period: periodFilter('t.issue_date'),
  },
  sorts: {
    ...byDates, ...byTotal,
    amountDueCents: { column: 'amountDueCents', direction: 'asc' }, '-amountDueCents': { column: 'amountDueCents', direction: 'desc' },
  },
  defaultSort: '-createdAt',
  quickSearch,
  async prepareCreate({ trx, principal }, data) {
    await checkAccountAndSite(trx, data.accountId, data.billingSiteId);
    checkPeriod(data.periodStart, data.periodEnd);
    const { columns } = await priced(trx, principal.tenantId, (data.lines ?? []) as BillingLineInput[]);
    return { ...data, ...columns };
  },
  async prepareUpdate({ trx, principal, current }, patch) {
    invoiceDraftOnly(current);
    if (patch.accountId !== undefined || patch.billingSiteId) {
      await checkAccountAndSite(trx, patch.accountId ?? current.accountId, patch.billingSiteId === undefined ? current.billingSiteId : patch.billingSiteId);
    }
    checkPeriod(patch.periodStart === undefined ? current.periodStart : patch.periodStart, patch.periodEnd === undefined ? current.periodEnd : patch.periodEnd);
    const columns = patch.lines ? (await priced(trx, principal.tenantId, patch.lines as BillingLineInput[])).columns : {};
    return { ...patch, ...columns, updatedAt: trx.fn.now() };
  },
  async prepareDelete({ current }) { invoiceDraftOnly(current); },
};

export const billingCreditNotes: RecordResource = {
  key: 'billing.credit-note', subject: 'CreditNote', recordType: 'credit-note', label: 'L\'avoir', table: 'billing_credit_notes',
  createSchema: creditNoteCreate, updateSchema: creditNoteUpdate, outputSchema: creditNote,
  // Its account is its invoice's: no account is named when creating one.
  accountLink: null,
  ownership: accountOwnership('billing_credit_notes'),
  filters: {
    status: oneOf('status', 't.status', creditNote.shape.status.options),
    accountId: accountFilter('accountId'), client: accountFilter('client'),
    invoiceId: idFilter('invoiceId', 't.invoiceId'),
    period: periodFilter('t.issue_date'),
  },
  sorts: { ...byDates, ...byTotal },
  defaultSort: '-createdAt',
  quickSearch,
  async prepareCreate({ trx, principal }, data) {
    return creditNoteDraft(trx, principal.tenantId, data);
  },
  async prepareUpdate({ trx, principal, current }, patch) {
    creditNoteDraftOnly(current);
    const columns = patch.lines ? (await priced(trx, principal.tenantId, patch.lines as BillingLineInput[])).columns : {};
    return { ...patch, ...columns, updatedAt: trx.fn.now() };
  },
  async prepareDelete({ current }) { creditNoteDraftOnly(current); },
};

function quoteStatusValues(): readonly string[] {
  return quote.shape.status.options;
}
