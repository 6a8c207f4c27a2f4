import { ConflictError, ForbiddenError, NotFoundError, StaleVersionError, UnprocessableError, versionMatches, type ExpectedVersion } from '../errors';
import { isUuid, type RequestContext } from './record-service';
import type { SavedView, SavedViewCreate, SavedViewUpdate } from './saved-view.schema';
import { savedViewMessage } from './saved-views.messages';

/**
 * Views people save on lists (spec 002 §2.3): their own, and those a colleague shared with the
 * organisation. Only the owner renames, shares or deletes a view. Row-level security enforces
 * the same (db/migrations/…_saved_views.ts): a view of another tenant, or another person's
 * unshared view, is not there (404).
 */
export const MAX_VIEWS_PER_LIST = 100;
const WHAT = { fr: 'vue enregistrée', en: 'saved view' };

type Row = Record<string, unknown>;

function me(ctx: RequestContext): string {
  if (!ctx.principal.userId) throw new ForbiddenError(savedViewMessage('saved-view.no-user'));
  return ctx.principal.userId;
}

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));

function present(row: Row, reader: string): SavedView {
  return {
    id: String(row.id),
    list: String(row.listKey),
    name: String(row.name),
    query: (row.query ?? {}) as Record<string, string>,
    shared: Boolean(row.shared),
    mine: row.ownerId === reader,
    ownerId: String(row.ownerId),
    ownerName: String(row.ownerName ?? ''),
    version: Number(row.version),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

function views(ctx: RequestContext) {
  return ctx.trx('savedViews as v').join('users as u', 'u.id', 'v.ownerId').select('v.*', 'u.displayName as ownerName');
}

/** The reader's views of a list, then those colleagues shared, each group by name. */
export async function listSavedViews(ctx: RequestContext, list: string): Promise<SavedView[]> {
  const reader = me(ctx);
  const rows: Row[] = await views(ctx).where('v.listKey', list).andWhere((q) => q.where('v.ownerId', reader).orWhere('v.shared', true));
  return rows.map((r) => present(r, reader))
    .sort((a, b) => Number(b.mine) - Number(a.mine) || a.name.localeCompare(b.name, 'fr', { sensitivity: 'base' }));
}

async function load(ctx: RequestContext, id: string): Promise<SavedView> {
  const reader = me(ctx);
  const row: Row | undefined = isUuid(id) ? await views(ctx).where('v.id', id).first() : undefined;
  if (!row) throw new NotFoundError(WHAT);
  return present(row, reader);
}

/** A view the reader owns, at the version they read (when they sent one). */
async function owned(ctx: RequestContext, id: string, version: ExpectedVersion | undefined): Promise<SavedView> {
  const view = await load(ctx, id);
  if (!view.mine) throw new ForbiddenError(savedViewMessage('saved-view.not-owner'));
  if (!versionMatches(version, view.version)) throw new StaleVersionError(view);
  return view;
}

/** Names are unique per person and list, whatever the case. */
async function ensureNameFree(ctx: RequestContext, list: string, name: string, except?: string): Promise<void> {
  const taken = await ctx.trx('savedViews')
    .where({ ownerId: me(ctx), listKey: list })
    .whereRaw('lower(name) = lower(?)', [name])
    .modify((q) => { if (except) q.whereNot('id', except); })
    .first('id');
  if (taken) throw new ConflictError(savedViewMessage('saved-view.name-taken', { name }));
}

export async function createSavedView(ctx: RequestContext, input: SavedViewCreate): Promise<SavedView> {
  const owner = me(ctx);
  const [{ count }] = await ctx.trx('savedViews').where({ ownerId: owner, listKey: input.list }).count({ count: '*' });
  if (Number(count) >= MAX_VIEWS_PER_LIST) throw new UnprocessableError(savedViewMessage('saved-view.too-many', { max: MAX_VIEWS_PER_LIST }));
  await ensureNameFree(ctx, input.list, input.name);
  const [row] = await ctx.trx('savedViews').insert({
    tenantId: ctx.principal.tenantId, ownerId: owner, listKey: input.list, name: input.name, query: JSON.stringify(input.query), shared: input.shared,
  }).returning('id');
  return load(ctx, String(row.id));
}

export async function updateSavedView(ctx: RequestContext, id: string, version: ExpectedVersion, input: SavedViewUpdate): Promise<SavedView> {
  const view = await owned(ctx, id, version);
  if (input.name !== undefined) await ensureNameFree(ctx, view.list, input.name, view.id);
  await ctx.trx('savedViews').where({ id: view.id }).update({
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.shared !== undefined ? { shared: input.shared } : {}),
    version: view.version + 1,
    updatedAt: ctx.trx.fn.now(),
  });
  return load(ctx, view.id);
}

export async function deleteSavedView(ctx: RequestContext, id: string, version: ExpectedVersion | undefined): Promise<void> {
  const view = await owned(ctx, id, version);
  await ctx.trx('savedViews').where({ id: view.id }).delete();
}
