import type { Knex } from 'knex';
import type { SecretBox } from '../core/secret-box';
import type { SandboxMember, SandboxMemberStore } from '../../integrations/alumni-network/sandbox.adapter';
import { StaleVersionError, UnprocessableError, ValidationError } from '../errors';
import { alumniMessage as m } from './alumni.messages';
import type { AlumnetConnectionPut, AlumnetConnectionView } from './alumni.schema';

/**
 * An organisation's Alumnet connection (`school_alumnet_connections`, ADR 0051): the adapter, the address, the
 * API key sealed by the secret box bound to the organisation (a sealed key copied elsewhere does not open),
 * enabled or not, and the network's clock of the last pull. The key is opened only to call the network.
 */
type Row = Record<string, unknown>;

export const apiKeyContext = (tenantId: string) => `${tenantId}/school-alumnet/api-key`;

export interface OpenedAlumnetConnection {
  adapter: 'sandbox' | 'alumnet';
  baseUrl: string | null;
  apiKey: string | null;
  enabled: boolean;
  settings: { outage?: boolean };
  pullCursor: string | null;
}

const iso = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);

export async function connectionRow(trx: Knex.Transaction): Promise<Row | undefined> {
  return trx('schoolAlumnetConnections').first();
}

/** The connection with its key opened (the sync and the connection test only); null when none. */
export async function openAlumnetConnection(trx: Knex.Transaction, tenantId: string, box: SecretBox): Promise<OpenedAlumnetConnection | null> {
  const row = await connectionRow(trx);
  if (!row) return null;
  return {
    adapter: row.adapter as 'sandbox' | 'alumnet',
    baseUrl: (row.baseUrl as string | null) ?? null,
    apiKey: row.apiKeySealed ? box.open(String(row.apiKeySealed), apiKeyContext(tenantId)) : null,
    enabled: Boolean(row.enabled),
    settings: (row.settings as { outage?: boolean }) ?? {},
    pullCursor: iso(row.pullCursor),
  };
}

/** Writes the connection (the one write path): Alumnet needs an address and a key, stored or given now. */
export async function saveAlumnetConnection(trx: Knex.Transaction, tenantId: string, userId: string | null, input: AlumnetConnectionPut & { settings: { outage?: boolean } }, box: SecretBox, expectedVersion?: number): Promise<void> {
  const current = await trx('schoolAlumnetConnections').forUpdate().first();
  if (current && expectedVersion !== undefined && Number(current.version) !== expectedVersion) throw new StaleVersionError(Number(current.version));
  if (input.adapter === 'alumnet' && !input.baseUrl) throw new UnprocessableError(m('school.alumni.alumnet-needs-url'));
  // The API key travels with every call: never in clear over the network (http only towards this machine).
  if (input.baseUrl && !safeBaseUrl(input.baseUrl)) throw new ValidationError([{ field: 'baseUrl', message: m('school.alumni.base-url-https') }]);
  const apiKeySealed = input.apiKey ? box.seal(input.apiKey, apiKeyContext(tenantId)) : (current?.apiKeySealed as string | null | undefined) ?? null;
  if (input.adapter === 'alumnet' && !apiKeySealed) throw new UnprocessableError(m('school.alumni.alumnet-needs-key'));
  const values = {
    adapter: input.adapter, baseUrl: input.baseUrl ?? null, apiKeySealed, enabled: input.enabled,
    settings: JSON.stringify(input.adapter === 'sandbox' ? input.settings : {}), updatedBy: userId,
  };
  // Another network (or another address) is another history: the next pull starts from the beginning.
  const sameNetwork = current && current.adapter === input.adapter && (current.baseUrl ?? null) === (input.baseUrl ?? null);
  if (current) await trx('schoolAlumnetConnections').update({ ...values, ...(sameNetwork ? {} : { pullCursor: null }), version: trx.raw('version + 1') });
  else await trx('schoolAlumnetConnections').insert({ tenantId, ...values });
}

const LOCAL = new Set(['localhost', '127.0.0.1', '[::1]']);

