import type { Knex } from 'knex';
import { ConflictError, ForbiddenError, NotFoundError, StaleVersionError, ruleViolation, versionMatches, type ExpectedVersion } from '../errors';
import type { RequestContext } from '../core/record-service';
import { audit } from '../identity/audit-log';
import { ident } from './anonymiser';
import { declaredActivities } from './register';
import { parisDay } from './retention-clock';
import { retentionMessage } from './retention.messages';
import { organisationSubjectPlan } from './subjects';
import { tenantRules } from './retention-rules';
import type { LegalHoldChange, LegalHoldInput, LegalHoldView } from './retention.schema';

/**
 * Legal holds (issue 15, docs/adr/0026-retention.md): a litigation, an audit or an authority's request
 * suspends retention on a record, on everything about a person, or on a whole processing activity, until
 * the hold is lifted or its end passes. The data protection officer places, changes and lifts them; a
 * hold is never deleted (the audit log and the hold itself keep who and why).
 */
const COLUMNS = ['h.id', 'h.scope', 'h.tableName', 'h.recordId', 'h.subjectKind', 'h.subjectId', 'h.activityKey', 'h.reason', 'h.until', 'h.placedAt', 'h.liftedAt', 'h.version',
  'h.placedBy', 'p.displayName as placedByName', 'h.liftedBy', 'l.displayName as liftedByName'];

function mayRead(ctx: RequestContext): void {
  if (!ctx.ability.can('read', 'LegalHold')) throw new ForbiddenError(retentionMessage('gdpr.forbidden-retention-read'));
}
function mayWrite(ctx: RequestContext, action: 'create' | 'update'): void {
  if (!ctx.ability.can(action, 'LegalHold')) throw new ForbiddenError(retentionMessage('gdpr.forbidden-legal-hold'));
}

function present(row: Record<string, unknown>, today: string): LegalHoldView {
  const until = (row.until as string | null) ?? null;
  const liftedAt = row.liftedAt ? new Date(row.liftedAt as string).toISOString() : null;
  return {
    id: String(row.id), scope: row.scope as LegalHoldView['scope'],
    table: (row.tableName as string | null) ?? null, recordId: (row.recordId as string | null) ?? null,
    subject: row.subjectKind ? { kind: String(row.subjectKind), id: String(row.subjectId) } : null,
    activity: (row.activityKey as string | null) ?? null, reason: String(row.reason), until,
    placedBy: row.placedBy ? { id: String(row.placedBy), displayName: String(row.placedByName ?? '') } : null,
    placedAt: new Date(row.placedAt as string).toISOString(), liftedAt,
    liftedBy: row.liftedBy ? { id: String(row.liftedBy), displayName: String(row.liftedByName ?? '') } : null,
    active: !liftedAt && (until === null || until >= today), version: Number(row.version),
  };
}

const query = (trx: Knex.Transaction) => trx('gdprLegalHolds as h')
  .leftJoin('users as p', 'p.id', 'h.placedBy').leftJoin('users as l', 'l.id', 'h.liftedBy').select(COLUMNS);

export async function listLegalHolds(ctx: RequestContext, filter: { active?: boolean } = {}, now = Date.now()): Promise<LegalHoldView[]> {
  mayRead(ctx);
  const today = parisDay(now);
  const rows = await query(ctx.trx).orderBy('h.placedAt', 'desc').limit(500);
  return rows.map((r) => present(r, today)).filter((h) => filter.active === undefined || h.active === filter.active);
}

export async function readLegalHold(ctx: RequestContext, id: string, now = Date.now()): Promise<LegalHoldView> {
  mayRead(ctx);
  const row = await query(ctx.trx).where('h.id', id).first();
  if (!row) throw new NotFoundError(retentionMessage('gdpr.unknown-legal-hold'));
  return present(row, parisDay(now));
}

async function exists(trx: Knex.Transaction, table: string, id: string): Promise<boolean> {
  // Compared as text: a table's ids are uuids or numbers (the history's).
  return (await trx.raw<{ rows: unknown[] }>(`select 1 from ${ident(table)} where id::text = ?`, [id])).rows.length > 0;
}

async function verticalsOf(ctx: RequestContext): Promise<string[]> {
  return ((await ctx.trx('tenants').where({ id: ctx.principal.tenantId }).first('verticals'))?.verticals as string[]) ?? [];
}

