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

function textMatch(qb: Knex.QueryBuilder, nameExpr: string, q: string, phoneExpr: string | null): void {
  const digits = phoneDigits(q);
  qb.where((w) => {
    w.whereRaw("t.search @@ websearch_to_tsquery('french', f_unaccent(?))", [q])
      .orWhereRaw(`${nameExpr} like '%' || f_unaccent(lower(?)) || '%'`, [q.replace(/[\\%_]/g, (c) => `\\${c}`)])
      .orWhereRaw(`${nameExpr} % f_unaccent(lower(?))`, [q]);
    if (digits && phoneExpr) w.orWhereRaw(`${phoneExpr} like ?`, [`%${digits}%`]);
  });
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
    textMatch(accountQuery, name, q, 't.phone');
    parts.push(() => accountQuery.clearSelect().select('t.id', 't.name', 't.city', score(name)).orderBy('score', 'desc').limit(limit)
      .then((rows: Array<Record<string, unknown>>) => rows.map((r) => ({ type: 'account', id: r.id, title: r.name, subtitle: r.city ?? null, accountId: r.id, score: Number(r.score) }) as SearchHit)));
  }
  const contactQuery = readableQuery(ctx, contacts);
  if (contactQuery) {
    // Generated columns (indexed, and usable under row-level security).
    const name = 't.search_name';
    textMatch(contactQuery, name, q, 't.search_phones');
    parts.push(() => contactQuery.clearSelect().select('t.id', 't.firstName', 't.lastName', 't.accountId', 'a.name as accountName', score(name)).orderBy('score', 'desc').limit(limit)
      .then((rows: Array<Record<string, unknown>>) => rows.map((r) => ({ type: 'contact', id: r.id, title: [r.firstName, r.lastName].filter(Boolean).join(' '), subtitle: r.accountName ?? null, accountId: r.accountId, score: Number(r.score) }) as SearchHit)));
  }
  const siteQuery = readableQuery(ctx, sites);
  if (siteQuery) {
    const name = 'f_unaccent(lower(t.name))';
    textMatch(siteQuery, name, q, 't.phone');
    parts.push(() => siteQuery.clearSelect().select('t.id', 't.name', 't.city', 't.accountId', 'a.name as accountName', score(name)).orderBy('score', 'desc').limit(limit)
      .then((rows: Array<Record<string, unknown>>) => rows.map((r) => ({ type: 'site', id: r.id, title: r.name, subtitle: [r.accountName, r.city].filter(Boolean).join(' — '), accountId: r.accountId, score: Number(r.score) }) as SearchHit)));
  }
  // One transaction, one connection: run the kinds one after the other.
  const hits: SearchHit[] = [];
  for (const part of parts) hits.push(...(await part()));
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}
