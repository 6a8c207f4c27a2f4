import type { Knex } from 'knex';
import { DEFAULT_LLM_TIMEOUT_MS, type LlmPort, type LlmSource } from '../../integrations/llm/llm.port';
import { ollamaLlm } from '../../integrations/llm/ollama.adapter';
import { isUuid, type RequestContext } from '../core/record-service';
import { ConflictError, NotFoundError, ruleViolation } from '../errors';
import { assistantMission, type AssistantMission } from './assistant-mission';
import { libraryFinding, searchCheckPoints, searchLibrary, sourceOf, sourceText, type Retrieved } from './assistant-retrieval';
import { adviceFor, anyOf, checkCitations, DRAFT_INSTRUCTIONS, DRAFT_MARK, findingDraft, matchAssets, MODEL_INSTRUCTIONS, searchWords, summaryDraft } from './assistant-rules';
import { assistantSettings, type StoredSettings } from './assistant-settings';
import { assistantMessage as m } from './assistant.messages';
import type { AssistantSource, DecisionInput, DraftInput, SuggestInput, SuggestionView } from './assistant.schema';
import { captureCipher, type CaptureCipher } from './capture-cipher';

/**
 * The local assistant (issue 16, docs/adr/0037-local-assistant.md). Retrieval first — the tenant's
 * control catalogue and finding library, by full text, matching what was captured and the assets it
 * names — then, with the Ollama provider, the model rewrites from those sources only and its citations
 * are checked against them. Every suggestion and draft is stored for the report's provenance, its texts
 * sealed under the tenant's key (capture-cipher.ts), and decided by a person: accepted, edited, rejected.
 */
type Kind = SuggestionView['kind'];
interface Proposal { kind: Kind; text: string; source: AssistantSource | null }

/** How a model is reached for these settings (tests may pass their own). */
export type LlmFactory = (settings: StoredSettings) => LlmPort;
export const defaultLlmFactory: LlmFactory = (s) => ollamaLlm({ host: s.host!, model: s.model!, allowPublic: s.allowPublic });

const MAX_SUGGESTIONS = 8;
const SCOPE_FR: Record<string, string> = {
  network: 'le réseau interne', servers: 'les serveurs', applications: 'les applications métier', workstations: 'les postes de travail',
  physical_access: 'le contrôle d’accès physique', awareness: 'la sensibilisation du personnel', documentation: 'la conformité documentaire', access_rights: 'la gestion des droits et des accès',
};

/** What the embedded provider suggests: the assets' analyses, then complementary check points and possible findings. */
async function embeddedProposals(trx: Knex.Transaction, missionId: string, text: string): Promise<{ proposals: Proposal[]; retrieved: Retrieved[] }> {
  const proposals: Proposal[] = [];
  const retrieved: Retrieved[] = [];
  const cited = new Set<string>();
  const add = (p: Proposal, r: Retrieved) => {
    if (cited.has(r.id) || proposals.length >= MAX_SUGGESTIONS) return;
    cited.add(r.id);
    proposals.push(p);
    retrieved.push(r);
  };
  for (const match of matchAssets(text)) {
    const query = anyOf(match.rule.terms);
    if (!query) continue;
    // The best entry not cited yet: two assets pointing at the same check point still get one each.
    const best = [...await searchCheckPoints(trx, query, missionId, 3), ...await searchLibrary(trx, query, 3)].sort((x, y) => y.rank - x.rank).find((r) => !cited.has(r.id));
    if (best) add({ kind: 'analysis', text: `${adviceFor(match)} Voir « ${sourceOf(best).title} ».`, source: sourceOf(best) }, best);
  }
  const query = anyOf(searchWords(text));
  if (query) {
    for (const cp of await searchCheckPoints(trx, query, missionId, 4)) {
      add({ kind: 'check', text: `Point de contrôle complémentaire ${cp.code} « ${cp.title} »${cp.guidance ? ` : ${cp.guidance}` : ''}`, source: sourceOf(cp) }, cp);
    }
    for (const f of await searchLibrary(trx, query, 3)) {
      add({ kind: 'analysis', text: `Constat possible « ${f.title} »${f.description ? ` : ${f.description}` : ''}`, source: sourceOf(f) }, f);
    }
  }
  return { proposals, retrieved };
}

