import type { Knex } from 'knex';
import { readableQuery, type RequestContext } from '../core/record-service';
import { scopeOf } from '../identity/ability';
import { recordKinds } from '../modules/registry';
import type { RecordKind, RecordSearch } from '../modules/vertical-module';

/** How a hit matched the query, best first: the order of the results. */
export const MATCHES = ['exact', 'prefix', 'words', 'similar', 'phone'] as const;
export type SearchMatch = (typeof MATCHES)[number];

export interface SearchHit {
  /** The kind of record (its `recordType`: `account`, `contact`, `event-client`…). */
  type: string;
  id: string;
  title: string;
  subtitle: string | null;
  /** The number people quote, for kinds that have one. */
  number: number | null;
  /** The account a core record opens on (an account's own id); null for records that hang on no account. */
  accountId: string | null;
  match: SearchMatch;
  /** Within a match, how close the name is to the query (trigram similarity, 0 to 1). */
  score: number;
}

/** Digits of a phone-looking query, without the national leading 0, to match E.164 numbers. */
export function phoneDigits(q: string): string | null {
  const digits = q.replace(/\D/g, '');
  // Spaces, dots and dashes are how French numbers are written ("06.12.34.56.78"); one other character (the "+") may remain.
  if (digits.length < 4 || digits.length < q.replace(/[\s.-]/g, '').length - 1) return null;
  return digits.replace(/^0/, '');
}

/**
 * The words of a query as a text-search query, each word matching the words it
 * starts (« boulang » finds « Boulangerie »), except a word of two letters
 * before the last one (« le ga »: « le » is a whole word; « le:* » would read
 * every word starting with « le »); null when no word is left. Words keep only
 * letters and digits, so the text is always valid `to_tsquery` input.
 */
export function wordsQuery(q: string): string | null {
  const folded = q.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase()
    .replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss');
  const words = folded.match(/[\p{L}\p{N}]+/gu)?.filter((w) => w.length >= 2) ?? [];
  return words.length ? words.map((w, i) => (w.length >= 3 || i === words.length - 1 ? `${w}:*` : w)).join(' & ') : null;
}

/** Rows each kind of record gives at most before ranking (its best ways of matching first), or `limit` if more. */
export const CANDIDATES_PER_MATCH = 40;

interface Query {
  q: string;
  words: string | null;
  wordStarts: string | null;
  /** `%<digits>%`, for phones. */
  digits: string | null;
  number: number | null;
}

function parse(q: string): Query {
  const trimmed = q.trim();
  const wordStarts = wordsQuery(trimmed);
  return {
    q: trimmed,
    words: wordStarts?.replace(/:\*/g, '') ?? null,
    wordStarts,
    digits: phoneDigits(trimmed)?.replace(/^(.*)$/, '%$1%') ?? null,
    number: /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : null,
  };
}

type Builder = Knex.QueryBuilder;
type Sql = [sql: string, bindings: Knex.Value[]];

const NORMALISED = 'f_unaccent(lower(?))';

/**
 * The rank of each way of matching, best first, and the match it reports:
 * whole words come before words the query only starts (« martin » finds
 * « Garage Martin » before « Martine Adam »).
 */
const RANKS = { exact: 0, prefix: 1, words: 2, wordStarts: 3, similar: 4, phone: 5 } as const;
type Way = keyof typeof RANKS;
const MATCH_OF: Record<Way, SearchMatch> = { exact: 'exact', prefix: 'prefix', words: 'words', wordStarts: 'words', similar: 'similar', phone: 'phone' };

/**
 * One way of matching one kind: its readable query (tenant, permissions) with
 * the columns a hit shows, its rank and its score; the caller adds the
 * condition and bounds it, before any ranking.
 */
function child(ctx: RequestContext, kind: RecordKind, spec: RecordSearch, way: Way | Sql, score: Sql): Builder | null {
  const qb = readableQuery(ctx, kind.resource);
  if (!qb) return null;
  const { show } = spec;
  const [rank, rankBindings]: Sql = typeof way === 'string' ? [String(RANKS[way]), []] : way;
  return qb.clearSelect().select(ctx.trx.raw(
    `?::text as type, t.id as id, ${show.title} as title, ${show.subtitle ?? 'null::text'} as subtitle, ` +
    `${spec.number ?? 'null::int'} as num, ${show.accountId ?? 'null::uuid'} as account, ${rank} as rank, ${score[0]} as score`,
    [kind.resource.recordType, ...rankBindings, ...score[1]]));
}

/** The closest of a kind's names to the query. */
function closeness(spec: RecordSearch, query: Query): Sql {
  const parts = spec.names.map((n) => `similarity(${n}, ${NORMALISED})`);
  return [parts.length > 1 ? `greatest(${parts.join(', ')})` : parts[0]!, spec.names.map(() => query.q)];
}

/**
 * The name is the query, or starts with it followed by a space or punctuation
 * (« martin & fils »): one range of the btree in collation "C", where those
 * characters sort before digits and letters.
 */
