import { Router, type Request } from 'express';
import { z } from 'zod';
import type { BulkActionDefinition } from '../../domain/core/bulk-action';
import { bulkMessage } from '../../domain/core/bulk.messages';
import {
  BULK_OUTCOMES, bulkRunAction, bulkRunReport, cancelBulkRun, createBulkRun, mayStart, MAX_RUN_ITEMS, recentBulkRuns, retryBulkRun, type BulkRunSummary,
} from '../../domain/core/bulk-runs';
import { uuid } from '../../domain/core/fields';
import type { RecordResource } from '../../domain/core/record-resource';
import { actionableIds, targetIds } from '../../domain/core/record-bulk';
import type { RequestContext } from '../../domain/core/record-service';
import { ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors';
import { findBulkAction, findModule } from '../../domain/modules/registry';
import type { bulkRun } from '../../workflows/core/bulk-run.workflow';
import { BULK_WORKFLOW } from '../../workflows/core/bulk-run.contract';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { idempotent } from '../http/idempotency';
import { requestLocale } from '../http/locale';
import { validate } from '../http/validate';

/** How a module serves its durable bulk actions (docs/adr/0043): where, on which kind of record, named how. */
export interface BulkRoutes {
  /** The module whose declared actions are served (`telecom`): `action` is named without its prefix. */
  module: string;
  /** The kind of record the items are: a filter selects among them, the caller's scope applies. */
  resource: RecordResource;
  /** The field naming the items, in the request and in the report (`lineIds` / `lineId`). */
  items: { many: string; one: string };
  /** The filters « tout sélectionner selon ce filtre » may use (the resource's list filters). */
  filter: z.ZodObject<z.ZodRawShape>;
  /** How a page of the report names its items for people (a line's number), among those the reader may see. */
  labels?(ctx: RequestContext, ids: readonly string[]): Promise<Map<string, string>>;
}

const reportQuery = z.object({
  outcome: z.enum(BULK_OUTCOMES).optional(),
  after: z.coerce.number().int().min(0).max(2_147_483_647).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
}).strict();

/**
 * Mounted at a module's path (`/telecom/bulk`): `POST /` starts a run of one of the module's bulk actions on listed records or on every record a
 * filter selects (202 with its `id`; the `bulkRun` workflow works through it), `GET /:id` its progress
 * and a page of its per-item report, `POST /:id/cancel` stops it, `POST /:id/retry` runs its
 * failed items again (the done ones are skipped), `GET /` the latest runs. Bad input: 4xx in French, nothing started.
 */
export function bulkRunsRouter(deps: ApiDeps, routes: BulkRoutes): Router {
  const router = Router();
  const actionsOf = () => findModule(routes.module)?.bulkActions ?? [];
  const actionKeys = () => actionsOf().map((a) => a.key.slice(routes.module.length + 1));
  const start = z.object({
    action: z.string().max(100),
    [routes.items.many]: z.array(uuid).min(1).max(MAX_RUN_ITEMS).optional(),
    filter: routes.filter.strict().optional(),
    q: z.string().max(200).optional(),
    params: z.record(z.string(), z.unknown()).default({}),
  }).strict();

  const actionNamed = (name: string): BulkActionDefinition => {
    const action = findBulkAction(`${routes.module}.${name}`);
    if (!action || !action.key.startsWith(`${routes.module}.`)) {
      throw new ValidationError([{ field: 'action', message: bulkMessage('bulk.unknown-action', { action: name, actions: actionKeys() }) }]);
    }
    return action;
  };
  // Inside the request's transaction: Temporal away answers an error and nothing is written; the worker waits for the commit (its attempt).
  const startWorkflow = async (ctx: RequestContext, run: { id: string; workflowId: string }, attempt = 1) => {
    await (await deps.temporal()).workflow.start<typeof bulkRun>(BULK_WORKFLOW.run, {
      workflowId: run.workflowId, taskQueue: deps.taskQueue, args: [{ tenantId: ctx.principal.tenantId, runId: run.id, attempt }],
    });
  };
  const answer = (req: Request, run: BulkRunSummary) => ({ status: 202, body: run, headers: { Location: `${req.baseUrl}/${run.id}` } });
  const readable = async (ctx: RequestContext, id: string) => {
    const action = findBulkAction(await bulkRunAction(ctx, id));
    if (!action || !mayStart(ctx, action)) throw new NotFoundError(bulkMessage('bulk.run-not-found'));
    return action;
  };

  router.get('/', inTenant(deps, async (_req, ctx) => {
    if (!actionsOf().some((a) => mayStart(ctx, a))) throw new ForbiddenError(bulkMessage('bulk.forbidden'));
    return { body: { items: await recentBulkRuns(ctx, routes.module) } };
  }));

  router.post('/', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    const body = validate(start, req.body) as { action: string; filter?: Record<string, string>; q?: string; params: Record<string, unknown> } & Record<string, unknown>;
    const action = actionNamed(body.action);
    const { params } = validate(z.object({ params: action.params }), { params: body.params });
    const listed = body[routes.items.many] as string[] | undefined;
    if (Boolean(listed) === Boolean(body.filter)) throw new ValidationError([{ field: routes.items.many, message: bulkMessage('bulk.ids-or-filter') }]);
    if (!mayStart(ctx, action)) throw new ForbiddenError(bulkMessage('bulk.forbidden'));
    const ids = listed ?? await targetIds(ctx, routes.resource, { filter: { filters: body.filter!, q: body.q } }, MAX_RUN_ITEMS);
    const run = await createBulkRun(ctx, action, ids, params, await actionableIds(ctx, routes.resource, ids, action.itemAccess ?? 'update'));
    await startWorkflow(ctx, run);
    return answer(req, run);
  })));

  router.get('/:id', inTenant(deps, async (req, ctx) => {
    const page = validate(reportQuery, req.query, 'query');
    await readable(ctx, String(req.params.id));
    const { items, ...report } = await bulkRunReport(ctx, String(req.params.id), page, requestLocale(req));
    const labels = await routes.labels?.(ctx, items.map((i) => i.itemId)) ?? new Map<string, string>();
    return {
      body: {
        ...report,
        items: items.map((i) => ({ [routes.items.one]: i.itemId, label: labels.get(i.itemId) ?? null, position: i.position, outcome: i.outcome, reason: i.reason })),
      },
    };
  }));

  router.post('/:id/cancel', inTenant(deps, async (req, ctx) => {
    await readable(ctx, String(req.params.id));
    return answer(req, await cancelBulkRun(ctx, String(req.params.id)));
  }));

  router.post('/:id/retry', inTenant(deps, async (req, ctx) => {
    const action = await readable(ctx, String(req.params.id));
    const run = await retryBulkRun(ctx, action, String(req.params.id));
    await startWorkflow(ctx, run, run.attempt);
    return answer(req, run);
  }));

  return router;
}
