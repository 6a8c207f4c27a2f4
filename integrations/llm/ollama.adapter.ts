import { Ollama } from 'ollama';
import { checkEgress, type Resolver } from './egress-guard';
import { DEFAULT_LLM_TIMEOUT_MS, type LlmAnswer, type LlmPort, type LlmRequest, type LlmSuggestion } from './llm.port';
import { pinnedFetch } from './pinned-fetch';

export interface OllamaSettings {
  host: string;
  model: string;
  /** An administrator allowed a public host (audited). */
  allowPublic?: boolean;
  timeoutMs?: number;
  /** Tests pass a stub; by default dns.lookup with every address. */
  resolver?: Resolver;
}

/** The messages sent to the model: the instructions as system, then the sources and the context, nothing else. */
export function ollamaMessages(request: LlmRequest): Array<{ role: 'system' | 'user'; content: string }> {
  const sources = request.sources.map((s) => `[${s.id}] ${s.title}\n${s.text}`).join('\n\n');
  return [
    { role: 'system', content: request.instructions },
    { role: 'user', content: `SOURCES\n${sources}\n\nRELEVÉS DE LA MISSION\n${request.context}` },
  ];
}

/** The model's JSON answer read leniently: a suggestion without text is dropped; citations kept as strings. */
export function parseModelAnswer(content: string): LlmSuggestion[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return [];
  }
  const list = (parsed as { suggestions?: unknown })?.suggestions;
  if (!Array.isArray(list)) return [];
  return list.flatMap((s: unknown) => {
    const item = s as { text?: unknown; sources?: unknown };
    if (typeof item?.text !== 'string' || !item.text.trim()) return [];
    const sources = Array.isArray(item.sources) ? item.sources.filter((x): x is string => typeof x === 'string') : [];
    return [{ text: item.text.trim(), sources }];
  });
}

/**
 * The Ollama adapter: the egress guard runs first (no connection to a refused host), then one `chat` call,
 * not streamed, JSON format, through a fetch pinned to the checked address and bounded in time.
 */
export function ollamaLlm(settings: OllamaSettings): LlmPort {
  return {
    async suggest(request: LlmRequest): Promise<LlmAnswer> {
      const target = await checkEgress(settings.host, { resolver: settings.resolver, allowPublic: settings.allowPublic });
      const client = new Ollama({ host: target.url.origin, fetch: pinnedFetch(target, settings.timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS) });
      const response = await client.chat({
        model: settings.model, stream: false, format: 'json', messages: ollamaMessages(request), options: { temperature: 0.2 },
      });
      const raw = response.message?.content ?? '';
      return { suggestions: parseModelAnswer(raw), raw, model: settings.model };
    },
  };
}
