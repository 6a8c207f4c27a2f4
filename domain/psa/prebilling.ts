import type { Knex } from 'knex';
import { issueInvoice } from '../billing/invoice-actions';
import type { BillingLineInput } from '../billing/line.schema';
import { loadProfile } from '../billing/profile';
import { billingInvoices } from '../billing/resources';
import { appendHistoryAs, createRecord, factsOf, type RequestContext } from '../core/record-service';
import { canOn } from '../identity/ability';
import type { FilterFn, RecordResource } from '../core/record-resource';
import { containsUnaccented } from '../core/resources';
import { ConflictError, DomainError, ForbiddenError, ValidationError } from '../errors';
import { coreMessage } from '../i18n/core.messages';
import type { Text } from '../i18n/messages';
import { prebillingMessage as m } from './prebilling.messages';
import { queueTicketMessage, TICKET_MESSAGES } from './ticket-process';
import { PREBILLING_STATUSES, prebillingCreate, prebillingItem, prebillingUpdate } from './time-entry.schema';

/**
 * The pre-billing queue (spec 003 §6.3): a closed ticket's approved time billed outside any
 * contract waits here (fed by the database, migration 20261214001050_psa_time.ts) until the
 * administrator turns selected items into invoices — one draft invoice per client, one line per
 * ticket with its minutes and hourly rate, through billing's invoices (issued at once when asked) —
 * or waives them (`excluded`, with the reason kept in the item's history).
 */
type Row = Record<string, unknown>;

export const PSA_PREBILLING = 'psa.prebilling';
const RECORD_TYPE = 'psa.prebilling-item';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oneOf(field: string, column: string, values: readonly string[]): FilterFn {
  return (qb, value) => {
    const wanted = value.split(',').map((v) => v.trim()).filter(Boolean);
    if (!wanted.length || wanted.some((v) => !values.includes(v))) throw new ValidationError([{ field, message: coreMessage('field.one-of', { values: [...values] }) }]);
    qb.whereIn(column, wanted);
  };
}
function idFilter(field: string, column: string): FilterFn {
  return (qb, value) => {
    if (!UUID.test(value)) throw new ValidationError([{ field, message: coreMessage('field.uuid') }]);
    qb.where(column, value);
  };
}

export const psaPrebillingItems: RecordResource = {
  key: PSA_PREBILLING, subject: 'PsaPrebillingItem', recordType: RECORD_TYPE, label: 'The pre-billing item', table: 'psa_prebilling_items',
  createSchema: prebillingCreate, updateSchema: prebillingUpdate, outputSchema: prebillingItem,
  accountLink: null,
  ownership: {
    joins: (qb) => {
      qb.join('psa_tickets as tk', 'tk.id', 't.ticketId').join('accounts as a', 'a.id', 't.accountId').leftJoin('billing_invoices as inv', 'inv.id', 't.invoiceId')
        .select('tk.number as ticketNumber', 'tk.title as ticketTitle', 'a.name as accountName', 'inv.number as invoiceNumber');
    },
    owner: 'a.ownerId', support: null, account: 't.accountId',
  },
  filters: {
    status: oneOf('status', 't.status', PREBILLING_STATUSES),
    accountId: idFilter('accountId', 't.accountId'),
    ticketId: idFilter('ticketId', 't.ticketId'),
  },
  sorts: {
    createdAt: { column: 'createdAt', direction: 'asc' }, '-createdAt': { column: 'createdAt', direction: 'desc' },
    amountCents: { column: 'amountCents', direction: 'asc' }, '-amountCents': { column: 'amountCents', direction: 'desc' },
  },
  defaultSort: 'createdAt',
  quickSearch: containsUnaccented('a.search_name'),
  async prepareCreate() {
    throw new ConflictError(m('psa.prebilling.fed-by-tickets'));
  },
  async prepareUpdate({ trx, current }, patch) {
    if (current.status === 'invoiced') {
      const invoice = (await trx('billingInvoices').where({ id: current.invoiceId }).first('number')) as Row | undefined;
      throw new ConflictError(m('psa.prebilling.invoiced-fixed', { number: (invoice?.number as string | null) ?? null }));
    }
    const status = patch.status ?? current.status;
    if (status === 'excluded') {
      const reason = patch.excludedReason !== undefined ? patch.excludedReason : current.excludedReason;
      if (!reason) throw new ValidationError([{ field: 'excludedReason', message: m('psa.prebilling.reason-required') }]);
      return { ...patch, excludedReason: reason };
    }
    // Back in the queue: the ticket's other pending item (time approved since) merges into it (afterItemChange).
    if (current.status === 'excluded') await trx('psaPrebillingItems').where({ ticketId: current.ticketId, status: 'pending' }).delete();
    return { ...patch, excludedReason: null };
  },
};

