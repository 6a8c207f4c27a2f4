import { todayInParis } from '../billing/days';
import { appendHistoryAs, baseQuery, getRecord, loadFor, present, updateRecord, type RequestContext } from '../core/record-service';
import { diffRecords } from '../core/history';
import { ruleViolation, StaleVersionError, versionMatches, type ExpectedVersion } from '../errors';
import type { LineStatus, LineUpdate } from './line.schema';
import { linePrices, optionsAdded, optionsChange, planChange, statusChange, type LineFacts, type Outcome } from './line-rules';
import { telecomLines } from './lines';
import { offerFacts } from './offers';
import type { OfferFacts } from './offer.schema';

/**
 * The one write path of a line's plan, options and status (issue 17's shared contract): each action locks
 * the line, re-checks its rule (line-rules.ts) and throws a 422 with the reason when refused, recomputes
 * the prices from the catalogue, bumps the version and writes the history. The user needs
 * `telecom.line.update` on the line (« modifier forfait »). A change to what the line already is does
 * nothing and answers the line (a bulk re-run is harmless). Used by the API, bulk actions and deployments.
 */
type Row = Record<string, unknown>;

export interface ActionOptions {
  /** The version the caller read (If-Match): a line changed since is refused as stale. */
  expectedVersion?: ExpectedVersion;
}

function factsOf(row: Row): LineFacts {
  return {
    status: row.status as LineStatus, planId: (row.planId as string | null) ?? null, optionIds: (row.optionIds as string[] | null) ?? [],
    fleetType: row.fleetType as LineFacts['fleetType'], fleetOperatorKey: String(row.fleetOperatorKey),
    brandId: (row.brandId as string | null) ?? null, activatedOn: (row.activatedOn as string | null) ?? null,
  };
}

async function lockLine(ctx: RequestContext, lineId: string, options: ActionOptions): Promise<Row> {
  const row = await loadFor(ctx, telecomLines, lineId, 'update', true);
  if (!versionMatches(options.expectedVersion, row.version)) throw new StaleVersionError(present(ctx, telecomLines, row));
  return row;
}

/** Writes the change with the prices its plan and options make now, one version more, and its history. */
async function write(ctx: RequestContext, before: Row, change: Row, known: ReadonlyMap<string, OfferFacts>): Promise<Row> {
  const planId = (change.planId ?? before.planId) as string | null;
  const optionIds = (change.optionIds ?? before.optionIds) as string[];
  const wanted = [...(planId ? [planId] : []), ...optionIds];
  // The offers the rule read already are enough, unless an option is no longer in the catalogue.
  const offers = wanted.every((id) => known.has(id)) ? known : await offerFacts(ctx.trx, wanted);
  const prices = linePrices(planId ? offers.get(planId) : undefined, optionIds.map((id) => offers.get(id)).filter((o) => o !== undefined));
  await ctx.trx('telecomLines').where({ id: before.id }).update({ ...change, ...prices, version: Number(before.version) + 1, updatedAt: ctx.trx.fn.now() });
  const after = (await baseQuery(ctx.trx, telecomLines).where('t.id', String(before.id)).first()) as Row;
  const changes = diffRecords(present(ctx, telecomLines, before), present(ctx, telecomLines, after));
  if (Object.keys(changes).length) await appendHistoryAs(ctx, { recordType: telecomLines.recordType, recordId: String(before.id), action: 'update', changes });
  return present(ctx, telecomLines, after);
}

async function settle<T extends object>(ctx: RequestContext, row: Row, outcome: Outcome<T>, offers: ReadonlyMap<string, OfferFacts>): Promise<Row> {
  if (!outcome.ok) throw ruleViolation(outcome.refusal.field, outcome.refusal.message);
  return outcome.change ? write(ctx, row, { ...outcome.change } as Row, offers) : present(ctx, telecomLines, row);
}