function startsWith(name: string, query: Query): Sql {
  return [`(${name} collate "C") >= ${NORMALISED} and (${name} collate "C") < ${NORMALISED} || '0'`, [query.q, query.q]];
}

const matches = (column: string, config: string) => `${column} @@ to_tsquery('${config}', ?)`;

/** Leaves out what a better way of matching already found. */
function notBetter(qb: Builder, spec: RecordSearch, query: Query, than: 'prefix' | 'words' | 'wordStarts'): void {
  for (const n of spec.names) {
    const [sql, bindings] = startsWith(n, query);
    qb.whereRaw(`not (${sql})`, bindings);
  }
  if (than === 'prefix') return;
  const text = than === 'words' ? query.words : query.wordStarts;
  if (text) for (const w of spec.words) qb.whereRaw(`not ${matches(w.column, w.config)}`, [text]);
}

/**
 * One kind's ways of matching, best first, read lazily: the kind's answer stops
 * at `cap` rows (`CANDIDATES_PER_MATCH`, or the limit), so a worse way is read only when the better
 * ones leave room (a thousand « Pharmacie … » starting with the query leave no
 * room, and their words are not read at all).
 */
interface KindWays {
  /** Ordered by their index (names), each bounded. */
  ordered: Builder[];
  /** Unordered (words, similar names, phones): materialized CTEs, planned to read their matches through their index, read only as far as needed. */
  unordered: Builder[];
}

const ways = (): KindWays => ({ ordered: [], unordered: [] });

/** Names equal to or starting with the query (in name order: the exact name first), the number, whole words then word starts. */
function nameMatches(ctx: RequestContext, kind: RecordKind, spec: RecordSearch, query: Query, cap: number): KindWays | null {
  const out = ways();
  const score = closeness(spec, query);
  for (const n of spec.names) {
    const qb = child(ctx, kind, spec, [`case when ${n} = ${NORMALISED} then ${RANKS.exact} else ${RANKS.prefix} end`, [query.q]], score);
    if (!qb) return null;
    const [sql, bindings] = startsWith(n, query);
    out.ordered.push(qb.whereRaw(sql, bindings).orderByRaw(`(${n} collate "C")`).limit(cap, { skipBinding: true }));
  }
  if (query.number !== null && spec.number) {
    out.ordered.push(child(ctx, kind, spec, 'exact', ['1', []])!.whereRaw(`${spec.number} = ?`, [query.number]).limit(cap, { skipBinding: true }));
  }
  if (!query.words || !query.wordStarts) return out;
  for (const w of spec.words) {
    // Whole words, then (only if they leave room) words the query's words start.
    const whole = child(ctx, kind, spec, 'words', score)!.whereRaw(matches(w.column, w.config), [query.words]);
    notBetter(whole, spec, query, 'prefix');
    const starts = child(ctx, kind, spec, 'wordStarts', score)!.whereRaw(matches(w.column, w.config), [query.wordStarts]);
    notBetter(starts, spec, query, 'words');
    out.unordered.push(whole.unionAll(starts));
  }
  return out;
}

/**
 * Names with a word close to the query (a typo: « martinn », « Blangiere »; trigram word
 * similarity, at least 0.6 by default), then phone numbers. Word similarity, not the
 * similarity of whole names: a short query is compared with the words of a long name, and
 * the index's first filter keeps far fewer candidates.
 */
function otherMatches(ctx: RequestContext, kind: RecordKind, spec: RecordSearch, query: Query): KindWays | null {
  const out = ways();
  for (const n of spec.names) {
    const qb = child(ctx, kind, spec, 'similar', [`word_similarity(${NORMALISED}, ${n})`, [query.q]]);
    if (!qb) return null;
    qb.whereRaw(`${NORMALISED} <% ${n}`, [query.q]);
    notBetter(qb, spec, query, 'wordStarts');
    out.unordered.push(qb);
  }
  if (query.digits && spec.phones) out.unordered.push(child(ctx, kind, spec, 'phone', ['0', []])!.whereRaw(`${spec.phones} like ?`, [query.digits]));
  return out;
}

/** The statement giving the best `limit` rows of every kind's ways of matching. */
function best(ctx: RequestContext, kinds: KindWays[], limit: number, cap: number): Builder | null {
  const outer = ctx.trx.queryBuilder();
  let ctes = 0;
  const perKind = kinds.filter((k) => k.ordered.length || k.unordered.length).map((k) => {
    const parts = [...k.ordered, ...k.unordered.map((cte) => {
      const name = `way${ctes++}`;
      outer.withMaterialized(name, cte);
      return ctx.trx.select('*').from(name);
    })];
    return ctx.trx.select('*').from(ctx.trx.queryBuilder().unionAll(parts, true).as('k')).limit(cap, { skipBinding: true });
  });
  if (!perKind.length) return null;
  return outer.select('*')
    .from(ctx.trx.queryBuilder().unionAll(perKind, true).as('h'))
    .orderBy([{ column: 'rank' }, { column: 'score', order: 'desc' }, { column: 'title' }])
    .limit(limit, { skipBinding: true });
}

