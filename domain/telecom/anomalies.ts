import { appendHistory } from '../core/history';
import { cursorValueFits, decodeCursor, encodeCursor } from '../core/cursor';
import { isUuid, type RequestContext } from '../core/record-service';
import { NotFoundError, StaleVersionError, UnprocessableError, ValidationError, versionMatches, type ExpectedVersion } from '../errors';
import { coreMessage } from '../i18n/core.messages';
import { requireAnomalyRead, requireAnomalyUpdate, seesPurchasePrices } from './control-access';
import { monthsRunning } from './control-rules';
import { controlMessage as m } from './control.messages';
import type { Anomaly, AnomalyDecision, AnomalyListQuery } from './control.schema';

type Row = Record<string, unknown>;

/** The history's record type of an anomaly. */
export const ANOMALY_RECORD_TYPE = 'telecom.anomaly';

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v ? String(v) : null);
const day = (v: unknown) => (v instanceof Date ? `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}` : String(v).slice(0, 10));

/** An anomaly as answered: without the two prices for a role that may not see purchase prices. */
export function presentAnomaly(r: Row, withPrices: boolean): Anomaly {
  const since = day(r.since);
  const monthlyLossCents = Number(r.monthlyLossCents);
  return {
    id: String(r.id), kind: r.kind as Anomaly['kind'], lineId: String(r.lineId), lineNumber: (r.lineNumber as string | null) ?? null, accountId: String(r.accountId),
    accountName: (r.accountName as string | null) ?? null, operatorKey: String(r.operatorKey), source: r.source as Anomaly['source'], productCode: (r.productCode as string | null) ?? null,
    ...(withPrices ? { billedCents: Number(r.billedCents), expectedCents: r.expectedCents === null ? null : Number(r.expectedCents) } : {}),
    monthlyLossCents, lossToDateCents: monthlyLossCents * monthsRunning(since, String(r.lastSeenPeriod)),
    since, firstPeriod: String(r.firstPeriod), lastSeenPeriod: String(r.lastSeenPeriod), status: r.status as Anomaly['status'],
    fixAction: (r.fixAction as Anomaly['fixAction']) ?? null, fixDeploymentId: (r.fixDeploymentId as string | null) ?? null, fixTaskId: (r.fixTaskId as string | null) ?? null,
    recoveredCents: Number(r.recoveredCents), resolvedAt: iso(r.resolvedAt), resolutionNote: (r.resolutionNote as string | null) ?? null,
    version: Number(r.version), createdAt: iso(r.createdAt)!, updatedAt: iso(r.updatedAt)!,
  };
}

function anomalyRows(ctx: RequestContext) {
  return ctx.trx('telecomAnomalies as a').leftJoin('telecomLines as l', 'l.id', 'a.lineId').leftJoin('accounts as c', 'c.id', 'a.accountId')
    .select('a.*', 'l.number as lineNumber', 'c.name as accountName');
}

/** The anomalies, newest first, filtered by kind, status, account or line, one page at a time. */
export async function listAnomalies(ctx: RequestContext, query: AnomalyListQuery): Promise<{ items: Anomaly[]; nextCursor: string | null }> {
  requireAnomalyRead(ctx);
  const qb = anomalyRows(ctx).select(ctx.trx.raw("to_json(a.created_at) #>> '{}' as cursor_value"));
  if (query.kind) qb.where('a.kind', query.kind);
  if (query.status) qb.where('a.status', query.status);
  if (query.accountId) qb.where('a.accountId', query.accountId);
  if (query.lineId) qb.where('a.lineId', query.lineId);
  if (query.cursor) {
    const [value, id] = decodeCursor(query.cursor);
    if (!isUuid(id) || !cursorValueFits('createdAt', value)) throw new ValidationError([{ field: 'cursor', message: coreMessage('field.cursor-unknown') }]);
    qb.whereRaw('(a.created_at, a.id) < (?, ?)', [value as string, id]);
  }
  const rows: Row[] = await qb.orderBy([{ column: 'a.createdAt', order: 'desc' }, { column: 'a.id', order: 'desc' }]).limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const withPrices = seesPurchasePrices(ctx);
  return { items: page.map((r) => presentAnomaly(r, withPrices)), nextCursor: rows.length > query.limit && last ? encodeCursor([last.cursorValue, last.id]) : null };
}

async function loadAnomaly(ctx: RequestContext, id: string): Promise<Row> {
  const row = isUuid(id) ? await anomalyRows(ctx).where('a.id', id).first() : undefined;
  if (!row) throw new NotFoundError(m('telecom.control.anomaly-not-found'));
  return row as Row;
}

export async function getAnomaly(ctx: RequestContext, id: string): Promise<Anomaly> {
  requireAnomalyRead(ctx);
  return presentAnomaly(await loadAnomaly(ctx, id), seesPurchasePrices(ctx));
}

/**
 * The one write path of an anomaly's status by a person: its changes bump its version (If-Match) and go to
 * its history. `fields` are the columns changed besides the status.
 */
export async function writeAnomaly(ctx: RequestContext, row: Row, expected: ExpectedVersion | undefined, status: Anomaly['status'], fields: Row): Promise<Anomaly> {
  if (!versionMatches(expected, row.version)) throw new StaleVersionError(row.version);
  const id = String(row.id);
  const updated = await ctx.trx('telecomAnomalies').where({ id, version: row.version }).update({ status, ...fields, version: Number(row.version) + 1 });
  if (!updated) throw new StaleVersionError(row.version);
  await appendHistory(ctx.trx, ctx.principal.tenantId, {
    recordType: ANOMALY_RECORD_TYPE, recordId: id, action: 'update', actorUserId: ctx.actorUserId ?? ctx.principal.userId ?? null, requestId: ctx.requestId ?? null,
    changes: { status: { before: row.status, after: status }, ...Object.fromEntries(Object.entries(fields).filter(([k]) => !k.endsWith('At') && k !== 'resolutionNote').map(([k, v]) => [k, { before: row[k] ?? null, after: v }])) },
  });
  return getAnomaly(ctx, id);
}

/**
 * A person's decision: resolved (with the money recovered: the operator's credit, the client's refund
 * avoided; one month's loss when not said), dismissed (not an anomaly), or reopened.
 */
export async function decideAnomaly(ctx: RequestContext, id: string, expected: ExpectedVersion | undefined, input: AnomalyDecision): Promise<Anomaly> {
  requireAnomalyUpdate(ctx);
  const row = await loadAnomaly(ctx, id);
  const note = input.note ? { resolutionNote: input.note } : {};
  if (input.status === 'open') {
    return writeAnomaly(ctx, row, expected, 'open', { resolvedAt: null, resolvedBy: null, recoveredCents: 0, ...note });
  }
  if (input.status === 'resolved') {
    const recovered = input.recoveredCents ?? Number(row.monthlyLossCents);
    return writeAnomaly(ctx, row, expected, 'resolved', { resolvedAt: ctx.trx.fn.now(), resolvedBy: ctx.principal.userId ?? null, recoveredCents: recovered, ...note });
  }
  return writeAnomaly(ctx, row, expected, 'dismissed', { resolvedAt: ctx.trx.fn.now(), resolvedBy: ctx.principal.userId ?? null, recoveredCents: 0, ...note });
}

/** Refuses to fix an anomaly already resolved or dismissed (reopen it first). */
export function assertFixable(row: Row): void {
  if (row.status === 'resolved' || row.status === 'dismissed') throw new UnprocessableError(m('telecom.control.anomaly-closed', { status: String(row.status) }));
}

export { loadAnomaly };
