import type { Knex } from 'knex';
import type { RequestContext } from '../core/record-service';
import { ConflictError, ForbiddenError, NotFoundError, StaleVersionError, versionMatches, type ExpectedVersion } from '../errors';
import { audit } from '../identity/audit-log';
import { wordsQuery } from '../search/search-service';
import { catalogueMessage } from './catalogue.messages';
import { nextVersion } from './catalogue-rules';
import { AUDIT_SCOPES, type CatalogueQuery, type CheckPoint, type CheckPointCreate, type CheckPointUpdate } from './catalogue.schema';

/**
 * The control catalogue (issue 16, ADR 0034), the one write path of `audit_check_points`: mission leads
 * create, edit (a new version under the same code, the former retired) and retire check points; the audit
 * teams read them. Versions are rows; a mission's checks keep the copy they were selected from.
 */
export const CHECK_POINT_RESOURCE = 'AuditCheckPoint';

type Row = Record<string, unknown>;
const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The scopes in the catalogue's order (technical, then organisational). */
export const scopeOrder = (column: string) => `array_position(array[${AUDIT_SCOPES.map((s) => `'${s}'`).join(', ')}]::text[], ${column})`;

export function checkPointOf(row: Row): CheckPoint {
  return {
    id: String(row.id), code: String(row.code), scope: row.scope as CheckPoint['scope'], catalogueVersion: Number(row.catalogueVersion),
    title: String(row.title), guidance: String(row.guidance), references: (row.references as string[]) ?? [],
    expectedEvidence: String(row.expectedEvidence), appliesTo: (row.appliesTo as string[]) ?? [], position: Number(row.position),
    retiredAt: iso(row.retiredAt), replacedBy: (row.replacedBy as string | null) ?? null,
    version: Number(row.version), createdAt: iso(row.createdAt)!, updatedAt: iso(row.updatedAt)!,
  };
}

function requireRight(ctx: RequestContext, action: 'read' | 'create' | 'update'): void {
  if (!ctx.ability.can(action, CHECK_POINT_RESOURCE)) {
    throw new ForbiddenError(catalogueMessage(action === 'read' ? 'audits.catalogue.forbidden-read' : 'audits.catalogue.forbidden-write'));
  }
}

async function load(trx: Knex.Transaction, id: string, lock = false): Promise<Row> {
  const query = trx('auditCheckPoints').where({ id });
  if (lock) query.forUpdate();
  const row = UUID.test(id) ? ((await query.first()) as Row | undefined) : undefined;
  if (!row) throw new NotFoundError(catalogueMessage('audits.catalogue.not-found'));
  return row;
}

/** The catalogue: current check points by scope and position, or those matching `q` best first; `retired=true` adds the former versions. */
export async function listCheckPoints(ctx: RequestContext, query: CatalogueQuery): Promise<CheckPoint[]> {
  requireRight(ctx, 'read');
  const words = query.q ? wordsQuery(query.q) : null;
  const rows = await ctx.trx('auditCheckPoints').modify((q) => {
    if (query.retired !== 'true') q.whereNull('retiredAt');
    if (query.scope) q.where({ scope: query.scope });
    if (query.code) q.where({ code: query.code });
    if (query.q && !words) q.whereRaw('false');
    if (words) {
      q.whereRaw(`search @@ to_tsquery('french', ?)`, [words]).orderByRaw(`ts_rank(search, to_tsquery('french', ?)) desc`, [words]);
    }
  }).orderByRaw(`${scopeOrder('scope')}, position, code, catalogue_version desc`).limit(1000);
  return rows.map((r: Row) => checkPointOf(r));
}

export async function readCheckPoint(ctx: RequestContext, id: string): Promise<CheckPoint> {
  requireRight(ctx, 'read');
  return checkPointOf(await load(ctx.trx, id));
}

async function codeFree(trx: Knex.Transaction, code: string): Promise<void> {
  if (await trx('auditCheckPoints').where({ code }).whereNull('retiredAt').first('id')) {
    throw new ConflictError(catalogueMessage('audits.catalogue.code-taken', { code }));
  }
}