type Stage = 'names' | 'others';

/**
 * A statement compiled once per shape (the stage, the limit, which parts of the
 * query there are, each searched kind's read scope) and sent as a prepared
 * statement (db/pg-client.ts): its text and its constants are kept, the
 * query's values fill their slots. Building and compiling it (knex) and
 * planning it (PostgreSQL keeps a generic plan per connection) are not paid
 * at every search.
 */
interface Compiled {
  sql: string;
  /** Each binding: a field of the query, or a constant of the shape (a kind's type, a user id of a scope). */
  slots: Array<keyof Query | { value: Knex.Value }>;
}

const COMPILED_MAX = 500;
const compiled = new Map<string, Compiled>();
const FIELDS: ReadonlyArray<keyof Query> = ['q', 'words', 'wordStarts', 'digits', 'number'];
const sentinel = (field: keyof Query) => `\u0000search.${field}`;

function shapeOf(ctx: RequestContext, stage: Stage, query: Query, limit: number): string {
  const scopes = recordKinds().filter((k) => k.search).map((k) => (ctx.ability.can('read', k.resource.subject) ? scopeOf(ctx.ability, 'read', k.resource.subject) : []));
  return JSON.stringify([stage, limit, query.words !== null, query.digits !== null, query.number !== null, scopes]);
}

function compile(ctx: RequestContext, stage: Stage, query: Query, limit: number): Compiled | null {
  const key = shapeOf(ctx, stage, query, limit);
  const known = compiled.get(key);
  if (known) return known;
  // Built once with markers in place of the query's values, to find where each goes.
  const marked = Object.fromEntries(FIELDS.map((f) => [f, query[f] === null ? null : sentinel(f)])) as unknown as Query;
  const searched = recordKinds().flatMap((kind) => (kind.search ? [{ kind, spec: kind.search }] : []));
  const cap = Math.max(limit, CANDIDATES_PER_MATCH);
  const ways = searched.map(({ kind, spec }) => (stage === 'names' ? nameMatches(ctx, kind, spec, marked, cap) : otherMatches(ctx, kind, spec, marked)))
    .filter((w): w is KindWays => w !== null);
  const builder = best(ctx, ways, limit, cap);
  if (!builder) return null;
  const { sql, bindings } = builder.toSQL();
  const slots = bindings.map((b) => FIELDS.find((f) => b === sentinel(f)) ?? { value: b as Knex.Value });
  const entry = { sql, slots };
  if (compiled.size >= COMPILED_MAX) compiled.delete(compiled.keys().next().value!);
  compiled.set(key, entry);
  return entry;
}

const matchOf = Object.fromEntries(Object.entries(RANKS).map(([way, rank]) => [rank, MATCH_OF[way as Way]]));

async function run(ctx: RequestContext, stage: Stage, query: Query, limit: number): Promise<SearchHit[]> {
  const statement = compile(ctx, stage, query, limit);
  if (!statement) return [];
  const values = statement.slots.map((slot) => (typeof slot === 'string' ? query[slot] : slot.value));
  const { rows } = await ctx.trx.raw(statement.sql, values).options({ prepare: true }) as { rows: Array<Record<string, unknown>> };
  return rows.map((r) => ({
    type: r.type as string, id: r.id as string, title: (r.title as string | null) ?? '', subtitle: (r.subtitle as string | null) || null,
    number: r.num === null ? null : Number(r.num), accountId: (r.account as string | null) ?? null,
    match: matchOf[Number(r.rank)]!, score: Number(r.score),
  }));
}

/**
 * Global search over every kind of record whose module registers a search
 * (`RecordKind.search`) and that the user may read, each kind through its
 * readable query (the tenant's row-level security and the user's scope).
 * Results come by how they match — the exact name (or number), a name starting
 * with the query, words (whole, then started), similar names (typos), phone
 * numbers — then by closeness of the name. Every way of matching one kind
 * reads a bounded set through its own index; names and words come in one
 * statement, and similar names and phones in a second one only when the first
 * leaves room.
 */
export async function search(ctx: RequestContext, q: string, limit = 20): Promise<SearchHit[]> {
  const query = parse(q);
  const seen = new Set<string>();
  const hits: SearchHit[] = [];
  const keep = (found: SearchHit[]) => {
    for (const hit of found) {
      const key = `${hit.type}:${hit.id}`;
      if (seen.has(key) || hits.length >= limit) continue;
      seen.add(key);
      hits.push(hit);
    }
  };
  keep(await run(ctx, 'names', query, limit));
  if (hits.length < limit) {
    // PostgreSQL would plan similar names again at every search (its generic plan looks dearer
    // than the plans for given values, which are no better here): the plan it keeps is used.
    await ctx.trx.raw("select set_config('plan_cache_mode', 'force_generic_plan', true)");
    keep(await run(ctx, 'others', query, limit));
  }
  return hits;
}
