import type { Knex } from 'knex';
import { readableQuery, type RequestContext } from '../core/record-service';
import { accounts, contacts, sites } from '../core/resources';

export interface SearchHit {
  type: 'account' | 'contact' | 'site';
  id: string;
  title: string;
  subtitle: string | null;
  accountId: string;
  score: number;
}

/** Digits of a phone-looking query, without the national leading 0, to match E.164 numbers. */
export function phoneDigits(q: string): string | null {
  const digits = q.replace(/\D/g, '');
  // Spaces, dots and dashes are how French numbers are written ("06.12.34.56.78"); one other character (the "+") may remain.
  if (digits.length < 4 || digits.length < q.replace(/[\s.-]/g, '').length - 1) return null;
  return digits.replace(/^0/, '');
}

/** Candidates a kind keeps per way of matching: ranking stays cheap when a word matches thousands of records. */
export const CANDIDATES_PER_MATCH = 200;

/**
 * The ids that may be hits, each way of matching on its own (each can use its
 * index) and bounded, then merged: the exact name (never crowded out), names
 * starting with the words, the French full text, names containing
 * the words, names close to them (typos), phone numbers.
 */
function candidateIds(ctx: RequestContext, readable: () => Knex.QueryBuilder, nameExpr: string, q: string, phoneExpr: string | null): Knex.QueryBuilder {
  const digits = phoneDigits(q);
  const escaped = q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  const ways: Array<(qb: Knex.QueryBuilder) => void> = [
    (qb) => qb.whereRaw(`${nameExpr} = f_unaccent(lower(?))`, [q.trim()]),
    (qb) => qb.whereRaw(`${nameExpr} like f_unaccent(?) || '%'`, [escaped]),
    (qb) => qb.whereRaw("t.search @@ websearch_to_tsquery('french', f_unaccent(?))", [q]),
    (qb) => qb.whereRaw(`${nameExpr} like '%' || f_unaccent(?) || '%'`, [escaped]),
    (qb) => qb.whereRaw(`${nameExpr} % f_unaccent(lower(?))`, [q]),
  ];
  if (digits && phoneExpr) ways.push((qb) => qb.whereRaw(`${phoneExpr} like ?`, [`%${digits}%`]));
  const parts = ways.map((way) => {
    const qb = readable().clearSelect().select('t.id').limit(CANDIDATES_PER_MATCH);
    way(qb);
    return qb;
  });
  return ctx.trx.queryBuilder().union(parts, true);
}

/**
 * Global search over accounts, contacts and sites: French full text (unaccented)
 * plus trigram matching on names and phone numbers, each kind limited to the
 * rows the user may read.
 */
export async function search(ctx: RequestContext, q: string, limit = 20): Promise<SearchHit[]> {
  const parts: Array<() => Promise<SearchHit[]>> = [];
  const score = (nameExpr: string) => ctx.trx.raw(
    `greatest(ts_rank(t.search, websearch_to_tsquery('french', f_unaccent(?))), similarity(${nameExpr}, f_unaccent(lower(?)))) as score`, [q, q]);

  const accountQuery = readableQuery(ctx, accounts);
  if (accountQuery) {
    const name = 'f_unaccent(lower(t.name))';
    accountQuery.whereIn('t.id', candidateIds(ctx, () => readableQuery(ctx, accounts)!, name, q, 't.phone'));
    parts.push(() => accountQuery.clearSelect().select('t.id', 't.name', 't.city', score(name)).orderBy('score', 'desc').limit(limit)
      .then((rows: Array<Record<string, unknown>>) => rows.map((r) => ({ type: 'account', id: r.id, title: r.name, subtitle: r.city ?? null, accountId: r.id, score: Number(r.score) }) as SearchHit)));
  }
  const contactQuery = readableQuery(ctx, contacts);
  if (contactQuery) {
    // Generated columns (indexed, and usable under row-level security).
    const name = 't.search_name';
    contactQuery.whereIn('t.id', candidateIds(ctx, () => readableQuery(ctx, contacts)!, name, q, 't.search_phones'));
    parts.push(() => contactQuery.clearSelect().select('t.id', 't.firstName', 't.lastName', 't.accountId', 'a.name as accountName', score(name)).orderBy('score', 'desc').limit(limit)
      .then((rows: Array<Record<string, unknown>>) => rows.map((r) => ({ type: 'contact', id: r.id, title: [r.firstName, r.lastName].filter(Boolean).join(' '), subtitle: r.accountName ?? null, accountId: r.accountId, score: Number(r.score) }) as SearchHit)));
  }
  const siteQuery = readableQuery(ctx, sites);
  if (siteQuery) {
    const name = 'f_unaccent(lower(t.name))';
    siteQuery.whereIn('t.id', candidateIds(ctx, () => readableQuery(ctx, sites)!, name, q, 't.phone'));
    parts.push(() => siteQuery.clearSelect().select('t.id', 't.name', 't.city', 't.accountId', 'a.name as accountName', score(name)).orderBy('score', 'desc').limit(limit)
      .then((rows: Array<Record<string, unknown>>) => rows.map((r) => ({ type: 'site', id: r.id, title: r.name, subtitle: [r.accountName, r.city].filter(Boolean).join(' — '), accountId: r.accountId, score: Number(r.score) }) as SearchHit)));
  }
  // One transaction, one connection: run the kinds one after the other.
  const hits: SearchHit[] = [];
  for (const part of parts) hits.push(...(await part()));
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}
