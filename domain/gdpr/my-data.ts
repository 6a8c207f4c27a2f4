import type { Knex } from 'knex';
import type { RequestContext } from '../core/record-service';
import type { Principal } from '../identity/ability';
import type { Locale } from '../i18n/messages';
import type { ConsentSubject, MyConsentInput } from './consent.schemas';
import { appendConsent, readConsents } from './consent-ledger';

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

async function count(q: Knex.QueryBuilder): Promise<number> {
  const row = await q.count<{ n: string }[]>('* as n').first();
  return Number(row?.n ?? 0);
}

/**
 * My profile and how many of each kind of data are about me (the access request's export lists them all):
 * counted under the organisation's row-level security, so nothing of another organisation is counted.
 */
export async function describeMyData(trx: Knex.Transaction, principal: Principal) {
  const subject = await mySubject(trx, principal);
  const user = await trx('users').where({ id: principal.userId }).first('id', 'email', 'displayName', 'type', 'accountId', 'createdAt');
  const account = user?.accountId ? await trx('accounts').where({ id: user.accountId }).first('id', 'name') : null;
  const roles = await trx('roles').whereIn('key', principal.roles).select('key', 'labelFr', 'labelEn');
  const contact = subject.kind === 'contact'
    ? await trx('contacts').where({ id: subject.id }).first('id', 'firstName', 'lastName', 'email', 'phone', 'mobile', 'jobTitle')
    : null;
  const me = principal.userId;
  const counts: Array<{ kind: string; count: number }> = [
    { kind: 'sessions', count: await count(trx('refreshTokens').where({ userId: me })) },
    { kind: 'security-events', count: await count(trx('auditLog').where({ actorUserId: me })) },
    { kind: 'changes-made', count: await count(trx('history').where({ actorUserId: me })) },
    { kind: 'tasks', count: await count(trx('tasks').where({ assignee: me })) },
    { kind: 'messages-sent', count: await count(trx('messages').where({ sentByUserId: me })) },
    { kind: 'messages-received', count: await count(trx('messages').where((q) => {
      if (contact) q.where({ contactId: contact.id });
      if (user?.email) q.orWhereRaw('lower(recipient) = lower(?)', [user.email]);
      if (!contact && !user?.email) q.whereRaw('false');
    })) },
    { kind: 'consent-entries', count: await count(trx('gdprConsentEntries').where({ subjectKind: subject.kind, subjectId: subject.id })) },
  ];
  if (contact) counts.push({ kind: 'contact-history', count: await count(trx('history').where({ recordType: 'contact', recordId: contact.id })) });
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
    counts,
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
