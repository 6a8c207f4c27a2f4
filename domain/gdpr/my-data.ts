import type { Knex } from 'knex';
import type { RequestContext } from '../core/record-service';
import type { Principal } from '../identity/ability';
import type { Locale } from '../i18n/messages';
import type { ConsentSubject, MyConsentInput } from './consent.schemas';
import { personalDataDeclarations } from '../modules/registry';
import { appendConsent, readConsents } from './consent-ledger';
import { personalDataDeclaration } from './personal-data';
import { locateSubject } from './subject-locator';
import { organisationSubjectPlan } from './subjects';

/**
 * « Mes données » (issue 15, docs/adr/0024): what Relais holds about the signed-in person and their consents.
 * Whose consents: a portal user (any type but `internal`) who is a contact of their company — the contact of
 * their account with their e-mail, as the tickets find them — consents as that contact (the same ledger the
 * organisation's staff read on the contact); anyone else, a collaborator first, as their user.
 */
export async function mySubject(trx: Knex.Transaction, principal: Principal): Promise<ConsentSubject> {
  if (principal.type !== 'internal' && principal.accountId) {
    const me = await trx('users').where({ id: principal.userId }).first('email');
    const contact = me && await trx('contacts').where({ accountId: principal.accountId }).whereRaw('lower(email) = lower(?)', [me.email]).orderBy('createdAt').first('id');
    if (contact) return { kind: 'contact', id: String(contact.id) };
  }
  return { kind: 'user', id: principal.userId };
}

/** Each table's processing activity and the activities' names, from the modules' declarations (ADR 0022). */
function activitiesByTable(locale: Locale): { table: Map<string, string>; name: Map<string, string> } {
  const parsed = personalDataDeclarations().map((d) => personalDataDeclaration.parse(d.declaration));
  return {
    table: new Map(parsed.flatMap((d) => Object.entries(d.tables).map(([table, t]) => [table, t.activity] as const))),
    name: new Map(parsed.flatMap((d) => d.activities.map((a) => [a.key, a.name[locale]] as const))),
  };
}

/**
 * How many rows about me each processing activity holds: the rows the rights requests' locator finds
 * (ADR 0023, the same the export of my data contains) from my user and, for a portal user, from my contact,
 * under the organisation's row-level security.
 */
async function countsOf(trx: Knex.Transaction, subject: ConsentSubject, userId: string, locale: Locale) {
  const verticals = ((await trx('tenants').first('verticals'))?.verticals as string[] | undefined) ?? [];
  const rows = new Map<string, Set<string>>();
  for (const who of subject.kind === 'contact' ? [{ kind: 'user', id: userId }, subject] : [{ kind: 'user', id: userId }]) {
    const plan = organisationSubjectPlan(who.kind, verticals);
    const located = plan ? await locateSubject(trx, plan, who.id) : undefined;
    for (const [table, found] of located?.tables ?? []) {
      const keys = rows.get(table) ?? new Set<string>();
      for (const r of found) keys.add(r.id !== undefined && r.id !== null ? String(r.id) : JSON.stringify(r));
      rows.set(table, keys);
    }
  }
  const { table: activityOf, name } = activitiesByTable(locale);
  const counts = new Map<string, number>();
  for (const [table, keys] of rows) {
    const activity = activityOf.get(table) ?? table;
    counts.set(activity, (counts.get(activity) ?? 0) + keys.size);
  }
  return [...counts].map(([kind, count]) => ({ kind, label: name.get(kind) ?? kind, count })).sort((a, b) => a.label.localeCompare(b.label, locale));
}

/** My profile and how much Relais holds about me, by processing activity (the access request's export lists them all). */
export async function describeMyData(trx: Knex.Transaction, principal: Principal, locale: Locale) {
  const subject = await mySubject(trx, principal);
  const user = await trx('users').where({ id: principal.userId }).first('id', 'email', 'displayName', 'type', 'accountId', 'createdAt');
  const account = user?.accountId ? await trx('accounts').where({ id: user.accountId }).first('id', 'name') : null;
  const roles = await trx('roles').whereIn('key', principal.roles).select('key', 'labelFr', 'labelEn');
  const contact = subject.kind === 'contact'
    ? await trx('contacts').where({ id: subject.id }).first('id', 'firstName', 'lastName', 'email', 'phone', 'mobile', 'jobTitle')
    : null;
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v ?? null);
  return {
    subject,
    profile: {
      id: String(user.id), email: String(user.email), displayName: String(user.displayName), type: String(user.type), createdAt: iso(user.createdAt),
      account: account ? { id: String(account.id), name: String(account.name) } : null, roles,
    },
    contact: contact ? {
      id: String(contact.id), firstName: contact.firstName ?? null, lastName: contact.lastName ?? null, email: contact.email ?? null,
      phone: contact.phone ?? null, mobile: contact.mobile ?? null, jobTitle: contact.jobTitle ?? null,
    } : null,
    counts: await countsOf(trx, subject, principal.userId, locale),
  };
}

export async function myConsents(ctx: RequestContext, locale: Locale) {
  return readConsents(ctx.trx, await mySubject(ctx.trx, ctx.principal), locale);
}

/**
 * My own grant or withdrawal: the source is the portal (« Mes données »), the text the purpose's current one.
 * No permission beyond being signed in: everyone decides for themself.
 */
export async function changeMyConsent(ctx: RequestContext, input: MyConsentInput) {
  const subject = await mySubject(ctx.trx, ctx.principal);
  return appendConsent(ctx, subject, { purpose: input.purpose, channel: input.channel, decision: input.decision, source: 'portal' });
}
