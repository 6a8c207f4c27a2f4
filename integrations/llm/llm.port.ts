/**
 * The local assistant's language model (issue 16, docs/adr/0037-local-assistant.md). The assistant
 * retrieves first (the tenant's catalogue and finding library), then asks the model to rewrite from
 * those sources only; the answer is structured so each suggestion's citations can be checked.
 */
export interface LlmSource {
  /** The id the model must cite (the catalogue entry's or library finding's id). */
  id: string;
  title: string;
  text: string;
}

export interface LlmRequest {
  /** What the person asks for (French), the instructions on citing, the wanted shape. */
  instructions: string;
  /** What the auditor captured (the mission's own text), sent as it is. */
  context: string;
  sources: LlmSource[];
}

/** One suggestion as the model answered it: its text and the ids of the sources it draws on. */
export interface LlmSuggestion {
  text: string;
  sources: string[];
}

export interface LlmAnswer {
  suggestions: LlmSuggestion[];
  /** The model's answer as it came (stored for provenance). */
  raw: string;
  model: string;
}

export interface LlmPort {
  /** Asks the model; rejects on timeout (`timeoutMs` of the adapter) or when the host is refused. */
  suggest(request: LlmRequest): Promise<LlmAnswer>;
}

/** The timeout of one model call when the settings do not say: a small local model on a laptop. */
export const DEFAULT_LLM_TIMEOUT_MS = 60_000;
