import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import { ConflictError, DomainError, ValidationError } from '../errors';
import type { FilterFn, RecordResource } from '../core/record-resource';
import { createRecord, loadFor, type RequestContext } from '../core/record-service';
import { processContext } from '../core/process-context';
import { insertAccount } from '../core/record-samples';
import { numberFor } from '../core/tenant-counter';
import { coreMessage } from '../i18n/core.messages';
import type { RecordSample } from '../modules/vertical-module';
import { billingMessage } from './billing.messages';
import { dunningMessage } from './dunning.messages';
import { issueInvoice } from './invoice-actions';
import { todayInParis } from './issue';
import type { BillingLineInput } from './line.schema';
import { priced } from './pricing';
import { billingInvoices } from './resources';
import { subscription, subscriptionCreate, subscriptionPeriod, subscriptionUpdate } from './subscription.schema';
import { duePeriods, nextPeriodStart, type Frequency, type Period } from './subscription-periods';

/**
 * Subscriptions (recurring invoicing, issue 13 and spec 003), served by the generic record service,
 * and the run that invoices their periods (`invoiceDueSubscriptions`, started every hour by the
 * Temporal Schedule `relais/billing-subscriptions`). Each period is invoiced in one transaction: the
 * subscription's row is locked, the invoice created (and issued when the subscription says so), the
 * period written to `billing_subscription_periods` (unique per subscription and period start) and
 * `next_period_start` moved on. A run that was missed is made up by the next one, which finds every
 * period started since; a period is never invoiced twice, however runs overlap or repeat.
 */
type Row = Record<string, unknown>;

const SAMPLE_LINE = { description: 'Infogérance poste de travail', quantity: 1, unitPriceCents: 3_500, vatRateBasisPoints: 2000 };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function accountFilter(field: string): FilterFn {
  return (qb, value) => {
    if (!UUID.test(value)) throw new ValidationError([{ field, message: coreMessage('field.uuid') }]);
    qb.where('t.accountId', value);
  };
}
function booleanFilter(field: string, column: string): FilterFn {
  return (qb, value) => {
    if (value !== 'true' && value !== 'false') throw new ValidationError([{ field, message: coreMessage('field.boolean-text') }]);
    qb.where(column, value === 'true');
  };
}
function oneOf(field: string, column: string, values: readonly string[]): FilterFn {
  return (qb, value) => {
    if (!values.includes(value)) throw new ValidationError([{ field, message: coreMessage('field.one-of', { values: [...values] }) }]);
    qb.where(column, value);
  };
}

/** The lines as stored: checked (VAT categories, exemption mentions) the way invoices check theirs, with their ids. */
async function storedLines(trx: Knex.Transaction, tenantId: string, lines: BillingLineInput[]): Promise<string> {
  const { totals } = await priced(trx, tenantId, lines);
  return JSON.stringify(totals.lines.map(({ netCents: _net, ...line }) => line));
}

/** A subscription's own rules, on create and on update (`merged`: the row as it will be). */
async function checkSubscription(trx: Knex.Transaction, merged: Row): Promise<void> {
  if (merged.billingSiteId) {
    const site = await trx('billingSites').where({ id: merged.billingSiteId, accountId: merged.accountId }).first('id');
    if (!site) throw new ValidationError([{ field: 'billingSiteId', message: billingMessage('billing.no-such-billing-site') }]);
  }
  if (merged.basis === 'flat' && Number(merged.quantity) !== 1) {
    throw new ValidationError([{ field: 'quantity', message: dunningMessage('billing.subscription.flat-quantity') }]);
  }
  if (merged.endDate && String(merged.endDate) <= String(merged.startDate)) {
    throw new ValidationError([{ field: 'endDate', message: dunningMessage('billing.subscription.end-before-start') }]);
  }
}

