import type { Knex } from 'knex';
import { UnprocessableError } from '../errors';
import { consentAllows } from '../gdpr/consent-ledger';
import type { BusinessLabelResolver } from '../modules/vertical-module';
import type { Locale } from '../i18n/messages';
import { onboardingMessage as m } from './account-onboarding.messages';
import { checkLegalIdentity, type LegalIdentityCheck } from './legal-identity';
import { getRecord, isUuid, updateRecord, type RequestContext } from './record-service';
import { accounts } from './resources';

/**
 * « Accueil d'un nouveau compte client » (`workflows/core/account-onboarding.bpmn`), the core's process
 * every organisation has: started for one account (its id is the business key) from the account's panel or
 * `POST /api/v1/accounts/{id}/onboarding`, never by creating an account. It reads the account, checks its
 * legal identity, has a manager name its owner when it has none, has the owner complete its contacts and
 * sites when they are missing, sends the welcome mail to a contact who consented to mail, then waits
 * `satisfactionDelay` (a variable: tests shorten it) for the owner's satisfaction check.
 */
export const ACCOUNT_ONBOARDING = 'core.account-onboarding';

export interface AccountOnboardingDurations {
  /** Between the welcome and the satisfaction check (ISO 8601; « J+30 »). */
  satisfactionDelay: string;
}

export const DEFAULT_ACCOUNT_ONBOARDING_DURATIONS: AccountOnboardingDurations = { satisfactionDelay: 'P30D' };

export function accountOnboardingVariables(accountId: string, durations: AccountOnboardingDurations = DEFAULT_ACCOUNT_ONBOARDING_DURATIONS) {
  return { accountId, ...durations };
}

/** What the process reads of the account: its owner, and whether the contacts and sites a follow-up needs are there. */
export interface AccountStanding {
  accountId: string;
  name: string;
  ownerId: string | null;
  contacts: number;
  sites: number;
  /** At least one contact that can be reached (an email or a phone) and one site. */
  complete: boolean;
}

export async function accountStanding(ctx: RequestContext, accountId: string): Promise<AccountStanding> {
  const account = await getRecord(ctx, accounts, accountId);
  const [counts] = await ctx.trx.raw<{ rows: Array<{ contacts: number; reachable: number; sites: number }> }>(`
    select (select count(*)::int from contacts where account_id = ?) as contacts,
           (select count(*)::int from contacts where account_id = ? and (email is not null or phone is not null or mobile is not null)) as reachable,
           (select count(*)::int from sites where account_id = ?) as sites
  `, [accountId, accountId, accountId]).then((r) => r.rows);
  return {
    accountId, name: String(account.name), ownerId: (account.ownerId as string | null) ?? null,
    contacts: counts!.contacts, sites: counts!.sites, complete: counts!.reachable > 0 && counts!.sites > 0,
  };
}

export async function accountLegalIdentity(ctx: RequestContext, accountId: string): Promise<LegalIdentityCheck> {
  return checkLegalIdentity(await getRecord(ctx, accounts, accountId) as Parameters<typeof checkLegalIdentity>[0]);
}

/**
 * The people who may own an account: active internal collaborators whose roles let them edit accounts
 * and create contacts (an owner completes the account), whatever the organisation calls those roles.
 */
export async function accountOwnerCandidates(trx: Knex.Transaction): Promise<Array<{ id: string; displayName: string }>> {
  const holds = (permission: string) => trx('userRoles as ur').join('permissionGrants as g', 'g.roleId', 'ur.roleId')
    .whereRaw('ur.user_id = u.id').where('g.permission', permission).select(trx.raw('1'));
  return trx('users as u').where({ 'u.active': true, 'u.type': 'internal' })
    .whereExists(holds('core.account.update')).whereExists(holds('core.contact.create'))
    .orderBy('u.displayName').select('u.id', 'u.displayName');
}

/** Names the account's owner (the manager's choice); naming the current owner again changes nothing. */
export async function appointAccountOwner(ctx: RequestContext, accountId: string, ownerId: string): Promise<{ ownerId: string }> {
  const eligible = isUuid(ownerId) && (await accountOwnerCandidates(ctx.trx)).some((u) => u.id === ownerId);
  if (!eligible) throw new UnprocessableError(m('onboarding.owner-not-eligible'), { errors: [{ field: 'ownerId', message: m('onboarding.owner-not-eligible') }] });
  const account = await getRecord(ctx, accounts, accountId);
  if (account.ownerId !== ownerId) await updateRecord(ctx, accounts, accountId, account.version as number, { ownerId });
  return { ownerId };
}

/**
 * The welcome mail: to the account's first contact with an email and a mail consent still in force
 * (a contact assigned to communications first), in the organisation's language, signed by the owner.
 * `contactId` null: nobody may be written to, nothing is sent.
 */
export async function welcomeMessage(ctx: RequestContext, accountId: string): Promise<{ contactId: string | null; subject: string | null; body: string | null }> {
  const account = await getRecord(ctx, accounts, accountId);
  const candidates: Array<{ id: string; firstName: string | null; lastName: string | null }> = await ctx.trx('contacts as c')
    .where('c.accountId', accountId).whereNotNull('c.email')
    .orderByRaw("(exists (select 1 from contact_assignments a where a.contact_id = c.id and a.purpose = 'communications')) desc, c.created_at, c.id")
    .select('c.id', 'c.firstName', 'c.lastName');
  let contact: (typeof candidates)[number] | undefined;
  for (const c of candidates) {
    if (await consentAllows(ctx.trx, { kind: 'contact', id: c.id }, 'comms.marketing', 'mail')) {
      contact = c;
      break;
    }
  }
  if (!contact) return { contactId: null, subject: null, body: null };
  const tenant: { name: string; locale: string } = await ctx.trx('tenants').first('name', 'locale');
  const owner = account.ownerId ? await ctx.trx('users').where({ id: account.ownerId }).first('displayName') : undefined;
  const locale: Locale = tenant.locale === 'en' ? 'en' : 'fr';
  return {
    contactId: contact.id,
    subject: m('onboarding.welcome-subject', { tenant: tenant.name }).render(locale),
    body: m('onboarding.welcome-body', {
      firstName: contact.firstName ?? contact.lastName ?? '', tenant: tenant.name, account: String(account.name), owner: owner?.displayName ?? null,
    }).render(locale),
  };
}

/** « Boulangerie Le Fournil — compte n° 4 »: the account of each instance (its `accountId`, else its business key). One query for the page. */
export const accountOnboardingLabel: BusinessLabelResolver = async (trx, instances, locale) => {
  const idOf = (i: (typeof instances)[number]) => {
    const fromVariables = i.variables?.accountId;
    return isUuid(fromVariables) ? fromVariables : isUuid(i.businessKey) ? i.businessKey : null;
  };
  const ids = [...new Set(instances.map(idOf).filter((id): id is string => id !== null))];
  if (!ids.length) return new Map();
  const rows: Array<{ id: string; name: string; number: number }> = await trx('accounts').whereIn('id', ids).select('id', 'name', 'number');
  const byId = new Map(rows.map((r) => [r.id, r]));
  const labels = new Map<string, string>();
  for (const instance of instances) {
    const row = byId.get(idOf(instance) ?? '');
    if (row) labels.set(instance.businessKey, m('onboarding.label', { account: row.name, number: row.number }).render(locale));
  }
  return labels;
};
