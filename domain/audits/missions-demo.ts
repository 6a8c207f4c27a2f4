import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { withTenant } from '../../db/tenant-scope';
import { appendHistory } from '../core/history';
import { nextNumber } from '../core/tenant-counter';
import type { DemoTenantFacts } from '../modules/vertical-module';
import type { MissionScope, MissionStatus } from './mission.schema';
import { MISSION_STATUSES } from './mission.schema';

/**
 * The missions' part of Cassandre's demo (issue 16): two more auditors (they sign in with the demo
 * password), then about ten missions across every status on the demo clients, with their sites, days
 * relative to today, lead and auditors (Yann Le Goff, the demo auditor, on some only), the quotes
 * billing's demo made for the same client, and each step on the mission's history. Seeded once: an
 * organisation that has missions is left alone.
 */
export const DEMO_AUDITORS = [
  { email: 'morgane.kerdraon@cassandre.demo', displayName: 'Morgane Kerdraon' },
  { email: 'thomas.riou@cassandre.demo', displayName: 'Thomas Riou' },
] as const;

interface DemoMission {
  title: string;
  account: string;
  status: MissionStatus;
  scopes: MissionScope[];
  /** Days from today: the mission's first and last day. */
  from: number;
  to: number;
  auditors: Array<'yann' | 'morgane' | 'thomas'>;
  sites: Array<{ name: string; from?: number; to?: number }>;
  summary?: string;
}

const MISSIONS: DemoMission[] = [
  { title: 'Audit organisationnel RGPD des services municipaux', account: 'Mairie de Quimper', status: 'new', scopes: ['documentation', 'access_rights', 'awareness'], from: 30, to: 34, auditors: [], sites: [{ name: 'Hôtel de ville' }] },
  { title: 'Audit de sécurité du réseau et des serveurs de la clinique', account: 'Clinique Saint-Michel', status: 'planned', scopes: ['network', 'servers', 'workstations'], from: 6, to: 9, auditors: ['yann', 'morgane'], sites: [{ name: 'Bâtiment A', from: 6, to: 8 }], summary: 'Préparation de la certification HDS : audit à blanc demandé par la direction.' },
  { title: 'Contrôle d’accès physique et vidéoprotection du centre technique', account: 'Mairie de Quimper', status: 'planned', scopes: ['physical_access', 'network'], from: 13, to: 14, auditors: ['thomas'], sites: [{ name: 'Centre technique', from: 13, to: 14 }] },
  { title: 'Audit des postes de travail et des droits d’accès de l’hôtel de ville', account: 'Mairie de Quimper', status: 'on_site', scopes: ['workstations', 'access_rights', 'applications'], from: -1, to: 2, auditors: ['yann', 'thomas'], sites: [{ name: 'Hôtel de ville', from: -1, to: 1 }, { name: 'Centre technique', from: 2, to: 2 }] },
  { title: 'Sensibilisation et audit de la messagerie de l’association', account: 'Association Les Amis du Port', status: 'on_site', scopes: ['awareness', 'applications'], from: 0, to: 0, auditors: ['morgane'], sites: [{ name: 'Local associatif', from: 0, to: 0 }] },
  { title: 'Audit du système d’information de l’accueil touristique', account: 'Office de tourisme de Concarneau', status: 'drafting', scopes: ['network', 'workstations', 'documentation'], from: -12, to: -10, auditors: ['morgane', 'thomas'], sites: [{ name: 'Bureau d’accueil', from: -12, to: -11 }] },
  { title: 'Audit des applications métier du dossier patient', account: 'Clinique Saint-Michel', status: 'review', scopes: ['applications', 'access_rights', 'servers'], from: -20, to: -17, auditors: ['yann'], sites: [{ name: 'Bâtiment A', from: -20, to: -18 }], summary: 'Rapport soumis à la relecture de la responsable de mission.' },
  { title: 'Audit de conformité documentaire (PSSI et chartes)', account: 'Mairie de Quimper', status: 'delivered', scopes: ['documentation', 'awareness'], from: -45, to: -42, auditors: ['thomas'], sites: [{ name: 'Hôtel de ville', from: -45, to: -44 }] },
  { title: 'Audit réseau du local associatif', account: 'Association Les Amis du Port', status: 'delivered', scopes: ['network', 'workstations'], from: -70, to: -69, auditors: ['yann', 'morgane'], sites: [{ name: 'Local associatif', from: -70, to: -70 }] },
  { title: 'Audit de sécurité des serveurs de la clinique (2025)', account: 'Clinique Saint-Michel', status: 'anonymised', scopes: ['servers', 'network'], from: -160, to: -156, auditors: ['morgane'], sites: [{ name: 'Bâtiment A', from: -160, to: -158 }] },
];

