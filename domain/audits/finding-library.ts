import type { Knex } from 'knex';
import type { RequestContext } from '../core/record-service';
import { ForbiddenError, NotFoundError, StaleVersionError, UnprocessableError, versionMatches, type ExpectedVersion } from '../errors';
import { audit } from '../identity/audit-log';
import { wordsQuery } from '../search/search-service';
import { findingSpec } from './capture-kinds';
import { readCaptured } from './capture-records';
import { catalogueMessage } from './catalogue.messages';
import type { LibraryFinding, LibraryFindingCreate, LibraryFindingUpdate, LibraryImprove, LibraryQuery } from './catalogue.schema';
import { visibleMission } from './mission-checks';

/**
 * The finding library (issue 16; PwnDoc's vulnerability database), the one write path of
 * `audit_library_findings`: reusable findings (description, risk, recommendation, references) that mission
 * leads write, that missions insert (`noteLibraryUse`) and that a mission's finding improves (`improveLibraryFinding`).
 */
export const LIBRARY_RESOURCE = 'AuditLibraryFinding';

type Row = Record<string, unknown>;
const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function libraryFindingOf(row: Row): LibraryFinding {
  return {
    id: String(row.id), title: String(row.title), description: String(row.description), risk: String(row.risk),
    recommendation: String(row.recommendation), references: (row.references as string[]) ?? [],
    defaultSeverity: row.defaultSeverity as LibraryFinding['defaultSeverity'], scopes: (row.scopes as LibraryFinding['scopes']) ?? [],
    tags: (row.tags as string[]) ?? [], usageCount: Number(row.usageCount), lastUsedAt: iso(row.lastUsedAt),
    version: Number(row.version), createdAt: iso(row.createdAt)!, updatedAt: iso(row.updatedAt)!,
  };
}

function requireRight(ctx: RequestContext, action: 'read' | 'create' | 'update' | 'delete'): void {
  if (!ctx.ability.can(action, LIBRARY_RESOURCE)) {
    throw new ForbiddenError(catalogueMessage(action === 'read' ? 'audits.library.forbidden-read' : 'audits.library.forbidden-write'));
  }
}

async function load(trx: Knex.Transaction, id: string, lock = false): Promise<Row> {
  const query = trx('auditLibraryFindings').where({ id });
  if (lock) query.forUpdate();
  const row = UUID.test(id) ? ((await query.first()) as Row | undefined) : undefined;
  if (!row) throw new NotFoundError(catalogueMessage('audits.library.not-found'));
  return row;
}

const arrays = ['references', 'scopes', 'tags'] as const;
function columns(input: Partial<LibraryFindingCreate>): Row {
  const row: Row = { ...input };
  for (const k of arrays) if (input[k] !== undefined) row[k] = input[k];
  return row;
}

/** The library by title, or the findings matching `q` best first. */
export async function listLibraryFindings(ctx: RequestContext, query: LibraryQuery): Promise<LibraryFinding[]> {
  requireRight(ctx, 'read');
  const words = query.q ? wordsQuery(query.q) : null;
  const rows = await ctx.trx('auditLibraryFindings').modify((q) => {
    if (query.scope) q.whereRaw('scopes @> array[?]::text[]', [query.scope]);
    if (query.tag) q.whereRaw('tags @> array[?]::text[]', [query.tag.toLowerCase()]);
    if (query.q && !words) q.whereRaw('false');
    if (words) q.whereRaw(`search @@ to_tsquery('french', ?)`, [words]).orderByRaw(`ts_rank(search, to_tsquery('french', ?)) desc`, [words]);
  }).orderBy([{ column: 'title' }, { column: 'id' }]).limit(1000);
  return rows.map((r: Row) => libraryFindingOf(r));
}

export async function readLibraryFinding(ctx: RequestContext, id: string): Promise<LibraryFinding> {
  requireRight(ctx, 'read');
  return libraryFindingOf(await load(ctx.trx, id));
}

export async function createLibraryFinding(ctx: RequestContext, input: LibraryFindingCreate): Promise<LibraryFinding> {
  requireRight(ctx, 'create');
  const { tenantId, userId } = ctx.principal;
  const [row] = await ctx.trx('auditLibraryFindings').insert({ ...columns(input), tenantId, createdBy: userId ?? null }).returning('*');
  await audit(ctx.trx, { tenantId, actorUserId: userId ?? null, action: 'audits.library.create', targetType: 'audit-library-finding', targetId: String(row.id), details: {} });
  return libraryFindingOf(row as Row);
}