/** After an item was waived or put back: the ticket's pending item holds what is left to invoice. */
export async function afterItemChange(ctx: RequestContext, item: Row): Promise<void> {
  await ctx.trx.raw('select psa_prebilling_feed(?, ?)', [ctx.principal.tenantId, String(item.ticketId)]);
}

export interface PrebillingReportItem {
  id: string;
  outcome: 'invoiced' | 'refused';
  invoiceId: string | null;
  invoiceNumber: string | null;
  reason: Text | null;
}

export interface PrebillingReport {
  items: PrebillingReportItem[];
  invoices: Array<{ id: string; accountId: string; number: string | null; status: string; totalExcludingTaxCents: number; issueProblem: Text | null }>;
}

/** The report, and the invoiced tickets' process messages (`psa.ticket-invoiced`) to hand over after the commit. */
export interface PrebillingOutcome {
  report: PrebillingReport;
  messageIds: string[];
}

/** The VAT of a line of service: 20 %, or none for an organisation that declares an exemption and has no VAT number. */
async function serviceVatRate(trx: Knex.Transaction, tenantId: string): Promise<number> {
  const profile = await loadProfile(trx, tenantId);
  return !profile.vatNumber && profile.vatExemptionMention ? 0 : 2000;
}

/**
 * One invoice line for a ticket's item: its hours at its rate when one rate priced all of it and the
 * hours are exact in three decimals, else the item's amount as a flat line naming the duration and rates.
 */
async function lineOf(trx: Knex.Transaction, item: Row, vatRateBasisPoints: number, language: 'fr' | 'en'): Promise<BillingLineInput> {
  const rates = (await trx('psaTimeEntries').where({ ticketId: item.ticketId, status: 'approved' }).where('billedMinutes', '>', 0)
    .distinct('hourlyRateCents').orderBy('hourlyRateCents')).map((r: Row) => Number(r.hourlyRateCents));
  const minutes = Number(item.minutes);
  const amount = Number(item.amountCents);
  const description = m('psa.prebilling.line', { number: Number(item.ticketNumber), title: String(item.ticketTitle), minutes, rates }).render(language);
  const rate = rates.length === 1 ? rates[0]! : null;
  const hours = minutes / 60;
  if (rate !== null && (minutes * 1000) % 60 === 0 && Math.round(hours * rate) === amount) {
    return { description, quantity: Math.round(hours * 1000) / 1000, unit: 'HUR', unitPriceCents: rate, vatRateBasisPoints };
  }
  return { description, quantity: 1, unit: 'C62', unitPriceCents: amount, vatRateBasisPoints };
}

/**
 * « Facturer »: the selected pending items become invoices, one per client (its items' tickets as
 * lines, in ticket order), drafts unless `issue`. Each client's invoice is made in a savepoint: one
 * refused (a client the billing cannot invoice) leaves the others made, its items reported refused
 * with the reason. Items not pending (already invoiced, excluded) or not found are reported refused.
 * An issued invoice refused at issue (incomplete legal profile) stays a draft, with the reason.
 * Each invoiced ticket's process, waiting for its invoice, is told (`psa.ticket-invoiced`) once committed.
 */
