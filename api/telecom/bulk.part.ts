import { z } from 'zod';
import { uuid } from '../../domain/core/fields';
import { readableQuery } from '../../domain/core/record-service';
import { telecomLines } from '../../domain/telecom/lines';
import { bulkRunsRouter } from '../core/bulk-runs.router';
import { bulkOpenApiPaths } from './bulk.openapi';
import type { TelecomApiPart } from './telecom-api-part';

/** The lines' list filters « tout sélectionner selon ce filtre » may use (`GET /telecom/lines`'s). */
export const lineBulkFilter = z.object({
  status: z.string().max(100), fleetId: uuid, accountId: uuid, planId: uuid, siteId: uuid, billingSiteId: uuid,
}).partial();

/**
 * The API of the telecom vertical's durable bulk actions on lines (spec 002 §5.4, ADR 0043):
 * `POST /telecom/bulk` `{ action: "change-plan", lineIds | filter, params }` → 202 `{ id }`,
 * `GET /telecom/bulk/{id}` `{ status, total, done, refused, failed, items: [{ lineId, outcome, reason }] }`,
 * `POST /telecom/bulk/{id}/cancel`, `POST /telecom/bulk/{id}/retry`, `GET /telecom/bulk`.
 */
export const bulkApiPart: TelecomApiPart = {
  routers: (deps) => [{
    path: '/telecom/bulk',
    router: bulkRunsRouter(deps, {
      module: 'telecom', resource: telecomLines, items: { many: 'lineIds', one: 'lineId' }, filter: lineBulkFilter,
      // A line is named by its number and its user, as the lines list shows it.
      labels: async (ctx, ids) => new Map((await readableQuery(ctx, telecomLines)?.whereIn('t.id', ids).clearSelect().select('t.id', 't.number', 't.userName') ?? [])
        .map((r: { id: string; number: string; userName: string | null }) => [r.id, [r.number, r.userName].filter(Boolean).join(' · ')])),
    }),
  }],
  openApiPaths: bulkOpenApiPaths,
};