export async function updateLibraryFinding(ctx: RequestContext, id: string, patch: LibraryFindingUpdate, expected: ExpectedVersion | undefined): Promise<LibraryFinding> {
  requireRight(ctx, 'update');
  const row = await load(ctx.trx, id, true);
  if (!versionMatches(expected, row.version)) throw new StaleVersionError(libraryFindingOf(row));
  const [saved] = await ctx.trx('auditLibraryFindings').where({ id }).update({ ...columns(patch), version: Number(row.version) + 1 }).returning('*');
  await audit(ctx.trx, { tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId ?? null, action: 'audits.library.update', targetType: 'audit-library-finding', targetId: id, details: {} });
  return libraryFindingOf(saved as Row);
}

export async function deleteLibraryFinding(ctx: RequestContext, id: string, expected: ExpectedVersion | undefined): Promise<void> {
  requireRight(ctx, 'delete');
  const row = await load(ctx.trx, id, true);
  if (!versionMatches(expected, row.version)) throw new StaleVersionError(libraryFindingOf(row));
  await ctx.trx('auditLibraryFindings').where({ id }).delete();
  await audit(ctx.trx, { tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId ?? null, action: 'audits.library.delete', targetType: 'audit-library-finding', targetId: id, details: {} });
}

/** A library finding inserted into a mission (by the capture or report area): counted, for the library's « most used ». */
export async function noteLibraryUse(ctx: RequestContext, id: string): Promise<void> {
  requireRight(ctx, 'read');
  const used = await ctx.trx('auditLibraryFindings').where({ id })
    .update({ usageCount: ctx.trx.raw('usage_count + 1'), lastUsedAt: ctx.trx.fn.now() });
  if (!used) throw new NotFoundError(catalogueMessage('audits.library.not-found'));
}

/** The text a mission's finding gives back: the capture's finding (opened through its read path) when named, the body's texts first. */
async function missionText(ctx: RequestContext, input: LibraryImprove): Promise<Pick<LibraryImprove, 'description' | 'risk' | 'recommendation'>> {
  if (!input.findingId) return input;
  const found = await readCaptured(ctx, findingSpec, input.missionId, input.findingId).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError(catalogueMessage('audits.library.finding-not-found')) : error;
  });
  const text = (k: string) => (typeof found[k] === 'string' ? found[k] as string : undefined);
  return {
    description: input.description ?? text('description'),
    risk: input.risk ?? text('risk'),
    recommendation: input.recommendation ?? text('recommendation'),
  };
}

/**
 * Takes a mission's finding text back into the library (If-Match): the texts it gives replace the library's,
 * its references are added; counted as a use. 422 when it says nothing new.
 */
export async function improveLibraryFinding(ctx: RequestContext, id: string, input: LibraryImprove, expected: ExpectedVersion | undefined): Promise<LibraryFinding> {
  requireRight(ctx, 'update');
  await visibleMission(ctx, input.missionId, 'read');
  const row = await load(ctx.trx, id, true);
  const current = libraryFindingOf(row);
  if (!versionMatches(expected, current.version)) throw new StaleVersionError(current);
  const text = await missionText(ctx, input);
  const patch: Row = {};
  for (const k of ['description', 'risk', 'recommendation'] as const) {
    const value = text[k]?.trim();
    if (value && value !== current[k]) patch[k] = value;
  }
  const references = [...new Set([...current.references, ...(input.references ?? [])])];
  if (references.length !== current.references.length) patch.references = references;
  if (!Object.keys(patch).length) throw new UnprocessableError(catalogueMessage('audits.library.nothing-to-improve'));
  const [saved] = await ctx.trx('auditLibraryFindings').where({ id })
    .update({ ...patch, usageCount: current.usageCount + 1, lastUsedAt: ctx.trx.fn.now(), version: current.version + 1 }).returning('*');
  await audit(ctx.trx, {
    tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId ?? null, action: 'audits.library.improve', targetType: 'audit-library-finding', targetId: id,
    details: { missionId: input.missionId, fields: Object.keys(patch) },
  });
  return libraryFindingOf(saved as Row);
}
