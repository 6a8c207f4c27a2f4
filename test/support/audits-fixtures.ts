import type { Knex } from 'knex';
import { loginAs, type TestContext } from './api';
import { createOwnTenant, type OwnTenant } from './fixtures';

/**
 * Two audit firms of a test file's own (issue 16) and their people signed in: the firm's mission lead,
 * auditor, administration and candidate, and the other firm's mission lead (who must never see anything).
 */
export interface AuditFirms {
  firm: OwnTenant;
  other: OwnTenant;
  lead: string;
  auditor: string;
  administration: string;
  candidate: string;
  otherLead: string;
}

export async function auditFirms(t: TestContext, prefix: string): Promise<AuditFirms> {
  const [firm, other] = await Promise.all([createOwnTenant(t.admin, prefix, ['audits']), createOwnTenant(t.admin, `${prefix}-other`, ['audits'])]);
  const [lead, auditor, administration, candidate, otherLead] = (await Promise.all([
    loginAs(t.app, 'mission-lead', firm.slug), loginAs(t.app, 'auditor', firm.slug), loginAs(t.app, 'administration', firm.slug),
    loginAs(t.app, 'candidate', firm.slug), loginAs(t.app, 'mission-lead', other.slug),
  ])).map((l) => l.accessToken) as [string, string, string, string, string];
  return { firm, other, lead, auditor, administration, candidate, otherLead };
}

/** A mission on site for a new client account, led by the tenant's mission lead, naming `auditorIds`. */
export async function auditMission(admin: Knex, tenant: OwnTenant, number: number, auditorIds: string[]): Promise<string> {
  const [account] = await admin('accounts').insert({ tenantId: tenant.tenantId, number, name: `Mairie ${number}` }).returning('id');
  const [row] = await admin('auditMissions').insert({
    tenantId: tenant.tenantId, number, accountId: account.id, title: `Audit de la mairie ${number}`, status: 'on_site',
    scopes: ['network', 'servers'], leadId: tenant.userIds['mission-lead'], auditorIds,
  }).returning('id');
  return row.id as string;
}

/** A mission on site for the « Mairie de Quimper », with its site « Hôtel de ville » (the capture's screens). */
export async function auditMissionOnSite(admin: Knex, tenant: OwnTenant): Promise<{ missionId: string; siteId: string }> {
  const missionId = await auditMission(admin, tenant, 1, [tenant.userIds.auditor!]);
  const { accountId } = await admin('auditMissions').where({ id: missionId }).first('accountId');
  const [site] = await admin('sites').insert({ tenantId: tenant.tenantId, accountId, name: 'Hôtel de ville', city: 'Quimper' }).returning('id');
  await admin('auditMissionSites').insert({ tenantId: tenant.tenantId, missionId, siteId: site.id });
  return { missionId, siteId: site.id as string };
}
