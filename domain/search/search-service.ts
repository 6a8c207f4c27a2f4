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
 * The words of a query as a text-search query, each word of three letters or
 * more matching the words it starts (« boulang » finds « Boulangerie »), a
 * shorter one only itself (« le:* » or « ga:* » would read thousands of words);
 * null when no word is left. Words keep only letters and digits, so the text is
 * always valid `to_tsquery` input.
 */
export function wordsQuery(q: string): string | null {
  const words = foldedWords(q);
  return words.length ? words.map((w) => (w.length >= 3 ? `${w}:*` : w)).join(' & ') : null;
}

function foldedWords(q: string): string[] {
  const folded = q.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase()
    .replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss');
  return folded.match(/[\p{L}\p{N}]+/gu)?.filter((w) => w.length >= 2) ?? [];
}

/** Rows each kind of record gives at most before ranking (its best ways of matching first), or `limit` if more. */
export const CANDIDATES_PER_MATCH = 40;

interface Query {
  q: string;
  /** The query's words, whole. */
  words: string | null;
  /** The query's words, each matching the words it starts; null when that is the same as `words`. */
  wordStarts: string | null;
  /** `%<digits>%`, for phones. */
  digits: string | null;
  number: number | null;
  /** Whether names close to the query are looked for: not for words of three letters or fewer (« le ga »), which look like too many names. */
  similar: true | null;
}

function parse(q: string): Query {
  const trimmed = q.trim();
  const wordStarts = wordsQuery(trimmed);
  const words = wordStarts?.replace(/:\*/g, '') ?? null;
  return {
    q: trimmed,
    words,
    wordStarts: wordStarts === words ? null : wordStarts,
    digits: phoneDigits(trimmed)?.replace(/^(.*)$/, '%$1%') ?? null,
    number: /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : null,
    similar: foldedWords(trimmed).some((w) => w.length >= 4) ? true : null,
  };
}

type Builder = Knex.QueryBuilder;
type Sql = [sql: string, bindings: Knex.Value[]];

/** The query unaccented and lower-cased, computed once per statement (an InitPlan), not for each row. */
const NORMALISED = '(select f_unaccent(lower(?)))';

/**
 * The rank of each way of matching, best first, and the match it reports:
 * whole words come before words the query only starts (« martin » finds
 * « Garage Martin » before « Martine Adam »), which include names the query
 * starts without ending on a word (« Martine … »).
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
  // Equal matches come in the order the kinds are registered (a client before its contract), then by title.
  const order = recordKinds().indexOf(kind);
  return qb.clearSelect().select(ctx.trx.raw(
    `?::text as type, t.id as id, ${show.title} as title, ${show.subtitle ?? 'null::text'} as subtitle, ` +
    `${spec.number ?? 'null::int'} as num, ${show.accountId ?? 'null::uuid'} as account, ${rank} as rank, ${score[0]} as score, ${order} as kind`,
    [kind.resource.recordType, ...rankBindings, ...score[1]]));
}

/**
 * How close a kind's name is to a query it contains: the share of the name the
 * query covers (1 for the exact name; « SAS Martin » before « Transports Martin
 * Frères »). Cheaper than a trigram similarity, and in the same order here.
 */
function closeness(name: string, query: Query): Sql {
  return [`char_length(${NORMALISED})::real / greatest(char_length(${name}), 1)`, [query.q]];
}

/**
 * The name is the query, or starts with it followed by a space or punctuation
 * (« martin & fils »): one range of the btree in collation "C", where those
 * characters sort before digits and letters.
 */
function startsWith(name: string, query: Query): Sql {
  return [`(${name} collate "C") >= ${NORMALISED} and (${name} collate "C") < ${NORMALISED} || '0'`, [query.q, query.q]];
}

/** The name starts with the query in the middle of a word (« martine … » for « martin »): the rest of the same range. */
function startsWithin(name: string, query: Query): Sql {
  return [`(${name} collate "C") >= ${NORMALISED} || '0' and (${name} collate "C") < ${NORMALISED} || chr(1114111)`, [query.q, query.q]];
}

/** The query's words (given as a text-search query), computed once per statement. */
const matches = (column: string, config: string) => `${column} @@ (select to_tsquery('${config}', ?))`;

/**
 * Leaves out what a better way of matching already found. The name's range is excluded as `(…) is not true`, which
 * no index can serve: written `not (…)`, PostgreSQL turned it into two ranges of the name's btree and read them
 * (some 70,000 entries at 100,000 accounts) to intersect with the few the words' index found — 12 ms of PostgreSQL
 * per search once the telecom brand policies (migration 20261219000600) changed its estimates (docs/performance.md).
 */
function notBetter(qb: Builder, spec: RecordSearch, query: Query, than: 'prefix' | 'words' | 'wordStarts'): Builder {
  for (const n of spec.names) {
    const [sql, bindings] = startsWith(n, query);
    qb.whereRaw(`(${sql}) is not true`, bindings);
  }
  if (than === 'prefix') return qb;
  const text = than === 'words' || !query.wordStarts ? query.words : query.wordStarts;
  if (text) for (const w of spec.words) qb.whereRaw(`not ${matches(w.column, w.config)}`, [text]);
  return qb;
}

