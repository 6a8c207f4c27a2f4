import { Router } from 'express';
import { decide, draft, listSuggestions, suggest } from '../../domain/audits/assistant';
import { readAssistantSettings, updateAssistantSettings } from '../../domain/audits/assistant-settings';
import { decisionInput, draftInput, settingsInput, suggestInput, suggestionsQuery } from '../../domain/audits/assistant.schema';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { validate } from '../http/validate';

/**
 * `/api/v1/assistant/…` (issue 16, docs/adr/0037-local-assistant.md): suggestions for what an auditor
 * captured, each citing its source; decisions on them; drafts of a finding or of the executive summary;
 * the organisation's assistant settings (the egress guard refuses a public host with 422).
 */
export function assistantRouter(deps: ApiDeps): Router {
  const router = Router();
  router.post('/suggest', inTenant(deps, async (req, ctx) => ({ body: await suggest(ctx, validate(suggestInput, req.body)) })));
  router.get('/suggestions', inTenant(deps, async (req, ctx) => ({ body: { items: await listSuggestions(ctx, validate(suggestionsQuery, req.query).missionId) } })));
  router.post('/suggestions/:id/decision', inTenant(deps, async (req, ctx) => ({ body: await decide(ctx, String(req.params.id), validate(decisionInput, req.body)) })));
  router.post('/draft', inTenant(deps, async (req, ctx) => ({ status: 201, body: await draft(ctx, validate(draftInput, req.body)) })));
  router.get('/settings', inTenant(deps, async (_req, ctx) => ({ body: await readAssistantSettings(ctx) })));
  router.put('/settings', inTenant(deps, async (req, ctx) => ({ body: await updateAssistantSettings(ctx, validate(settingsInput, req.body)) })));
  return router;
}
