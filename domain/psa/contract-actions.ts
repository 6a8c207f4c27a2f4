import type { Knex } from 'knex';
import { invoiceCreate } from '../billing/billing.schema';
import { issueInvoice } from '../billing/invoice-actions';
import { billingInvoices } from '../billing/resources';
import { appendHistoryAs, createRecord, getRecord, loadFor, type RequestContext } from '../core/record-service';
import { ruleViolation, ValidationError } from '../errors';
import { issueMessage } from '../i18n/zod-issues';
import { buildAbility, type Principal } from '../identity/ability';
import { contractCreate, packPurchase, type ContractCreate, type PackPurchase } from './contract.schema';
import { psaContracts } from './contracts';
import { isClientUser } from './ticket-resource';
import { contractsMessage as m } from './contracts.messages';
import { packLine, packPrice } from './hour-bank-alerts';

/**
 * What changes a contract besides its fields (spec 003 §2.2): opening one (by hand through the
 * record endpoint, or from a won opportunity), buying a pack of hours, reading its hour ledger.
 */
type Row = Record<string, unknown>;

export interface OpenContractInput extends ContractCreate {
  /**
   * An hour bank opened with hours already sold (the pack of the accepted quote that won the
   * opportunity): credited at once as a `purchase` movement, no new invoice (the quote's invoices it).
   */
  initialMinutes?: number;
  /** The invoice those hours were sold on, if there is one yet. */
  initialInvoiceId?: string | null;
}

/**
 * Opens a contract as `principal` (their permissions apply: `psa.contract.create` on the account):
 * the record service's create (number, rules, history), then the opening hours if any. Used by a
 * won opportunity (domain/psa/opportunit*) in its own transaction.
 */
export async function openContract(trx: Knex.Transaction, principal: Principal, input: OpenContractInput): Promise<Row> {
  const { initialMinutes, initialInvoiceId, ...fields } = input;
  const ctx: RequestContext = { trx, principal, ability: buildAbility(principal) };
  const parsed = contractCreate.safeParse(fields);
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'contract', message: issueMessage(i) })));
  if (initialMinutes !== undefined && (parsed.data.type !== 'hour-bank' || !Number.isInteger(initialMinutes) || initialMinutes <= 0)) {
    throw new ValidationError([{ field: 'initialMinutes', message: m('psa.contracts.initial-minutes-hour-bank') }]);
  }
  const created = await createRecord(ctx, psaContracts, parsed.data);
  if (initialMinutes) {
    await trx('psaHourMovements').insert({
      tenantId: principal.tenantId, contractId: created.id, kind: 'purchase', minutes: initialMinutes,
      invoiceId: initialInvoiceId ?? null, reason: parsed.data.quoteId ? `quote:${parsed.data.quoteId}` : null, createdBy: principal.userId ?? null,
    });
    await appendHistoryAs(ctx, { recordType: psaContracts.recordType, recordId: String(created.id), action: 'update', changes: { remainingMinutes: { before: 0, after: initialMinutes } } });
    return getRecord(ctx, psaContracts, String(created.id));
  }
  return created;
}

export interface PackBought {
  contract: Row;
  invoice: Row;
  movement: Row;
}

/**
 * Buys a pack on an hour bank: the pack's invoice (billing: a draft to review by default, issued at
 * once with `issue: true` — numbered, its dunning asked for) and, in the same transaction, a
 * `purchase` movement crediting the hours, linked to that invoice. The hours are usable at once;
 * the invoice follows billing's life (payments, dunning). Another pack size than the contract's is
 * priced in proportion to its pack price (else at its hourly rate).
 */