/**
 * One kind's ways of matching, best first, read lazily: the kind's answer stops
 * at `cap` rows (`CANDIDATES_PER_MATCH`, or the limit), so a worse way is read
 * only when the better ones leave room (two thousand « Pharmacie … » starting
 * with the query leave no room, and their words are not read at all). A way
 * ordered by its index (names) is bounded itself; an unordered one (words,
 * similar names, phones) is a materialized CTE, planned to read its matches
 * through its index, and read only as far as needed.
 */
type KindWays = Array<{ builder: Builder; cte: boolean; close?: true }>;

/**
 * Names equal to or starting with the query (in name order: the exact name
 * first), the number, whole words, then words the query's words start and
 * names it starts in the middle of a word.
 */
function nameMatches(ctx: RequestContext, kind: RecordKind, spec: RecordSearch, query: Query, cap: number): KindWays | null {
  const out: KindWays = [];
  for (const n of spec.names) {
    const qb = child(ctx, kind, spec, [`case when ${n} = ${NORMALISED} then ${RANKS.exact} else ${RANKS.prefix} end`, [query.q]], closeness(n, query));
    if (!qb) return null;
    const [sql, bindings] = startsWith(n, query);
    out.push({ builder: qb.whereRaw(sql, bindings).orderByRaw(`(${n} collate "C")`).limit(cap, { skipBinding: true }), cte: false });
  }
  if (query.number !== null && spec.number) {
    out.push({ builder: child(ctx, kind, spec, 'exact', ['1', []])!.whereRaw(`${spec.number} = ?`, [query.number]).limit(cap, { skipBinding: true }), cte: false });
  }
  if (query.words) {
    for (const [i, w] of spec.words.entries()) {
      // Scored against the name these are the words of.
      const score = closeness(spec.names[i] ?? spec.names[0]!, query);
      const whole = child(ctx, kind, spec, 'words', score)!.whereRaw(matches(w.column, w.config), [query.words]);
      notBetter(whole, spec, query, 'prefix');
      if (query.wordStarts) {
        const starts = child(ctx, kind, spec, 'wordStarts', score)!.whereRaw(matches(w.column, w.config), [query.wordStarts]);
        notBetter(starts, spec, query, 'words');
        whole.unionAll(starts);
      }
      out.push({ builder: whole, cte: true });
    }
  }
  for (const n of spec.names) {
    const [sql, bindings] = startsWithin(n, query);
    out.push({ builder: child(ctx, kind, spec, 'wordStarts', closeness(n, query))!.whereRaw(sql, bindings).orderByRaw(`(${n} collate "C")`).limit(cap, { skipBinding: true }), cte: false });
  }
  return out;
}

/**
 * The tenant's words close to the query's words of four letters or more, closest first: a typo
 * (« marrtin », « Blangiere ») is looked up in the search dictionary (`search_words`, migration
 * 20261218000800: some thousands of words per tenant, trigram GIN), not among every name. Trigram
 * word similarity, at least 0.6 by default (`pg_trgm.word_similarity_threshold`).
 */
const CLOSE_WORDS = 'search_close';
/**
 * How close a name must be to the query: `pg_trgm.word_similarity_threshold`'s default, which `<%`
 * uses for the dictionary's words (never set otherwise). A name closer to the query than any of its
 * words (« fonaine »: 0.55 to « fontaine », 0.75 to « domaine fontaine ») is no longer found: a lower
 * threshold for the words would read every holder of a word only a few of which are close enough.
 */
const SIMILAR_MIN = 0.6;
const CLOSE_WORDS_MAX = 10;
/**
 * The close words of the query's words the dictionary does not hold as they are (of all of them
 * when it holds each: no name holds them all, the words' matches found none), each with one of the
 * query's words it does hold (« philippe marrtin »: « martin » and « philippe »; « jean pierre
 * dubbois »: « dubois » and « jean » or « pierre »), as the text-search query of a kind's words
 * (French stems, names as they are): only names holding them are read. Computed here: a function
 * of the close word in the kind's condition would not be leakproof, and row-level security would
 * then keep the words' index from serving it. When the query's unknown words have no close word
 * (« zefyrine blangier »: « zephyrine » is only 0.46 from it), the names holding all its known words
 * are read instead, and checked against the whole query as the others are.
 */