export const billingSubscriptions: RecordResource = {
  key: 'billing.subscription', subject: 'Subscription', recordType: 'subscription', label: "L'abonnement", table: 'billing_subscriptions',
  createSchema: subscriptionCreate, updateSchema: subscriptionUpdate, outputSchema: subscription,
  accountLink: 'accountId',
  ownership: {
    joins: (qb, trx) => {
      qb.join('accounts as a', 'a.id', 't.accountId').select('a.name as accountName',
        trx.raw('(select count(*)::int from billing_subscription_periods p where p.subscription_id = t.id) as invoiced_periods'));
    },
    owner: 'a.ownerId', support: 'a.supportUserId', account: 't.accountId',
  },
  filters: {
    accountId: accountFilter('accountId'), client: accountFilter('client'),
    active: booleanFilter('active', 't.active'),
    frequency: oneOf('frequency', 't.frequency', subscription.shape.frequency.options),
    basis: oneOf('basis', 't.basis', subscription.shape.basis.options),
  },
  sorts: {
    createdAt: { column: 'createdAt', direction: 'asc' }, '-createdAt': { column: 'createdAt', direction: 'desc' },
    nextPeriodStart: { column: 'nextPeriodStart', direction: 'asc' }, '-nextPeriodStart': { column: 'nextPeriodStart', direction: 'desc' },
    number: { column: 'number', direction: 'asc' }, '-number': { column: 'number', direction: 'desc' },
  },
  defaultSort: '-createdAt',
  quickSearch: (qb, term) => {
    const escaped = term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    qb.whereRaw("f_unaccent(lower(t.name || ' ' || a.name)) like '%' || f_unaccent(?) || '%'", [escaped]);
  },
  async prepareCreate({ trx, principal }, data) {
    await checkSubscription(trx, data);
    return {
      ...data, lines: await storedLines(trx, principal.tenantId, data.lines as BillingLineInput[]),
      nextPeriodStart: data.startDate, number: await numberFor(trx, principal.tenantId, 'billing-subscription'),
    };
  },
  async prepareUpdate({ trx, principal, current }, patch) {
    const reanchors = (patch.startDate !== undefined && patch.startDate !== current.startDate) || (patch.frequency !== undefined && patch.frequency !== current.frequency);
    // Periods are counted from the start date: once one is invoiced, moving it would bill days twice or never.
    if (reanchors && current.nextPeriodStart !== current.startDate) {
      throw new ConflictError(dunningMessage('billing.subscription.periods-invoiced', { number: Number(current.number) }));
    }
    await checkSubscription(trx, { ...current, ...patch });
    const out: Row = { ...patch };
    if (reanchors) out.nextPeriodStart = patch.startDate ?? current.startDate;
    if (patch.lines) out.lines = await storedLines(trx, principal.tenantId, patch.lines as BillingLineInput[]);
    return out;
  },
  // Its invoiced periods keep it: it is stopped (inactive, or an end date), never deleted.
  async prepareDelete({ trx, current }) {
    if (await trx('billingSubscriptionPeriods').where({ subscriptionId: current.id }).first('periodStart')) {
      throw new ConflictError(dunningMessage('billing.subscription.delete-invoiced', { number: Number(current.number) }));
    }
  },
};

/** What an invoiced period answers: the subscription, the period and its invoice (null when it could not be made). */
export interface InvoicedPeriod {
  subscriptionId: string;
  period: Period;
  invoiceId: string;
  /** The invoice's number when it was issued; null for a draft. */
  number: string | null;
  /** Why a subscription in `issued` mode left its invoice a draft (the legal profile is incomplete…), in French. */
  issueProblem: string | null;
}

/** What a run answers for one organisation. */
export interface SubscriptionRun {
  invoiced: InvoicedPeriod[];
  /** Subscriptions whose period could not be invoiced at all (a line the profile cannot price…): tried again next run. */
  failed: Array<{ subscriptionId: string; periodStart: string; reason: string }>;
}