export async function invoicePrebilling(ctx: RequestContext, input: { ids: string[]; issue: boolean }): Promise<PrebillingOutcome> {
  const { trx, principal } = ctx;
  if (!ctx.ability.can('update', 'PsaPrebillingItem')) {
    throw new ForbiddenError(coreMessage('record.forbidden-action', { fr: 'élément de pré-facturation', en: 'pre-billing item', action: 'update', permission: `${PSA_PREBILLING}.update` }));
  }
  const ids = [...new Set(input.ids)];
  const rows = (await trx('psaPrebillingItems as t').join('psaTickets as tk', 'tk.id', 't.ticketId').join('accounts as a', 'a.id', 't.accountId')
    .leftJoin('billingInvoices as inv', 'inv.id', 't.invoiceId').whereIn('t.id', ids).forUpdate('t')
    .select('t.*', 'tk.number as ticketNumber', 'tk.title as ticketTitle', 'a.ownerId as factOwnerId', 't.accountId as factAccountId', 'inv.number as invoiceNumber')) as Row[];
  const byId = new Map(rows.map((r) => [String(r.id), r]));
  const report = new Map<string, PrebillingReportItem>();
  const refuse = (id: string, reason: Text) => report.set(id, { id, outcome: 'refused', invoiceId: null, invoiceNumber: null, reason });
  const byAccount = new Map<string, Row[]>();
  for (const id of ids) {
    const row = byId.get(id);
    if (!row || !canOn(ctx.ability, 'update', psaPrebillingItems.subject, factsOf(row))) refuse(id, m('psa.prebilling.not-found'));
    else if (row.status === 'invoiced') refuse(id, m('psa.prebilling.already-invoiced', { number: (row.invoiceNumber as string | null) ?? null }));
    else if (row.status === 'excluded') refuse(id, m('psa.prebilling.excluded', { reason: String(row.excludedReason) }));
    else byAccount.set(String(row.accountId), [...(byAccount.get(String(row.accountId)) ?? []), row]);
  }
  const tenant = (await trx('tenants').first('locale')) as { locale?: string | null } | undefined;
  const language = tenant?.locale === 'en' ? 'en' : 'fr';
  const vat = await serviceVatRate(trx, principal.tenantId);
  const invoices: PrebillingReport['invoices'] = [];
  for (const [accountId, items] of byAccount) {
    items.sort((a, b) => Number(a.ticketNumber) - Number(b.ticketNumber));
    await trx.raw('savepoint prebilling_invoice');
    try {
      const lines = [];
      for (const item of items) lines.push(await lineOf(trx, item, vat, language));
      let invoice = await createRecord(ctx, billingInvoices, { accountId, language, lines, notes: m('psa.prebilling.invoice-note').render(language) });
      const invoiceId = String(invoice.id);
      for (const item of items) {
        await trx('psaPrebillingItems').where({ id: item.id }).update({ status: 'invoiced', invoiceId, invoicedAt: trx.fn.now(), version: Number(item.version) + 1 });
        await appendHistoryAs(ctx, { recordType: RECORD_TYPE, recordId: String(item.id), action: 'update', changes: { status: { before: 'pending', after: 'invoiced' }, invoiceId: { before: null, after: invoiceId } } });
      }
      await trx.raw('release savepoint prebilling_invoice');
      let issueProblem: Text | null = null;
      if (input.issue) {
        await trx.raw('savepoint prebilling_issue');
        try {
          invoice = await issueInvoice(ctx, invoiceId);
          await trx.raw('release savepoint prebilling_issue');
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          await trx.raw('rollback to savepoint prebilling_issue');
          issueProblem = error.detail;
        }
      }
      invoices.push({ id: invoiceId, accountId, number: (invoice.number as string | null) ?? null, status: String(invoice.status), totalExcludingTaxCents: Number(invoice.totalExcludingTaxCents), issueProblem });
      for (const item of items) report.set(String(item.id), { id: String(item.id), outcome: 'invoiced', invoiceId, invoiceNumber: (invoice.number as string | null) ?? null, reason: null });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await trx.raw('rollback to savepoint prebilling_invoice');
      for (const item of items) refuse(String(item.id), error.detail);
    }
  }
  const messageIds: string[] = [];
  for (const item of report.values()) {
    if (item.outcome !== 'invoiced') continue;
    const ticketId = String(byId.get(item.id)!.ticketId);
    messageIds.push(await queueTicketMessage(trx, principal.tenantId, ticketId, TICKET_MESSAGES.invoiced, { prebillingItemId: item.id, invoiceId: item.invoiceId }));
  }
  return { report: { items: ids.map((id) => report.get(id)!), invoices }, messageIds };
}