const CONFIGS: ReadonlyArray<RecordSearch['words'][number]['config']> = ['french', 'simple'];
function closeWords(ctx: RequestContext, query: Query): Knex.Raw {
  const lexemes = (c: string, words: string, op: string) => `nullif(array_to_string(tsvector_to_array(to_tsvector('${c}', ${words})), '${op}'), '')`;
  const close = (c: string) => `nullif(concat_ws(' & ', ${lexemes(c, 'c.word', ' & ')}, '(' || ${lexemes(c, 'c.known', ' | ')} || ')'), '')::tsquery as ${c}`;
  const known = (c: string) => `${lexemes(c, 'k.known', ' & ')}::tsquery as ${c}`;
  return ctx.trx.raw(`
    with q as (
      select w, exists (select 1 from search_words s where s.word = w) as known
        from regexp_split_to_table(${NORMALISED}, '[^[:alnum:]]+') w where char_length(w) >= 4
    ), typo as (select w from q where not known or not exists (select 1 from q where not known)),
    k as (select string_agg(w, ' ') as known from q where known and exists (select 1 from q where not known)),
    c as (
      select d.word, k.known from search_words d, typo, k
       where typo.w <% d.word
       group by d.word, k.known
       order by max(word_similarity(typo.w, d.word)) desc, d.word
       limit ${CLOSE_WORDS_MAX}
    )
    select c.word, ${CONFIGS.map(close).join(', ')} from c
    union all
    select null, ${CONFIGS.map(known).join(', ')} from k where k.known is not null and not exists (select 1 from c)
    limit ${CLOSE_WORDS_MAX}`, [query.q]);
}

/**
 * Names with a word close to the query (a typo: trigram word similarity of the query and the
 * name, at least 0.6 by default, as before the dictionary), then phone numbers. The candidates
 * are the names holding one of the close words, read through the words' full-text index word by
 * word, closest word first, so a kind's answer stops as soon as it has enough; the similarity of
 * the whole query and the name is then checked on those few rows only.
 */
function otherMatches(ctx: RequestContext, kind: RecordKind, spec: RecordSearch, query: Query): KindWays | null {
  const out: KindWays = [];
  if (query.similar) {
    for (const [i, n] of spec.names.entries()) {
      const qb = child(ctx, kind, spec, 'similar', [`word_similarity(${NORMALISED}, ${n})`, [query.q]]);
      if (!qb) return null;
      const words = spec.words[i] ?? spec.words[0];
      if (!words) {
        out.push({ builder: notBetter(qb.whereRaw(`${NORMALISED} <% ${n}`, [query.q]), spec, query, 'wordStarts'), cte: true });
        continue;
      }
      // The rows of each close word in turn, through the words' index. The similarity of the whole
      // query is a function here, not the operator, so that no plan reads the names' trigram index.
      qb.whereRaw(`${words.column} @@ sw_close.${words.config}`)
        .whereRaw(`word_similarity(${NORMALISED}, ${n}) >= ${SIMILAR_MIN}`, [query.q]);
      notBetter(qb, spec, query, 'wordStarts');
      out.push({ builder: ctx.trx.select('x.*').fromRaw(ctx.trx.raw(`${CLOSE_WORDS} sw_close cross join lateral (?) x`, [qb])), cte: true, close: true });
    }
  }
  if (query.digits && spec.phones) {
    const qb = child(ctx, kind, spec, 'phone', ['0', []]);
    if (!qb) return null;
    out.push({ builder: qb.whereRaw(`${spec.phones} like ?`, [query.digits]), cte: true });
  }
  return out;
}

/** The statement giving the best `limit` rows of every kind's ways of matching. */
function best(ctx: RequestContext, kinds: KindWays[], limit: number, cap: number, query: Query): Builder | null {
  const outer = ctx.trx.queryBuilder();
  if (kinds.some((k) => k.some((w) => w.close))) outer.withMaterialized(CLOSE_WORDS, closeWords(ctx, query));
  let ctes = 0;
  const perKind = kinds.filter((k) => k.length).map((k) => {
    const parts = k.map(({ builder, cte }) => {
      if (!cte) return builder;
      const name = `way${ctes++}`;
      outer.withMaterialized(name, builder);
      return ctx.trx.select('*').from(name);
    });
    return ctx.trx.select('*').from(ctx.trx.queryBuilder().unionAll(parts, true).as('k')).limit(cap, { skipBinding: true });
  });
  if (!perKind.length) return null;
  return outer.select('*')
    .from(ctx.trx.queryBuilder().unionAll(perKind, true).as('h'))
    .orderBy([{ column: 'rank' }, { column: 'score', order: 'desc' }, { column: 'kind' }, { column: 'title' }])
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
const FIELDS: ReadonlyArray<keyof Query> = ['q', 'words', 'wordStarts', 'digits', 'number', 'similar'];
const sentinel = (field: keyof Query) => `\u0000search.${field}`;

function shapeOf(ctx: RequestContext, stage: Stage, query: Query, limit: number): string {
  const scopes = recordKinds().filter((k) => k.search).map((k) => (ctx.ability.can('read', k.resource.subject) ? scopeOf(ctx.ability, 'read', k.resource.subject) : []));
  return JSON.stringify([stage, limit, FIELDS.map((f) => query[f] !== null), scopes]);
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
  const builder = best(ctx, ways, limit, cap, marked);
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
  if (hits.length < limit && (query.similar || query.digits)) {
    // PostgreSQL would plan similar names again at every search (its generic plan looks dearer
    // than the plans for given values, which are no better here): the plan it keeps is used. A
    // sequential scan joined to the close words would read a whole table for each of them: the
    // words' index, read once per close word, is what this statement is planned for.
    await ctx.trx.raw("select set_config('plan_cache_mode', 'force_generic_plan', true), set_config('enable_seqscan', 'off', true)");
    keep(await run(ctx, 'others', query, limit));
  }
  return hits;
}