/** The offers a change reads: those named and the line's own plan and options (its prices), in one statement. */
function offersFor(ctx: RequestContext, row: Row, ids: readonly string[]): Promise<Map<string, OfferFacts>> {
  return offerFacts(ctx.trx, [...ids, ...(row.planId ? [row.planId as string] : []), ...((row.optionIds as string[] | null) ?? [])]);
}

/** Puts the line on another plan of its fleet's type and operator (and its brand's catalogue). */
export async function changeLinePlan(ctx: RequestContext, lineId: string, input: { planId: string }, options: ActionOptions = {}): Promise<Row> {
  const row = await lockLine(ctx, lineId, options);
  const offers = await offersFor(ctx, row, [input.planId]);
  return settle(ctx, row, planChange(factsOf(row), offers.get(input.planId), input.planId), offers);
}

/** Adds options to the line (those it has already are kept once). */
export async function addLineOptions(ctx: RequestContext, lineId: string, input: { optionIds: string[] }, options: ActionOptions = {}): Promise<Row> {
  const row = await lockLine(ctx, lineId, options);
  const offers = await offersFor(ctx, row, input.optionIds);
  return settle(ctx, row, optionsAdded(factsOf(row), input.optionIds, offers), offers);
}

/** Sets the line's whole set of options (those taken off are removed; new ones are checked). */
export async function setLineOptions(ctx: RequestContext, lineId: string, input: { optionIds: string[] }, options: ActionOptions = {}): Promise<Row> {
  const row = await lockLine(ctx, lineId, options);
  const offers = await offersFor(ctx, row, input.optionIds);
  return settle(ctx, row, optionsChange(factsOf(row), input.optionIds, offers), offers);
}

/** Activates, suspends, resumes or terminates the line on day `on` (today in Paris by default). */
export async function setLineStatus(ctx: RequestContext, lineId: string, input: { status: LineStatus; on?: string }, options: ActionOptions = {}): Promise<Row> {
  const row = await lockLine(ctx, lineId, options);
  return settle(ctx, row, statusChange(factsOf(row), input.status, input.on ?? todayInParis()), new Map());
}

/**
 * What setting the line's status would do, read (locked) without writing, for a bulk that asks the operator first
 * (docs/adr/0047): refused with the rule's reason (thrown), else whether it changes anything, with the line's
 * operator and its id there. The change itself is `setLineStatus`, once the operator confirmed.
 */
export async function plannedStatusChange(ctx: RequestContext, lineId: string, input: { status: LineStatus; on?: string }): Promise<{ change: boolean; operatorKey: string; operatorLineId: string | null }> {
  const row = await lockLine(ctx, lineId, {});
  const outcome = statusChange(factsOf(row), input.status, input.on ?? todayInParis());
  if (!outcome.ok) throw ruleViolation(outcome.refusal.field, outcome.refusal.message);
  const refs = (row.operatorRefs as Record<string, string> | null) ?? {};
  return { change: Boolean(outcome.change), operatorKey: String(row.operatorKey), operatorLineId: refs.lineId ?? null };
}

/**
 * A PATCH of a line (If-Match): its user, site and billing site as fields, then its plan, options and status
 * through the actions above, all or nothing (the request's transaction); the line as it is at the end.
 */
export async function patchLine(ctx: RequestContext, lineId: string, expectedVersion: ExpectedVersion, patch: LineUpdate): Promise<Row> {
  await lockLine(ctx, lineId, { expectedVersion });
  const { planId, optionIds, status, statusOn, ...fields } = patch;
  if (Object.keys(fields).length) await updateRecord(ctx, telecomLines, lineId, '*', fields);
  if (planId) await changeLinePlan(ctx, lineId, { planId });
  if (optionIds) await setLineOptions(ctx, lineId, { optionIds });
  if (status) await setLineStatus(ctx, lineId, { status, on: statusOn });
  return getRecord(ctx, telecomLines, lineId);
}
