import { z } from 'zod';
import { BULK_OUTCOMES } from '../../domain/core/bulk-runs';
import { uuid } from '../../domain/core/fields';
import { answer, errors, jsonBody, problem, uuidPath, type Json } from '../openapi-parts';

const tags = ['Telecom — bulk actions'];
const summary = z.object({
  id: uuid, action: z.string(), status: z.enum(['running', 'cancelling', 'cancelled', 'completed']),
  total: z.number().int(), done: z.number().int(), refused: z.number().int(), failed: z.number().int(), cancelled: z.number().int(),
  workflowId: z.string(), createdAt: z.string(), finishedAt: z.string().nullable(),
});
const start = z.object({
  action: z.enum(['change-plan', 'add-option', 'suspend', 'resume', 'terminate', 'create-deployment', 'order-sim']),
  lineIds: z.array(uuid).max(20_000).optional(),
  filter: z.object({ status: z.string(), fleetId: uuid, accountId: uuid, planId: uuid, siteId: uuid, billingSiteId: uuid }).partial().optional(),
  q: z.string().optional(),
  params: z.record(z.string(), z.unknown()).describe('change-plan: { planId }; add-option: { optionIds }; suspend, resume, terminate: { on? } (a day; asked of the line\'s operator, ADR 0047)'),
});
const report = summary.extend({
  params: z.record(z.string(), z.unknown()),
  items: z.array(z.object({ lineId: uuid, position: z.number().int(), outcome: z.enum(BULK_OUTCOMES), reason: z.string().nullable() })),
  nextAfter: z.number().int().nullable(),
});
const refused = { 409: problem('The run has ended (cancel) or is still running (retry), or has no failure to retry (French first)') };

/** The bulk area's part of the OpenAPI document (api/core/bulk-runs.router.ts, ADR 0043). */
export function bulkOpenApiPaths(): Json {
  return {
    '/api/v1/telecom/bulk': {
      get: { tags, summary: 'The latest bulk runs on lines, newest first', responses: { 200: answer('The runs', z.object({ items: z.array(summary) })), ...errors } },
      post: {
        tags, summary: 'Starts a bulk action on listed lines or on every line a filter selects (« modifier forfait », telecom.line.update): 202 with its id; a workflow applies it line by line. Lines the caller may not change are reported refused. Bad input: 4xx in French, nothing started',
        requestBody: jsonBody(start), responses: { 202: answer('The run, started', summary), ...errors },
      },
    },
    '/api/v1/telecom/bulk/{id}': {
      get: {
        tags, summary: 'Its progress and a page of its per-line report (query outcome, after, limit)',
        parameters: [uuidPath(), { name: 'outcome', in: 'query', schema: { type: 'string', enum: BULK_OUTCOMES } }, { name: 'after', in: 'query', schema: { type: 'integer' } }, { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 1000 } }],
        responses: { 200: answer('The run and its lines', report), ...errors },
      },
    },
    '/api/v1/telecom/bulk/{id}/cancel': {
      post: { tags, summary: 'Stops the run between two lines; the lines not handled are reported cancelled', parameters: [uuidPath()], responses: { 202: answer('The run, stopping', summary), ...errors, ...refused } },
    },
    '/api/v1/telecom/bulk/{id}/retry': {
      post: { tags, summary: 'Runs the failed (and cancelled) lines again; the lines done or refused are not touched', parameters: [uuidPath()], responses: { 202: answer('The run, running again', summary), ...errors, ...refused } },
    },
  };
}