function columns(input: Partial<CheckPointCreate>): Row {
  const row: Row = { ...input };
  for (const k of ['references', 'appliesTo'] as const) if (input[k] !== undefined) row[k] = input[k];
  return row;
}

/** A new check point (version 1 of its code; a retired code starts again after its latest version). */
export async function createCheckPoint(ctx: RequestContext, input: CheckPointCreate): Promise<CheckPoint> {
  requireRight(ctx, 'create');
  const { tenantId, userId } = ctx.principal;
  await ctx.trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`audit-check-point/${tenantId}/${input.code}`]);
  await codeFree(ctx.trx, input.code);
  const [{ latest }] = await ctx.trx('auditCheckPoints').where({ code: input.code }).select(ctx.trx.raw('coalesce(max(catalogue_version), 0) as latest'));
  const [row] = await ctx.trx('auditCheckPoints')
    .insert({ ...columns(input), tenantId, catalogueVersion: Number(latest) + 1, createdBy: userId ?? null }).returning('*');
  await audit(ctx.trx, { tenantId, actorUserId: userId ?? null, action: 'audits.catalogue.create', targetType: 'audit-check-point', targetId: String(row.id), details: { code: input.code } });
  return checkPointOf(row as Row);
}

/**
 * Edits a check point (If-Match on the current version's row): a changed text inserts the next version
 * under the same code and retires this one (`replaced_by` names the new one); a new position alone is
 * saved in place. Answers the check point now current.
 */
export async function updateCheckPoint(ctx: RequestContext, id: string, patch: CheckPointUpdate, expected: ExpectedVersion | undefined): Promise<CheckPoint> {
  requireRight(ctx, 'update');
  const { tenantId, userId } = ctx.principal;
  const row = await load(ctx.trx, id, true);
  if (!versionMatches(expected, row.version)) throw new StaleVersionError(checkPointOf(row));
  if (row.retiredAt) throw new ConflictError(catalogueMessage('audits.catalogue.retired'));
  const current = checkPointOf(row);
  const [{ latest }] = await ctx.trx('auditCheckPoints').where({ code: current.code }).select(ctx.trx.raw('max(catalogue_version) as latest'));
  const next = nextVersion(current, patch, Number(latest));
  if (!next) {
    if (patch.position === undefined || patch.position === current.position) return current;
    const [moved] = await ctx.trx('auditCheckPoints').where({ id }).update({ position: patch.position, version: current.version + 1 }).returning('*');
    return checkPointOf(moved as Row);
  }
  await ctx.trx('auditCheckPoints').where({ id }).update({ retiredAt: ctx.trx.fn.now(), version: current.version + 1 });
  const [created] = await ctx.trx('auditCheckPoints')
    .insert({ ...columns(next), tenantId, code: current.code, createdBy: userId ?? null }).returning('*');
  await ctx.trx('auditCheckPoints').where({ id }).update({ replacedBy: created.id });
  await audit(ctx.trx, {
    tenantId, actorUserId: userId ?? null, action: 'audits.catalogue.revise', targetType: 'audit-check-point', targetId: String(created.id),
    details: { code: current.code, from: current.catalogueVersion, to: next.catalogueVersion },
  });
  return checkPointOf(created as Row);
}

/** Retires a check point: no longer offered to new missions; the missions that have it keep their copy. */
export async function retireCheckPoint(ctx: RequestContext, id: string, expected: ExpectedVersion | undefined): Promise<CheckPoint> {
  requireRight(ctx, 'update');
  const row = await load(ctx.trx, id, true);
  if (!versionMatches(expected, row.version)) throw new StaleVersionError(checkPointOf(row));
  if (row.retiredAt) return checkPointOf(row);
  const [saved] = await ctx.trx('auditCheckPoints').where({ id }).update({ retiredAt: ctx.trx.fn.now(), version: Number(row.version) + 1 }).returning('*');
  await audit(ctx.trx, {
    tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId ?? null, action: 'audits.catalogue.retire', targetType: 'audit-check-point', targetId: id, details: { code: row.code },
  });
  return checkPointOf(saved as Row);
}