/** Asks the model to rewrite from the retrieved sources; keeps what cites a real one. Null when the model failed. */
async function modelProposals(trx: Knex.Transaction, llm: LlmPort, instructions: string, context: string, retrieved: Retrieved[], kindOf: (r: Retrieved) => Kind, textOf: (r: Retrieved) => string = sourceText): Promise<{ proposals: Proposal[]; prompt: string } | null> {
  if (!retrieved.length) return { proposals: [], prompt: context };
  const sources: LlmSource[] = retrieved.map((r) => ({ id: r.id, title: sourceOf(r).title, text: textOf(r) }));
  // The request's transaction waits for the model: it must not be ended as idle meanwhile.
  await trx.raw("select set_config('idle_in_transaction_session_timeout', ?, true)", [String(DEFAULT_LLM_TIMEOUT_MS + 15_000)]);
  try {
    const answer = await llm.suggest({ instructions, context, sources });
    const prompt = `${instructions}\n\nSOURCES\n${sources.map((s) => `[${s.id}] ${s.title}`).join('\n')}\n\nRELEVÉS DE LA MISSION\n${context}`;
    return { proposals: checkCitations(answer.suggestions, retrieved).slice(0, MAX_SUGGESTIONS).map((c) => ({ kind: kindOf(c.source), text: c.text, source: sourceOf(c.source) })), prompt };
  } catch {
    return null;
  }
}

const MODEL_FAILED = 'Le modèle local n’a pas répondu : voici les suggestions tirées de votre catalogue et de votre bibliothèque. / The local model did not answer: here are the suggestions drawn from your catalogue and library.';

/** A sealed text opened; an erased one (the mission anonymised: '' or null) stays empty. */
function opened(cipher: CaptureCipher, sealed: unknown, context: string): string | null {
  return typeof sealed === 'string' && sealed ? cipher.open(sealed, context) : null;
}

function present(row: Record<string, unknown>, cipher: CaptureCipher): SuggestionView {
  const id = String(row.id);
  const proposed = opened(cipher, row.answerSealed, `assistant_suggestions/answer/${id}`) ?? '';
  const final = opened(cipher, row.finalSealed, `assistant_suggestions/final/${id}`);
  const status = row.status as SuggestionView['status'];
  return {
    id, missionId: String(row.missionId), kind: row.kind as Kind, text: final ?? proposed, proposed,
    source: row.sourceKind ? { kind: row.sourceKind as AssistantSource['kind'], id: String(row.sourceId), title: String(row.sourceTitle) } : null,
    provider: row.provider as SuggestionView['provider'], status, draft: status === 'proposed' || status === 'rejected',
    decidedBy: (row.decidedBy as string | null) ?? null, decidedAt: row.decidedAt ? new Date(row.decidedAt as string).toISOString() : null,
    createdAt: new Date(row.createdAt as string).toISOString(),
  };
}

async function store(ctx: RequestContext, cipher: CaptureCipher, mission: AssistantMission, provider: StoredSettings['provider'], model: string | null, prompt: string, proposals: Proposal[]): Promise<SuggestionView[]> {
  if (!proposals.length) return [];
  const ids: string[] = (await ctx.trx.raw(`select gen_random_uuid() as id from generate_series(1, ?)`, [proposals.length])).rows.map((r: { id: string }) => r.id);
  const rows = await ctx.trx('assistantSuggestions').insert(proposals.map((p, i) => ({
    id: ids[i], tenantId: ctx.principal.tenantId, missionId: mission.id, kind: p.kind, provider, model,
    promptSealed: cipher.seal(prompt, `assistant_suggestions/prompt/${ids[i]}`), answerSealed: cipher.seal(p.text, `assistant_suggestions/answer/${ids[i]}`),
    sourceKind: p.source?.kind ?? null, sourceId: p.source?.id ?? null, sourceTitle: p.source?.title ?? null, createdBy: ctx.principal.userId,
  }))).returning('*');
  return rows.map((r: Record<string, unknown>) => present(r, cipher));
}

/** `POST /assistant/suggest`: suggestions for what was captured, each citing its source, stored as proposed. */
export async function suggest(ctx: RequestContext, input: SuggestInput, llmFactory: LlmFactory = defaultLlmFactory) {
  const mission = await assistantMission(ctx, input.missionId);
  const settings = await assistantSettings(ctx.trx);
  const text = input.context.text;
  const embedded = await embeddedProposals(ctx.trx, mission.id, text);
  const cipher = await captureCipher(ctx.trx, ctx.principal.tenantId);
  if (settings.provider === 'ollama') {
    const model = await modelProposals(ctx.trx, llmFactory(settings), MODEL_INSTRUCTIONS, text, embedded.retrieved, (r) => (r.kind === 'check-point' ? 'check' : 'analysis'));
    if (model) return { suggestions: await store(ctx, cipher, mission, 'ollama', settings.model, model.prompt, model.proposals), provider: 'ollama' as const, notice: null };
    return { suggestions: await store(ctx, cipher, mission, 'embedded', null, text, embedded.proposals), provider: 'embedded' as const, notice: MODEL_FAILED };
  }
  return { suggestions: await store(ctx, cipher, mission, 'embedded', null, text, embedded.proposals), provider: 'embedded' as const, notice: null };
}