export async function buyPack(ctx: RequestContext, contractId: string, input: PackPurchase): Promise<PackBought> {
  const body = packPurchase.parse(input);
  const current = await loadFor(ctx, psaContracts, contractId, 'update', true);
  const number = Number(current.number);
  if (current.type !== 'hour-bank') throw ruleViolation('minutes', m('psa.contracts.pack-on-hour-bank-only', { number }));
  if (current.status === 'ended') throw ruleViolation('minutes', m('psa.contracts.ended', { number }));
  const minutes = body.minutes ?? Number(current.packMinutes);
  const priceCents = body.priceCents ?? packPrice(current, minutes);
  if (body.priceCents === undefined && priceCents === 0) throw ruleViolation('priceCents', m('psa.contracts.pack-needs-price', { number }));
  const tenant = (await ctx.trx('tenants').first('locale')) as { locale?: string | null } | undefined;
  const language = tenant?.locale === 'en' ? 'en' : 'fr';
  let invoice = await createRecord(ctx, billingInvoices, invoiceCreate.parse({ accountId: current.accountId, language, lines: [packLine(current, minutes, priceCents, language)] }));
  if (body.issue) invoice = await issueInvoice(ctx, String(invoice.id));
  const [movement] = await ctx.trx('psaHourMovements').insert({
    tenantId: ctx.principal.tenantId, contractId, kind: 'purchase', minutes, invoiceId: invoice.id, createdBy: ctx.principal.userId ?? null,
  }).returning(['id', 'kind', 'minutes', 'invoiceId', 'createdAt']);
  const before = Number(current.remainingMinutes);
  await ctx.trx('psaContracts').where({ id: contractId }).update({ version: Number(current.version) + 1 });
  await appendHistoryAs(ctx, {
    recordType: psaContracts.recordType, recordId: contractId, action: 'update',
    changes: { remainingMinutes: { before, after: before + minutes }, invoiceId: { before: null, after: String(invoice.id) } },
  });
  const row = movement as Row;
  return {
    contract: await getRecord(ctx, psaContracts, contractId), invoice,
    movement: { ...row, createdAt: row.createdAt instanceof Date ? row.createdAt.toISOString() : row.createdAt },
  };
}

/**
 * The hour ledger of a contract, newest first, each movement with the balance right after it, the
 * time entry and ticket it comes from, the invoice of a pack, and who wrote it.
 */
export async function contractHours(ctx: RequestContext, contractId: string, limit = 500): Promise<Row> {
  const current = await loadFor(ctx, psaContracts, contractId, 'read');
  const { trx } = ctx;
  const rows = (await trx
    .with('ledger', (qb) => qb.from('psa_hour_movements as h').where('h.contract_id', contractId)
      .select('h.*', trx.raw('sum(h.minutes) over (order by h.created_at, h.id rows unbounded preceding)::int as balance_minutes')))
    .from('ledger as l')
    .leftJoin('psa_time_entries as e', 'e.id', 'l.time_entry_id')
    .leftJoin('psa_tickets as k', 'k.id', 'e.ticket_id')
    .leftJoin('billing_invoices as i', 'i.id', 'l.invoice_id')
    .leftJoin('users as u', 'u.id', 'l.created_by')
    .orderBy([{ column: 'l.created_at', order: 'desc' }, { column: 'l.id', order: 'desc' }])
    .limit(limit)
    .select('l.id', 'l.kind', 'l.minutes', 'l.balance_minutes', 'l.time_entry_id', 'k.id as ticket_id', 'k.number as ticket_number', 'k.title as ticket_title',
      'l.invoice_id', 'i.number as invoice_number', 'l.reason', 'l.created_by', 'u.display_name as created_by_name', 'l.created_at')) as Row[];
  return {
    contractId, remainingMinutes: Number(current.remainingMinutes), purchasedMinutes: Number(current.purchasedMinutes),
    packMinutes: current.packMinutes === null ? null : Number(current.packMinutes), alertThresholds: current.alertThresholds ?? [],
    // A client user reads its movements, not the team's words on them (a correction's reason) nor a pack's invoice still in draft.
    items: rows.map((r) => ({
      ...r, ...(isClientUser(ctx.principal) ? { reason: null, ...(r.invoiceId && !r.invoiceNumber ? { invoiceId: null } : {}) } : {}),
      minutes: Number(r.minutes), balanceMinutes: Number(r.balanceMinutes), createdAt: (r.createdAt as Date).toISOString(),
    })),
  };
}
