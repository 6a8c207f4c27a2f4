import type { Knex } from 'knex';
import { readableQuery, type RequestContext } from '../core/record-service';
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
 * starts (« boulang » finds « Boulangerie »); null when no word is left. Words
 * keep only letters and digits, so the text is always valid `to_tsquery` input.
 */
export function wordsQuery(q: string): string | null {
  const folded = q.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase()
    .replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss');
  const words = folded.match(/[\p{L}\p{N}]+/gu)?.filter((w) => w.length >= 2) ?? [];
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}

/** Candidates each unordered way of matching (words, similar names, phones) reads per kind before ranking. */
export const CANDIDATES_PER_MATCH = 40;

interface Query {
  q: string;
  words: string | null;
  wordStarts: string | null;
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
    digits: phoneDigits(trimmed),
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

interface Parts {
  /** Ordered ways, bounded by their index order (names). */
  ordered: Builder[];
  /** Unordered ways: each a materialized CTE (planned to read all its matches through its index, read only as far as needed). */
  bounded: Array<{ cte: Builder; limit: number }>;
}

/** Names equal to or starting with the query (in name order: the exact name first), the number, whole words then word starts. */
function nameMatches(ctx: RequestContext, kind: RecordKind, spec: RecordSearch, query: Query, limit: number, parts: Parts): void {
  const score = closeness(spec, query);
  for (const n of spec.names) {
    const qb = child(ctx, kind, spec, [`case when ${n} = ${NORMALISED} then ${RANKS.exact} else ${RANKS.prefix} end`, [query.q]], score);
    if (!qb) return;
    const [sql, bindings] = startsWith(n, query);
    parts.ordered.push(qb.whereRaw(sql, bindings).orderByRaw(`(${n} collate "C")`).limit(limit));
  }
  if (query.number !== null && spec.number) {
    parts.ordered.push(child(ctx, kind, spec, 'exact', ['1', []])!.whereRaw(`${spec.number} = ?`, [query.number]).limit(limit));
  }
  if (!query.words || !query.wordStarts) return;
  for (const w of spec.words) {
    // Whole words, then (only if they leave room) words the query's words start.
    const whole = child(ctx, kind, spec, 'words', score)!.whereRaw(matches(w.column, w.config), [query.words]);
    notBetter(whole, spec, query, 'prefix');
    const starts = child(ctx, kind, spec, 'wordStarts', score)!.whereRaw(matches(w.column, w.config), [query.wordStarts]);
    notBetter(starts, spec, query, 'words');
    parts.bounded.push({ cte: whole.unionAll(starts), limit: CANDIDATES_PER_MATCH });
  }
}

/** Names close to the query (typos) and phone numbers: read only when the better matches leave room. */
function otherMatches(ctx: RequestContext, kind: RecordKind, spec: RecordSearch, query: Query, parts: Parts): void {
  for (const n of spec.names) {
    const qb = child(ctx, kind, spec, 'similar', [`similarity(${n}, ${NORMALISED})`, [query.q]]);
    if (!qb) return;
    qb.whereRaw(`${n} % ${NORMALISED}`, [query.q]);
    notBetter(qb, spec, query, 'wordStarts');
    parts.bounded.push({ cte: qb, limit: CANDIDATES_PER_MATCH });
  }
  if (query.digits && spec.phones) {
    parts.bounded.push({ cte: child(ctx, kind, spec, 'phone', ['0', []])!.whereRaw(`${spec.phones} like ?`, [`%${query.digits}%`]), limit: CANDIDATES_PER_MATCH });
  }
}

/** The best `limit` rows of some ways of matching, in one statement. */
async function best(ctx: RequestContext, parts: Parts, limit: number): Promise<SearchHit[]> {
  const outer = ctx.trx.queryBuilder();
  const all = [...parts.ordered];
  parts.bounded.forEach(({ cte, limit: bound }, i) => {
    outer.withMaterialized(`way${i}`, cte);
    all.push(ctx.trx.select('*').from(`way${i}`).limit(bound));
  });
  if (!all.length) return [];
  const rows: Array<Record<string, unknown>> = await outer.select('*')
    .from(ctx.trx.queryBuilder().unionAll(all, true).as('h'))
    .orderBy([{ column: 'rank' }, { column: 'score', order: 'desc' }, { column: 'title' }])
    .limit(limit);
  const matchOf = Object.fromEntries(Object.entries(RANKS).map(([way, rank]) => [rank, MATCH_OF[way as Way]]));
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
  const kinds = recordKinds().flatMap((kind) => (kind.search ? [{ kind, spec: kind.search }] : []));
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
  const first: Parts = { ordered: [], bounded: [] };
  for (const { kind, spec } of kinds) nameMatches(ctx, kind, spec, query, limit, first);
  keep(await best(ctx, first, limit));
  if (hits.length < limit) {
    const second: Parts = { ordered: [], bounded: [] };
    for (const { kind, spec } of kinds) otherMatches(ctx, kind, spec, query, second);
    keep(await best(ctx, second, limit));
  }
  return hits;
}
