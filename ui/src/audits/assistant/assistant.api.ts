import { http, request } from '@/api/client';

/**
 * The local assistant — /api/v1/assistant (shapes: domain/audits/assistant.schema.ts, docs/adr/0037-local-assistant.md).
 */
export type SourceKind = 'check-point' | 'library-finding' | 'past-finding';
export type SuggestionStatus = 'proposed' | 'accepted' | 'edited' | 'rejected';
export type Provider = 'embedded' | 'ollama';

export interface AssistantSource {
  kind: SourceKind;
  id: string;
  title: string;
}

export interface Suggestion {
  id: string;
  missionId: string;
  kind: 'check' | 'analysis' | 'finding-draft' | 'summary-draft';
  text: string;
  proposed: string;
  source: AssistantSource | null;
  provider: Provider;
  status: SuggestionStatus;
  draft: boolean;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

export interface AssistantSettings {
  provider: Provider;
  host: string | null;
  model: string | null;
  publicHostAllowed: { by: string | null; at: string } | null;
  version: number;
}

export type Decision = { decision: 'accept' } | { decision: 'reject' } | { decision: 'edit'; text: string };

const enc = encodeURIComponent;

export const assistantApi = {
  suggest: (missionId: string, text: string) => http.post<{ suggestions: Suggestion[]; provider: Provider; notice: string | null }>('/assistant/suggest', { missionId, context: { text } }),
  list: (missionId: string) => http.get<{ items: Suggestion[] }>('/assistant/suggestions', { missionId }),
  decide: (id: string, decision: Decision) => http.post<Suggestion>(`/assistant/suggestions/${enc(id)}/decision`, decision),
  draft: (missionId: string, kind: 'finding' | 'summary', text?: string) =>
    http.post<{ suggestion: Suggestion; notice: string | null }>('/assistant/draft', { missionId, kind, ...(text ? { context: { text } } : {}) }),
  settings: () => http.get<AssistantSettings>('/assistant/settings'),
  saveSettings: (body: { provider: Provider; host?: string; model?: string; allowPublicHost?: boolean }) => request<AssistantSettings>('PUT', '/assistant/settings', { body }),
};
