import { z } from 'zod';
import { decisionInput, draftInput, settingsInput, settingsView, suggestAnswer, suggestInput, suggestionsQuery, suggestionView } from '../../domain/audits/assistant.schema';
import { answer, errors, itemsOf, jsonBody, problem, queryParams, uuidPath, type Json } from '../openapi-parts';

const tags = ['Audits — assistant'];
const refused = { 422: problem('Refused by a rule: a public or unknown host, a library finding not in yours, nothing to draft (French first)') };
const decided = { 409: problem('Already accepted, edited or rejected') };

/** The local assistant's part of the OpenAPI document (api/audits/assistant.router.ts, docs/adr/0037-local-assistant.md). */
export function assistantOpenApiPaths(): Json {
  return {
    '/api/v1/assistant/suggest': {
      post: {
        tags, summary: 'Suggestions for what was captured on a mission (complementary check points, analyses), each citing the catalogue entry or library finding it comes from; stored as proposed (404 when the caller does not see the mission)',
        requestBody: jsonBody(suggestInput), responses: { 200: answer('The suggestions', suggestAnswer), ...errors },
      },
    },
    '/api/v1/assistant/suggestions': {
      get: { tags, summary: 'A mission\'s suggestions and drafts with their decisions (the report\'s provenance)', parameters: queryParams(suggestionsQuery), responses: { 200: answer('The suggestions', itemsOf(suggestionView)), ...errors } },
    },
    '/api/v1/assistant/suggestions/{id}/decision': {
      post: {
        tags, summary: 'Accepts, edits (with the text kept) or rejects a proposed suggestion, once (409 when already decided)', parameters: [uuidPath()],
        requestBody: jsonBody(decisionInput), responses: { 200: answer('The suggestion', suggestionView), ...errors, ...decided },
      },
    },
    '/api/v1/assistant/draft': {
      post: {
        tags, summary: 'Drafts a finding\'s text (from a library finding or the best match for the context) or the executive summary for management (the mission\'s findings by severity), marked as a draft until a person accepts or edits it',
        requestBody: jsonBody(draftInput), responses: { 201: answer('The draft', z.object({ suggestion: suggestionView, notice: z.string().nullable() })), ...errors, ...refused },
      },
    },
    '/api/v1/assistant/settings': {
      get: { tags, summary: 'The organisation\'s assistant settings (administration, mission leads); the embedded provider until chosen (version 0)', responses: { 200: answer('The settings', settingsView), ...errors } },
      put: {
        tags, summary: 'Sets the provider (embedded or Ollama), host and model; a host resolving outside loopback and private networks is refused (422) unless the administration allows it explicitly (allowPublicHost, audited)',
        requestBody: jsonBody(settingsInput), responses: { 200: answer('The settings', settingsView), ...errors, ...refused },
      },
    },
  };
}