/** Checks what a hold names exists in the organisation; answers the row's columns. */
async function target(ctx: RequestContext, input: LegalHoldInput): Promise<Record<string, string | null>> {
  const none = { tableName: null, recordId: null, subjectKind: null, subjectId: null, activityKey: null };
  if (input.scope === 'record') {
    const rules = await tenantRules(ctx.trx, ctx.principal.tenantId, 'fr');
    if (!rules.some((r) => r.table === input.table)) throw ruleViolation('table', retentionMessage('gdpr.hold-table-without-rule'));
    if (!(await exists(ctx.trx, input.table, input.recordId))) throw ruleViolation('recordId', retentionMessage('gdpr.hold-unknown-record'));
    return { ...none, tableName: input.table, recordId: input.recordId };
  }
  const verticals = await verticalsOf(ctx);
  if (input.scope === 'subject') {
    // The kinds of person the modules declare with a row of their own (ADR 0023); the hold keeps every row their links find.
    const plan = organisationSubjectPlan(input.subject.kind, verticals);
    if (!plan?.subject.table) throw ruleViolation('subject.kind', retentionMessage('gdpr.hold-unknown-subject-kind'));
    if (!(await exists(ctx.trx, plan.subject.table, input.subject.id))) throw ruleViolation('subject.id', retentionMessage('gdpr.hold-unknown-record'));
    return { ...none, subjectKind: input.subject.kind, subjectId: input.subject.id };
  }
  if (!declaredActivities(verticals, 'fr').some((a) => a.key === input.activity)) throw ruleViolation('activity', retentionMessage('gdpr.hold-unknown-activity'));
  return { ...none, activityKey: input.activity };
}

function checkUntil(until: string | null | undefined, now: number): void {
  if (until && until < parisDay(now)) throw ruleViolation('until', retentionMessage('gdpr.hold-until-past'));
}

/** Places a hold (noted in the audit log). */
export async function placeLegalHold(ctx: RequestContext, input: LegalHoldInput, now = Date.now()): Promise<LegalHoldView> {
  mayWrite(ctx, 'create');
  checkUntil(input.until, now);
  const columns = await target(ctx, input);
  const [row] = await ctx.trx('gdprLegalHolds').insert({
    tenantId: ctx.principal.tenantId, scope: input.scope, ...columns, reason: input.reason, until: input.until, placedBy: ctx.principal.userId,
  }).returning('id');
  const id = String(row.id);
  await audit(ctx.trx, { tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId, action: 'gdpr.legal-hold.place', targetType: 'gdpr-legal-hold', targetId: id, details: { scope: input.scope } });
  return readLegalHold(ctx, id, now);
}

async function lockOpen(ctx: RequestContext, id: string, expected: ExpectedVersion | undefined, now: number): Promise<LegalHoldView> {
  const current = await readLegalHold(ctx, id, now);
  const locked = await ctx.trx('gdprLegalHolds').where({ id }).forUpdate().first('version', 'liftedAt');
  if (!versionMatches(expected, Number(locked.version))) throw new StaleVersionError(current);
  if (locked.liftedAt) throw new ConflictError(retentionMessage('gdpr.hold-lifted'));
  return current;
}

/** Changes a hold's reason or end (If-Match). */
export async function changeLegalHold(ctx: RequestContext, id: string, change: LegalHoldChange, expected: ExpectedVersion | undefined, now = Date.now()): Promise<LegalHoldView> {
  mayWrite(ctx, 'update');
  const current = await lockOpen(ctx, id, expected, now);
  checkUntil(change.until, now);
  await ctx.trx('gdprLegalHolds').where({ id }).update({
    ...(change.reason !== undefined ? { reason: change.reason } : {}), ...(change.until !== undefined ? { until: change.until } : {}), version: current.version + 1,
  });
  await audit(ctx.trx, { tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId, action: 'gdpr.legal-hold.change', targetType: 'gdpr-legal-hold', targetId: id, details: {} });
  return readLegalHold(ctx, id, now);
}

/** Lifts a hold (If-Match): retention applies again from the next run. */
export async function liftLegalHold(ctx: RequestContext, id: string, expected: ExpectedVersion | undefined, now = Date.now()): Promise<LegalHoldView> {
  mayWrite(ctx, 'update');
  const current = await lockOpen(ctx, id, expected, now);
  await ctx.trx('gdprLegalHolds').where({ id }).update({ liftedAt: ctx.trx.fn.now(), liftedBy: ctx.principal.userId, version: current.version + 1 });
  await audit(ctx.trx, { tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId, action: 'gdpr.legal-hold.lift', targetType: 'gdpr-legal-hold', targetId: id, details: {} });
  return readLegalHold(ctx, id, now);
}
