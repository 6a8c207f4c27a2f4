import { quoteCreate } from '../billing/billing.schema';
import { todayInParis } from '../billing/issue';
import { billingQuotes } from '../billing/resources';
import { appendHistoryAs, getRecord, loadFor, readableQuery, createRecord, updateRecord, type RequestContext } from '../core/record-service';
import { listRecords } from '../core/record-list';
import { ConflictError, UnprocessableError, ValidationError, type ExpectedVersion } from '../errors';
import { openContract, type OpenContractInput } from './contract-actions';
import type { OpportunityMove } from './opportunity.schema';
import { ensurePipelineStages, psaInteractions, psaOpportunities, stageById } from './opportunities';
import { needsRenumbering, rankBetween, RANK_STEP, weightedAmount } from './pipeline';
import { pipelineMessage as m } from './pipeline.messages';

/**
 * What the pipeline does besides editing records (issue 14, spec 003 §2.1): the board, a card moved
 * on it, a quote made from an opportunity, the contract a won opportunity opens once its quote is
 * accepted, and the reminders due to a person.
 */
type Row = Record<string, unknown>;
const BOARD_COLUMN_LIMIT = 200;

/**
 * The stages in order, each with its opportunities by rank (the first 200), the cursor of the next
 * ones (« Voir plus »: the opportunities' list, `stageId` and `sort=rank`), and its count, amount and
 * weighted amount.
 */
export async function pipelineBoard(ctx: RequestContext, filters: { ownerId?: string; accountId?: string; q?: string }): Promise<{ stages: Row[] }> {
  const stages = await ensurePipelineStages(ctx.trx, ctx.principal.tenantId, ctx.principal.userId);
  const wanted: Record<string, string> = {};
  if (filters.ownerId) wanted.ownerId = filters.ownerId;
  if (filters.accountId) wanted.accountId = filters.accountId;
  const totals = new Map<string, { count: number; amount: number; weighted: number }>();
  const readable = readableQuery(ctx, psaOpportunities);
  if (readable) {
    readable.clearSelect().select('t.stageId').count('t.id as count').sum('t.amountCents as amount')
      .select(ctx.trx.raw('sum(round(t.amount_cents * t.probability / 100.0))::bigint as weighted')).groupBy('t.stageId');
    if (filters.ownerId) readable.where('t.ownerId', filters.ownerId === 'me' ? ctx.principal.userId : filters.ownerId);
    if (filters.accountId) readable.where('t.accountId', filters.accountId);
    for (const row of await readable as Row[]) totals.set(String(row.stageId), { count: Number(row.count), amount: Number(row.amount ?? 0), weighted: Number(row.weighted ?? 0) });
  }
  const columns = [];
  for (const stage of stages) {
    const page = await listRecords(ctx, psaOpportunities, { limit: BOARD_COLUMN_LIMIT, sort: 'rank', q: filters.q, filters: { ...wanted, stageId: String(stage.id) } });
    const sum = totals.get(String(stage.id));
    columns.push({
      id: stage.id, version: stage.version, createdAt: new Date(stage.createdAt as string).toISOString(), updatedAt: new Date(stage.updatedAt as string).toISOString(),
      key: stage.key, labelFr: stage.labelFr, labelEn: stage.labelEn, position: stage.position, defaultProbability: stage.defaultProbability, outcome: stage.outcome,
      count: sum?.count ?? 0, amountCents: sum?.amount ?? 0,
      weightedCents: sum?.weighted ?? page.items.reduce((s, o) => s + weightedAmount(Number(o.amountCents), Number(o.probability)), 0),
      items: page.items,
      nextCursor: page.nextCursor,
    });
  }
  return { stages: columns };
}

async function neighbourRank(ctx: RequestContext, id: string | null | undefined, stageId: string, field: 'beforeId' | 'afterId'): Promise<number | null> {
  if (!id) return null;
  const row = await ctx.trx('psaOpportunities').where({ id }).first('stageId', 'rank');
  if (!row || row.stageId !== stageId) throw new ValidationError([{ field, message: m('psa.pipeline.neighbour-elsewhere') }]);
  return Number(row.rank);
}

/** Spreads a column's ranks again (RANK_STEP apart, in their order) when two neighbours left no room. */
async function renumberColumn(ctx: RequestContext, stageId: string): Promise<void> {
  await ctx.trx.raw(`
    update psa_opportunities o set rank = r.n * ? from (
      select id, row_number() over (order by rank, id) as n from psa_opportunities where stage_id = ?
    ) r where o.id = r.id`, [RANK_STEP, stageId]);
}

/**
 * A card dropped on the board: into `stageId`, between `beforeId` (above) and `afterId` (below).
 * Entering another stage applies its rules (a won or lost stage closes it, lost needs `lostReason`);
 * winning with an accepted quote opens the contract in the same transaction.
 */
export async function moveOpportunity(ctx: RequestContext, id: string, move: OpportunityMove, expected: ExpectedVersion): Promise<Row> {
  await loadFor(ctx, psaOpportunities, id, 'update', true);
  const stage = await stageById(ctx.trx, move.stageId);
  const stageId = String(stage.id);
  let before = await neighbourRank(ctx, move.beforeId, stageId, 'beforeId');
  let after = await neighbourRank(ctx, move.afterId, stageId, 'afterId');
  if (needsRenumbering(before, after)) {
    await renumberColumn(ctx, stageId);
    before = await neighbourRank(ctx, move.beforeId, stageId, 'beforeId');
    after = await neighbourRank(ctx, move.afterId, stageId, 'afterId');
  }
  const patch: Row = { stageId, rank: rankBetween(before, after) };
  if (move.lostReason !== undefined) patch.lostReason = move.lostReason;
  const updated = await updateRecord(ctx, psaOpportunities, id, expected, patch);
  return (await openContractIfWon(ctx, updated)) ?? updated;
}

