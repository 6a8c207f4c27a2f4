import { z } from 'zod';

/**
 * The local assistant's shapes (issue 16, docs/adr/0037-local-assistant.md): the API validates with them,
 * the OpenAPI document and the UI's types come from them.
 */
export const SOURCE_KINDS = ['check-point', 'library-finding', 'past-finding'] as const;
export const SUGGESTION_KINDS = ['check', 'analysis', 'finding-draft', 'summary-draft'] as const;
export const SUGGESTION_STATUSES = ['proposed', 'accepted', 'edited', 'rejected'] as const;
export const PROVIDERS = ['embedded', 'ollama'] as const;
const MAX_CONTEXT = 20_000;

export const assistantSource = z.object({
  kind: z.enum(SOURCE_KINDS),
  id: z.string().uuid(),
  title: z.string(),
});
export type AssistantSource = z.infer<typeof assistantSource>;

export const suggestInput = z.object({
  missionId: z.string().uuid(),
  /** What has been captured so far (inventory, observations), as the capture screen has it. */
  context: z.object({ text: z.string().max(MAX_CONTEXT) }).strict(),
}).strict();
export type SuggestInput = z.infer<typeof suggestInput>;

export const suggestionView = z.object({
  id: z.string().uuid(),
  missionId: z.string().uuid(),
  kind: z.enum(SUGGESTION_KINDS),
  /** What the assistant proposes (its answer), or the text a person kept once decided. */
  text: z.string(),
  /** The assistant's own text, kept as it was. */
  proposed: z.string(),
  source: assistantSource.nullable(),
  provider: z.enum(PROVIDERS),
  status: z.enum(SUGGESTION_STATUSES),
  /** Still the assistant's draft (no person accepted or edited it): the report marks it so. */
  draft: z.boolean(),
  decidedBy: z.string().uuid().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type SuggestionView = z.infer<typeof suggestionView>;

export const suggestAnswer = z.object({
  suggestions: z.array(suggestionView),
  provider: z.enum(PROVIDERS),
  /** Set when the model could not answer and the embedded suggestions stand in (French first). */
  notice: z.string().nullable(),
});

export const suggestionsQuery = z.object({ missionId: z.string().uuid() }).strict();

export const decisionInput = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accept') }).strict(),
  z.object({ decision: z.literal('reject') }).strict(),
  z.object({ decision: z.literal('edit'), text: z.string().trim().min(1).max(MAX_CONTEXT) }).strict(),
]);
export type DecisionInput = z.infer<typeof decisionInput>;

export const draftInput = z.object({
  missionId: z.string().uuid(),
  /** `finding`: a finding's text (from a library finding, or the best match for the context); `summary`: the executive summary for management. */
  kind: z.enum(['finding', 'summary']),
  libraryFindingId: z.string().uuid().optional(),
  context: z.object({ text: z.string().max(MAX_CONTEXT) }).strict().optional(),
}).strict();
export type DraftInput = z.infer<typeof draftInput>;

export const settingsInput = z.object({
  provider: z.enum(PROVIDERS),
  host: z.string().trim().max(300).optional(),
  /** The Ollama model (`mistral` when not named). */
  model: z.string().trim().max(100).regex(/^[A-Za-z0-9._:/-]*$/).optional(),
  /** The administration explicitly allows a host outside the company's networks (audited). */
  allowPublicHost: z.boolean().optional(),
}).strict();
export type SettingsInput = z.infer<typeof settingsInput>;

export const settingsView = z.object({
  provider: z.enum(PROVIDERS),
  host: z.string().nullable(),
  model: z.string().nullable(),
  publicHostAllowed: z.object({ by: z.string().uuid().nullable(), at: z.string() }).nullable(),
  /** 0 while the embedded default applies (nothing chosen). */
  version: z.number().int(),
});
export type SettingsView = z.infer<typeof settingsView>;
