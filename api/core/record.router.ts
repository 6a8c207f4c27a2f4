import { Router, type Request } from 'express';
import { z } from 'zod';
import type { RecordResource } from '../../domain/core/record-resource';
import { createRecord, deleteRecord, getRecord, updateRecord } from '../../domain/core/record-service';
import { listRecords } from '../../domain/core/record-list';
import { recordTimeline } from '../../domain/core/history-names';
import { bulkUpdate, MAX_BULK } from '../../domain/core/record-bulk';
import { renderDeep } from '../../domain/i18n/messages';
import { bulkMessage } from '../../domain/core/bulk.messages';
import { ValidationError } from '../../domain/errors';
import { requestLocale } from '../http/locale';
import type { RequestContext } from '../../domain/core/record-service';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { idempotent } from '../http/idempotency';
import { etagOf, expectedVersion } from '../http/if-match';
import { validate } from '../http/validate';

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  sort: z.string().max(50).optional(),
  q: z.string().trim().max(200).optional(),
});

/** A bulk action: the records (ids, or the list's search and filters) and the one field to set. */
export const bulkBody = z.object({
  ids: z.array(z.uuid()).min(1).max(MAX_BULK).optional(),
  filter: z.object({
    q: z.string().trim().max(200).optional(),
    filters: z.record(z.string().max(50), z.string().max(200)).default({}),
  }).strict().optional(),
  set: z.record(z.string().max(50), z.unknown()),
}).strict();

function listParams(req: Request) {
  const { limit, cursor, sort, q, ...rest } = req.query as Record<string, string>;
  const base = validate(listQuery, { limit, cursor, sort, q }, 'query');
  const filters: Record<string, string> = {};
  for (const [k, v] of Object.entries(rest)) if (typeof v === 'string') filters[k] = v;
  return { ...base, filters };
}

type Row = Record<string, unknown>;
type AfterCommit = () => Promise<void>;

/** What a vertical does when its records change: in the transaction, and optionally once it has committed. */
export interface RecordHooks {
  created?: (ctx: RequestContext, record: Row) => Promise<AfterCommit | void>;
  updated?: (ctx: RequestContext, patch: Row, record: Row) => Promise<AfterCommit | void>;
}

/** One router per record kind: list, create, read, update, delete, history. */
export function recordRouter(deps: ApiDeps, res: RecordResource, hooks: RecordHooks = {}): Router {
  const router = Router();

  // A list may come from the second site's replica (ADR 0021: never behind the caller's own writes).
  router.get('/', inTenant(deps, async (req, ctx) => ({ body: await listRecords(ctx, res, listParams(req)) }), { replicaReads: true }));

  router.post('/', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    const input = validate(res.createSchema, req.body);
    const created = await createRecord(ctx, res, input);
    const afterCommit = (await hooks.created?.(ctx, created)) ?? undefined;
    return { status: 201, body: created, headers: { ETag: etagOf(created.version), Location: `${req.baseUrl}/${created.id}` }, afterCommit };
  })));

  // Bulk: one field set on many records, each through updateRecord (and the kind's update hook), with a per-record report.
  router.post('/bulk', inTenant(deps, async (req, ctx) => {
    const body = validate(bulkBody, req.body);
    if (!body.ids === !body.filter) throw new ValidationError([{ field: 'ids', message: bulkMessage('bulk.ids-or-filter') }]);
    const patch = validate(res.updateSchema, body.set);
    const target = body.ids ? { ids: body.ids } : { filter: { q: body.filter!.q || undefined, filters: body.filter!.filters } };
    const { report, after } = await bulkUpdate(ctx, res, target, patch, async (itemCtx, p, record) => (await hooks.updated?.(itemCtx, p, record)) ?? undefined);
    const afterCommit = after.filter((a): a is AfterCommit => typeof a === 'function');
    return {
      body: renderDeep(report, requestLocale(req)),
      afterCommit: afterCommit.length ? async () => { for (const step of afterCommit) await step(); } : undefined,
    };
  }));

  router.get('/:id', inTenant(deps, async (req, ctx) => {
    const record = await getRecord(ctx, res, String(req.params.id));
    return { body: record, headers: { ETag: etagOf(record.version) } };
  }));

  router.patch('/:id', inTenant(deps, async (req, ctx) => {
    const version = expectedVersion(req, true);
    const patch = validate(res.updateSchema, req.body);
    const updated = await updateRecord(ctx, res, String(req.params.id), version, patch);
    const afterCommit = (await hooks.updated?.(ctx, patch, updated)) ?? undefined;
    return { body: updated, headers: { ETag: etagOf(updated.version) }, afterCommit };
  }));

  router.delete('/:id', inTenant(deps, async (req, ctx) => {
    await deleteRecord(ctx, res, String(req.params.id), expectedVersion(req, false));
    return { status: 204 };
  }));

  router.get('/:id/history', inTenant(deps, async (req, ctx) => ({ body: { items: await recordTimeline(ctx, res, String(req.params.id)) } })));

  return router;
}