/** `GET /assistant/suggestions?missionId=`: the mission's suggestions and decisions, oldest first (the report's provenance). */
export async function listSuggestions(ctx: RequestContext, missionId: string): Promise<SuggestionView[]> {
  const mission = await assistantMission(ctx, missionId);
  const cipher = await captureCipher(ctx.trx, ctx.principal.tenantId);
  const rows = await ctx.trx('assistantSuggestions').where({ missionId: mission.id }).orderBy([{ column: 'createdAt' }, { column: 'id' }]);
  return rows.map((r: Record<string, unknown>) => present(r, cipher));
}

/** Accept, edit (with the text kept) or reject a proposed suggestion, once; who and when are kept. */
export async function decide(ctx: RequestContext, id: string, input: DecisionInput): Promise<SuggestionView> {
  const unknown = () => new NotFoundError(m('audits.assistant.unknown-suggestion'));
  if (!isUuid(id)) throw unknown();
  const row = await ctx.trx('assistantSuggestions').where({ id }).forUpdate().first();
  if (!row) throw unknown();
  try {
    await assistantMission(ctx, String(row.missionId));
  } catch {
    throw unknown();
  }
  if (row.status !== 'proposed') throw new ConflictError(m('audits.assistant.already-decided'));
  const cipher = await captureCipher(ctx.trx, ctx.principal.tenantId);
  const proposed = opened(cipher, row.answerSealed, `assistant_suggestions/answer/${id}`) ?? '';
  const status = input.decision === 'accept' ? 'accepted' : input.decision === 'edit' ? 'edited' : 'rejected';
  const finalText = input.decision === 'edit' ? input.text : input.decision === 'accept' ? proposed : null;
  if (input.decision === 'edit' && !input.text.trim()) throw ruleViolation('text', m('audits.assistant.edit-needs-text'));
  const [updated] = await ctx.trx('assistantSuggestions').where({ id }).update({
    status, finalSealed: cipher.seal(finalText, `assistant_suggestions/final/${id}`), decidedBy: ctx.principal.userId, decidedAt: ctx.trx.fn.now(), version: ctx.trx.raw('version + 1'),
  }).returning('*');
  return present(updated, cipher);
}

/** `POST /assistant/draft`: a finding's text or the executive summary, plainly marked as a draft, stored as a proposed suggestion. */
export async function draft(ctx: RequestContext, input: DraftInput, llmFactory: LlmFactory = defaultLlmFactory) {
  const mission = await assistantMission(ctx, input.missionId);
  const settings = await assistantSettings(ctx.trx);
  const captured = input.context?.text ?? '';
  let proposal: Proposal;
  let sources: Retrieved[];
  if (input.kind === 'finding') {
    let lib = input.libraryFindingId ? await libraryFinding(ctx.trx, input.libraryFindingId) : null;
    if (input.libraryFindingId && !lib) throw ruleViolation('libraryFindingId', m('audits.assistant.unknown-library-finding'));
    if (!lib) {
      const query = anyOf([...matchAssets(captured).flatMap((a) => a.rule.terms), ...searchWords(captured)]);
      lib = query ? (await searchLibrary(ctx.trx, query, 1))[0] ?? null : null;
    }
    if (!lib) throw ruleViolation('context.text', m('audits.assistant.nothing-to-draft'));
    proposal = { kind: 'finding-draft', text: findingDraft(lib, captured), source: sourceOf(lib) };
    sources = [lib];
  } else {
    const findings = await ctx.trx('auditFindings').where({ missionId: mission.id }).select('title', 'severity', 'libraryFindingId');
    const libIds = [...new Set(findings.map((f: Record<string, unknown>) => f.libraryFindingId).filter(Boolean))] as string[];
    const libs = (await Promise.all(libIds.slice(0, 5).map((lid) => libraryFinding(ctx.trx, lid)))).filter((l): l is NonNullable<typeof l> => l !== null);
    sources = libs;
    // Drawn from the mission's own findings; it cites the library finding behind the first of them, if any.
    proposal = { kind: 'summary-draft', text: summaryDraft(mission, findings, SCOPE_FR), source: libs[0] ? sourceOf(libs[0]) : null };
  }
  const cipher = await captureCipher(ctx.trx, ctx.principal.tenantId);
  let provider: StoredSettings['provider'] = 'embedded';
  let notice: string | null = null;
  if (settings.provider === 'ollama' && sources.length) {
    const assembled = proposal.text;
    const model = await modelProposals(ctx.trx, llmFactory(settings), DRAFT_INSTRUCTIONS, captured || mission.title, sources, () => proposal.kind,
      (r) => (r.id === sources[0]!.id ? `BROUILLON\n${assembled}` : sourceText(r)));
    if (model?.proposals[0]) {
      proposal = { ...model.proposals[0], text: `${DRAFT_MARK}\n\n${model.proposals[0].text}` };
      provider = 'ollama';
    } else if (!model) notice = MODEL_FAILED;
  }
  const [stored] = await store(ctx, cipher, mission, provider, provider === 'ollama' ? settings.model : null, captured, [proposal]);
  return { suggestion: stored!, notice };
}