/** The permissions the run acts with (no user: the schedule), on every record of its organisation. */
const RUN_PERMISSIONS = ['billing.invoice.read', 'billing.invoice.create', 'billing.invoice.update', 'core.account.read'];

/** The lines of one period: each line's quantity times the subscription's (per machine, user or site), the period named. */
export function periodLines(row: Row, period: Period, language: 'fr' | 'en'): BillingLineInput[] {
  const times = row.basis === 'flat' ? 1 : Number(row.quantity);
  const span = dunningMessage('billing.subscription.period', { from: period.start, to: period.end }).render(language);
  return (row.lines as Array<BillingLineInput & { id?: string }>).map(({ id: _id, ...line }) => ({
    ...line, quantity: Math.round(Number(line.quantity) * times * 1000) / 1000, description: `${line.description} — ${span}`,
  }));
}

/**
 * Invoices one period of a locked subscription: the invoice (a draft, issued when the subscription
 * says so) and the period's row, in the caller's transaction. Issuing may be refused (the legal profile
 * or the client lacks a mandatory mention): the draft stays, with the reason, for a person to finish.
 */
async function invoicePeriod(ctx: RequestContext, row: Row, period: Period, today: string): Promise<InvoicedPeriod> {
  const { trx } = ctx;
  // Written in the organisation's language (the invoice's, and its lines').
  const tenant = (await trx('tenants').first('locale')) as { locale?: string | null } | undefined;
  const language = tenant?.locale === 'en' ? 'en' : 'fr';
  const draft = await createRecord(ctx, billingInvoices, {
    accountId: row.accountId, language, billingSiteId: row.billingSiteId ?? null, lines: periodLines(row, period, language),
    periodStart: period.start, periodEnd: period.end,
    notes: dunningMessage('billing.subscription.invoice-note', { name: String(row.name), number: Number(row.number) }).render(language),
  });
  const invoiceId = String(draft.id);
  await trx('billingSubscriptionPeriods').insert({ tenantId: ctx.principal.tenantId, subscriptionId: row.id, periodStart: period.start, periodEnd: period.end, invoiceId });
  let number: string | null = null;
  let issueProblem: string | null = null;
  if (row.mode === 'issued') {
    await trx.raw('savepoint subscription_issue');
    try {
      number = String((await issueInvoice(ctx, invoiceId, { today })).number);
      await trx.raw('release savepoint subscription_issue');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await trx.raw('rollback to savepoint subscription_issue');
      issueProblem = error.message;
    }
  }
  return { subscriptionId: String(row.id), period, invoiceId, number, issueProblem };
}

/**
 * Invoices, in one organisation, every period of its active subscriptions that has started by
 * `today` (Paris) and is not invoiced yet, oldest first, each in its own transaction. `afterIssue`
 * runs after the commit of each issued invoice (the API or the worker start its dunning process).
 */
