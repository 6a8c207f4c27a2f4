import type { Knex } from 'knex';
import { ForbiddenError } from '../errors';
import type { RequestContext } from '../core/record-service';
import type { Locale } from '../i18n/messages';
import { requestMessage } from './requests.messages';
import { organisationSubjectPlan, organisationSubjects } from './subjects';

/**
 * The subject picker of a new request (the data protection officer only): the kinds of person of the
 * organisation, and the people of one kind whose name or address contains the words typed (twenty at most).
 * A person known by an address only is found among the addresses their links compare with.
 */
const LIMIT = 20;

function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function searchSubjects(ctx: RequestContext, kind: string, q: string, locale: Locale) {
  if (!ctx.ability.can('create', 'RightsRequest')) throw new ForbiddenError(requestMessage('gdpr.request.forbidden'));
  const tenant = await ctx.trx('tenants').where({ id: ctx.principal.tenantId }).first('verticals');
  const verticals = (tenant?.verticals as string[]) ?? [];
  const kinds = organisationSubjects(verticals).map((s) => ({ kind: s.kind, label: s.label[locale], byAddress: !s.table }));
  const plan = organisationSubjectPlan(kind, verticals);
  if (!plan) return { kinds, items: [] };
  const like = `%${escapeLike(q.toLowerCase())}%`;
  const { subject } = plan;
  if (subject.table) {
    const columns = [...subject.name, ...subject.addresses];
    const query = ctx.trx(subject.table).select(['id', ...columns]).limit(LIMIT).orderBy(subject.name[0] ?? 'id');
    if (q) query.where((w: Knex.QueryBuilder) => { for (const c of columns) w.orWhereRaw("lower(??::text) like ? escape '\\'", [c, like]); });
    const rows = (await query) as Array<Record<string, unknown>>;
    const camel = (c: string) => c.replace(/_([a-z])/g, (_, l: string) => l.toUpperCase());
    return {
      kinds,
      items: rows.map((r) => ({
        kind, id: String(r.id),
        label: subject.name.map((c) => r[camel(c)]).filter(Boolean).join(' ') || String(r.id),
        detail: (subject.addresses.map((c) => r[camel(c)]).find(Boolean) as string | undefined) ?? null,
      })),
    };
  }
  const addressLinks = plan.links.filter((l) => l.match === 'address');
  const found = new Set<string>();
  for (const link of addressLinks) {
    if (found.size >= LIMIT || !('column' in link)) break;
    const rows = await ctx.trx(link.table).select(ctx.trx.raw('distinct lower(??) as address', [link.column]))
      .whereNotNull(link.column).whereRaw("lower(??::text) like ? escape '\\'", [link.column, like]).limit(LIMIT);
    for (const r of rows as Array<{ address: string }>) found.add(r.address);
  }
  return { kinds, items: [...found].slice(0, LIMIT).sort().map((address) => ({ kind, id: address, label: address, detail: null })) };
}