/**
 * A won opportunity whose quote is accepted opens its contract (helper 2's openContract, with the
 * caller's permissions): the type the opportunity names (time and material by default), its owner as
 * account manager; an hour bank is credited with the pack the quote sold; a subscription bills the
 * quote's amount monthly. Answers the opportunity with its contract, or null when nothing was due.
 */
export async function openContractIfWon(ctx: RequestContext, opportunity: Row): Promise<Row | null> {
  if (opportunity.stageOutcome !== 'won' || opportunity.contractId || !opportunity.quoteId) return null;
  const quote = await ctx.trx('billingQuotes').where({ id: opportunity.quoteId }).first('id', 'status', 'totalExcludingTaxCents');
  if (!quote || quote.status !== 'accepted') return null;
  const type = (opportunity.contractType as OpenContractInput['type'] | null) ?? 'time-and-material';
  const amount = Number(quote.totalExcludingTaxCents);
  const input: OpenContractInput = {
    accountId: String(opportunity.accountId), type, name: m('psa.pipeline.contract-name', { title: String(opportunity.title) }).render('fr'),
    startDate: todayInParis(), opportunityId: String(opportunity.id), quoteId: String(quote.id),
    accountManagerId: (opportunity.ownerId as string | null) ?? null, clientContactId: (opportunity.contactId as string | null) ?? null,
  };
  if (type === 'hour-bank') {
    const packMinutes = Number(opportunity.contractPackMinutes ?? 0) || 600;
    Object.assign(input, { packMinutes, packPriceCents: amount, hourlyRateCents: Math.round((amount * 60) / packMinutes), initialMinutes: packMinutes });
  }
  if (type === 'subscription') {
    Object.assign(input, { subscription: { basis: 'flat', description: String(opportunity.title), unitPriceCents: amount, frequency: 'monthly', quantity: 1, vatRateBasisPoints: 2000, mode: 'draft' } });
  }
  const contract = await openContract(ctx.trx, ctx.principal, input);
  await ctx.trx('psaOpportunities').where({ id: opportunity.id }).update({ contractId: contract.id, version: Number(opportunity.version) + 1, updatedAt: ctx.trx.fn.now() });
  await appendHistoryAs(ctx, { recordType: psaOpportunities.recordType, recordId: String(opportunity.id), action: 'update', changes: { contractId: { before: null, after: contract.id } } });
  return getRecord(ctx, psaOpportunities, String(opportunity.id));
}

/**
 * « Créer un devis »: a draft billing quote for the opportunity's client, one line of its amount
 * (excluding tax, 20 % VAT) named after it, linked to the opportunity. One quote in progress at a
 * time: a draft, sent or accepted quote already there answers 409; a refused or expired one is replaced.
 */
export async function quoteFromOpportunity(ctx: RequestContext, id: string): Promise<{ opportunity: Row; quote: Row }> {
  const current = await loadFor(ctx, psaOpportunities, id, 'update', true);
  if (current.stageOutcome !== 'open') throw new UnprocessableError(m('psa.pipeline.quote-closed', { number: Number(current.number) }));
  if (current.quoteId && ['draft', 'sent', 'accepted'].includes(String(current.quoteStatus))) {
    throw new ConflictError(m('psa.pipeline.quote-exists', { number: Number(current.number) }), { quoteId: current.quoteId });
  }
  const quote = await createRecord(ctx, billingQuotes, quoteCreate.parse({
    accountId: current.accountId,
    lines: Number(current.amountCents) > 0
      ? [{ description: m('psa.pipeline.quote-line', { number: Number(current.number), title: String(current.title) }).render('fr'), quantity: 1, unitPriceCents: Number(current.amountCents), vatRateBasisPoints: 2000 }]
      : [],
    notes: current.notes ?? null,
  }));
  await ctx.trx('psaOpportunities').where({ id }).update({ quoteId: quote.id, version: Number(current.version) + 1, updatedAt: ctx.trx.fn.now() });
  await appendHistoryAs(ctx, { recordType: psaOpportunities.recordType, recordId: id, action: 'update', changes: { quoteId: { before: current.quoteId ?? null, after: quote.id } } });
  return { opportunity: await getRecord(ctx, psaOpportunities, id), quote };
}

/**
 * The reminders due to the caller (their time has come, not done), oldest first, with their client
 * and opportunity: what the person's task list shows beside the process tasks.
 */
export async function dueReminders(ctx: RequestContext, limit = 100): Promise<Row[]> {
  if (!ctx.ability.can('read', psaInteractions.subject)) return [];
  const rows = await ctx.trx('psaInteractions as i').join('accounts as a', 'a.id', 'i.accountId').leftJoin('psaOpportunities as o', 'o.id', 'i.opportunityId')
    .where('i.reminderOwnerId', ctx.principal.userId).whereNotNull('i.remindAt').whereNull('i.reminderDoneAt').where('i.remindAt', '<=', ctx.trx.fn.now())
    .orderBy([{ column: 'i.remindAt' }, { column: 'i.id' }]).limit(limit)
    .select('i.id', 'i.kind', 'i.subject', 'i.remindAt', 'i.accountId', 'a.name as accountName', 'i.opportunityId', 'o.title as opportunityTitle', 'i.version');
  return rows.map((r: Row) => ({ ...r, remindAt: new Date(r.remindAt as string).toISOString() }));
}