export async function invoiceDueSubscriptions(
  knex: Knex, tenantId: string, options: { today?: string; runId?: string; afterIssue?: (invoiceId: string) => Promise<void> } = {},
): Promise<SubscriptionRun> {
  const today = options.today ?? todayInParis();
  const runId = options.runId ?? `billing/subscriptions/${today}`;
  const due: Row[] = await withTenant({ tenantId }, (trx) => trx('billingSubscriptions').where({ active: true }).where('nextPeriodStart', '<=', today)
    .where((q) => { q.whereNull('endDate').orWhereRaw('next_period_start < end_date'); }).orderBy('number').select('id'), knex);
  const run: SubscriptionRun = { invoiced: [], failed: [] };
  for (const { id } of due) {
    for (;;) {
      let periodStart = '';
      try {
        const done = await withTenant({ tenantId }, async (trx): Promise<InvoicedPeriod | null> => {
          // Locked: another run (a catch-up, a second worker) waits here, then finds the period invoiced.
          const row = (await trx('billingSubscriptions').where({ id }).forUpdate().first()) as Row | undefined;
          if (!row || !row.active) return null;
          const times = { startDate: String(row.startDate), endDate: (row.endDate as string | null) ?? null, frequency: row.frequency as Frequency, nextPeriodStart: String(row.nextPeriodStart) };
          const [period] = duePeriods(times, today, 1);
          if (!period) return null;
          periodStart = period.start;
          const ctx = processContext(trx, tenantId, runId, RUN_PERMISSIONS);
          const invoiced = await invoicePeriod(ctx, row, period, today);
          await trx('billingSubscriptions').where({ id }).update({ nextPeriodStart: nextPeriodStart(times.startDate, times.frequency, period.start) });
          return invoiced;
        }, knex);
        if (!done) break;
        run.invoiced.push(done);
        if (done.number && options.afterIssue) await options.afterIssue(done.invoiceId);
      } catch (error) {
        // A period that cannot be invoiced (its lines refused): the others go on; the next run tries it again.
        if (!(error instanceof DomainError)) throw error;
        run.failed.push({ subscriptionId: String(id), periodStart, reason: error.message });
        break;
      }
    }
  }
  return run;
}

/** The organisations with a subscription period to invoice on `today` (ids only: a security-definer function). */
export async function tenantsWithDueSubscriptions(knex: Knex, today = todayInParis()): Promise<string[]> {
  const { rows } = await knex.raw<{ rows: Array<{ id: string }> }>('select id from billing_subscription_tenants_due(?::date) as id', [today]);
  return rows.map((r) => r.id);
}

/** The periods a subscription invoiced, newest first, with their invoices. */
export async function subscriptionPeriods(ctx: RequestContext, id: string): Promise<Array<typeof subscriptionPeriod._output>> {
  await loadFor(ctx, billingSubscriptions, id, 'read');
  const rows: Row[] = await ctx.trx('billingSubscriptionPeriods as p').join('billingInvoices as i', 'i.id', 'p.invoiceId').where('p.subscriptionId', id)
    .orderBy('p.periodStart', 'desc').select('p.periodStart', 'p.periodEnd', 'p.invoiceId', 'i.number as invoiceNumber', 'i.status as invoiceStatus', 'i.totalIncludingTaxCents', 'p.createdAt');
  return rows.map((r) => ({
    periodStart: String(r.periodStart), periodEnd: String(r.periodEnd), invoiceId: String(r.invoiceId), invoiceNumber: (r.invoiceNumber as string | null) ?? null,
    invoiceStatus: String(r.invoiceStatus), totalIncludingTaxCents: Number(r.totalIncludingTaxCents), createdAt: (r.createdAt as Date).toISOString(),
  }));
}

/** Valid subscriptions for a given owner (`RecordSample`: the permission matrix, examples): monthly, per machine, under the owner's account. */
export const subscriptionSample: RecordSample = {
  async insert(trx, owner) {
    const accountId = await insertAccount(trx, owner);
    const [row] = await trx('billingSubscriptions').insert({
      tenantId: owner.tenantId, number: await numberFor(trx, owner.tenantId, 'billing-subscription'), name: 'Infogérance des postes', accountId,
      lines: JSON.stringify([{ ...SAMPLE_LINE, id: crypto.randomUUID(), unit: 'MON', discountBasisPoints: 0, vatCategory: 'S' }]),
      frequency: 'monthly', basis: 'machine', quantity: 12, startDate: '2026-01-01', nextPeriodStart: '2026-01-01', createdBy: owner.userId,
    }).returning('id');
    return row.id;
  },
  createBody: async (trx, owner) => ({
    accountId: await insertAccount(trx, owner), name: 'Infogérance des postes', frequency: 'monthly', basis: 'machine', quantity: 12,
    startDate: '2026-01-01', lines: [{ ...SAMPLE_LINE, unit: 'MON' }],
  }),
  patch: { quantity: 14 },
};