export function safeBaseUrl(value: string): boolean {
  const url = new URL(value);
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL.has(url.hostname));
}

export async function noteConnectionTest(trx: Knex.Transaction, ok: boolean): Promise<void> {
  await trx('schoolAlumnetConnections').update({ lastTestedAt: trx.fn.now(), lastTestOk: ok });
}

/** The sandbox network's members in its table (school_alumnet_sandbox_members), one transaction per call. */
export function sandboxStore(tenantId: string, inTenant: <T>(fn: (trx: Knex.Transaction) => Promise<T>) => Promise<T>): SandboxMemberStore {
  const toMember = (r: Row): SandboxMember => ({
    memberId: String(r.memberId), externalRef: (r.externalRef as string | null) ?? null,
    identity: { lastName: String(r.lastName), firstName: String(r.firstName), promotion: r.promotion === null ? null : Number(r.promotion), cursus: (r.cursus as string | null) ?? null },
    career: { employer: (r.employer as string | null) ?? null, jobTitle: (r.jobTitle as string | null) ?? null, city: (r.city as string | null) ?? null, since: (r.since as string | null) ?? null },
    professionalEmail: (r.professionalEmail as string | null) ?? null, professionalPhone: (r.professionalPhone as string | null) ?? null,
    updatedAt: new Date(r.updatedAt as string).toISOString(),
  });
  const columns = ['memberId', 'externalRef', 'lastName', 'firstName', 'promotion', 'cursus', 'employer', 'jobTitle', 'city', 'since', 'professionalEmail', 'professionalPhone', 'updatedAt'];
  return {
    changedSince: (since) => inTenant(async (trx) => {
      const qb = trx('schoolAlumnetSandboxMembers').select(columns).orderBy(['updatedAt', 'memberId']);
      if (since) qb.where('updatedAt', '>', since);
      return (await qb).map(toMember);
    }),
    byExternalRef: (ref) => inTenant(async (trx) => {
      const row = await trx('schoolAlumnetSandboxMembers').where({ externalRef: ref }).first(columns);
      return row ? toMember(row) : null;
    }),
    save: (member) => inTenant(async (trx) => {
      const values = {
        externalRef: member.externalRef, lastName: member.identity.lastName, firstName: member.identity.firstName, promotion: member.identity.promotion,
        cursus: member.identity.cursus, employer: member.career.employer, jobTitle: member.career.jobTitle, city: member.career.city, since: member.career.since,
        professionalEmail: member.professionalEmail, professionalPhone: member.professionalPhone, updatedAt: member.updatedAt,
      };
      await trx('schoolAlumnetSandboxMembers').insert({ tenantId, memberId: member.memberId, ...values }).onConflict(['tenantId', 'memberId']).merge(values);
    }),
    removeByExternalRef: (ref) => inTenant(async (trx) => { await trx('schoolAlumnetSandboxMembers').where({ externalRef: ref }).delete(); }),
    now: () => inTenant(async (trx) => new Date((await trx.first(trx.raw('clock_timestamp() as now'))).now as string).toISOString()),
  };
}

/** The connection as the settings page shows it (the key: only whether it is set) with its latest runs. */
export async function connectionView(trx: Knex.Transaction, runs: AlumnetConnectionView['runs']): Promise<AlumnetConnectionView> {
  const row = await connectionRow(trx);
  return {
    configured: Boolean(row), adapter: (row?.adapter as 'sandbox' | 'alumnet' | undefined) ?? 'sandbox', baseUrl: (row?.baseUrl as string | null | undefined) ?? null,
    apiKeySet: Boolean(row?.apiKeySealed), enabled: Boolean(row?.enabled), settings: (row?.settings as { outage?: boolean } | undefined) ?? {},
    lastPulledUntil: iso(row?.pullCursor), lastTestedAt: iso(row?.lastTestedAt), lastTestOk: row?.lastTestOk === undefined || row?.lastTestOk === null ? null : Boolean(row.lastTestOk),
    version: Number(row?.version ?? 0), runs,
  };
}