/** When a delivered mission was delivered (days after its last day): one due for anonymisation already, one still in its 30 days. */
const DELIVERED_AFTER = 5;

async function ensureAuditors(trx: Knex.Transaction, tenantId: string, yann: string): Promise<Record<'yann' | 'morgane' | 'thomas', string>> {
  const template = await trx('users').where({ tenantId, id: yann }).first('passwordHash');
  const role = await trx('roles').where({ tenantId, key: 'auditor' }).first('id');
  const ids: string[] = [];
  for (const person of DEMO_AUDITORS) {
    const existing = await trx('users').where({ tenantId }).whereRaw('lower(email) = lower(?)', [person.email]).first('id');
    const id: string = existing?.id ?? (await trx('users').insert({ tenantId, email: person.email, displayName: person.displayName, type: 'internal', passwordHash: template.passwordHash }).returning('id'))[0].id;
    if (role) await trx('userRoles').insert({ tenantId, userId: id, roleId: role.id }).onConflict().ignore();
    ids.push(id);
  }
  return { yann, morgane: ids[0]!, thomas: ids[1]! };
}

export async function seedMissionsDemo(admin: Knex, tenant: DemoTenantFacts): Promise<void> {
  const lead = tenant.userIds['mission-lead'];
  const yann = tenant.userIds.auditor;
  if (!lead || !yann) return;
  await withTenant({ tenantId: tenant.tenantId }, async (trx) => {
    const auditors = await ensureAuditors(trx, tenant.tenantId, yann);
    if (await trx('auditMissions').where({ tenantId: tenant.tenantId }).first('id')) return;
    const today = DateTime.now().setZone('Europe/Paris').startOf('day');
    const day = (offset: number) => today.plus({ days: offset }).toISODate()!;
    const accounts = new Map((await trx('accounts').select('id', 'name')).map((a: { id: string; name: string }) => [a.name, a.id]));
    const sites = await trx('sites').select('id', 'name', 'accountId');
    const quotes: Array<{ id: string; accountId: string; status: string }> = await trx('billingQuotes').whereNotNull('number').orderBy('createdAt').select('id', 'accountId', 'status');
    const used = new Set<string>();
    for (const demo of MISSIONS) {
      const accountId = accounts.get(demo.account);
      if (!accountId) continue;
      // A quote billing's demo made for this client (an accepted one first), each on one mission only.
      const quote = [...quotes].sort((a, b) => Number(b.status === 'accepted') - Number(a.status === 'accepted')).find((q) => q.accountId === accountId && !used.has(q.id));
      if (quote && demo.status !== 'new') used.add(quote.id);
      const deliveredAt = MISSION_STATUSES.indexOf(demo.status) >= MISSION_STATUSES.indexOf('delivered') ? today.plus({ days: demo.to + DELIVERED_AFTER, hours: 17 }).toJSDate() : null;
      const [row] = await trx('auditMissions').insert({
        tenantId: tenant.tenantId, number: await nextNumber(trx, tenant.tenantId, 'audit-mission'), accountId, title: demo.title, status: demo.status,
        scopes: demo.scopes, startsOn: day(demo.from), endsOn: day(demo.to), leadId: lead, auditorIds: demo.auditors.map((a) => auditors[a]),
        quoteId: quote && demo.status !== 'new' ? quote.id : null, summary: demo.summary ?? null, deliveredAt,
        anonymisedAt: demo.status === 'anonymised' ? today.plus({ days: demo.to + DELIVERED_AFTER + 31 }).toJSDate() : null, createdBy: lead,
      }).returning('id');
      const missionId = String(row.id);
      for (const site of demo.sites) {
        const siteId = sites.find((s: { name: string; accountId: string }) => s.name === site.name && s.accountId === accountId)?.id;
        if (!siteId) continue;
        await trx('auditMissionSites').insert({
          tenantId: tenant.tenantId, missionId, siteId, onSiteFrom: site.from === undefined ? null : day(site.from), onSiteTo: site.to === undefined ? null : day(site.to), createdBy: lead,
        });
      }
      // The mission's steps on its history, in order, as its lead made them.
      await appendHistory(trx, tenant.tenantId, { recordType: 'audit-mission', recordId: missionId, action: 'create', actorUserId: lead, changes: { title: { before: null, after: demo.title }, status: { before: null, after: 'new' } } });
      const steps = MISSION_STATUSES.slice(0, MISSION_STATUSES.indexOf(demo.status) + 1);
      for (let i = 1; i < steps.length; i++) {
        await appendHistory(trx, tenant.tenantId, { recordType: 'audit-mission', recordId: missionId, action: 'update', actorUserId: lead, requestId: 'demo-seed', changes: { status: { before: steps[i - 1], after: steps[i] } } });
      }
    }
  }, admin);
}
