import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { withTenant } from '../../db/tenant-scope';
import type { DemoTenantFacts } from '../modules/vertical-module';
import { requestProcessStart } from '../process/start-requests';
import { addDays, anonymiseDay, daysOnSite, monthOf, ZONE } from './anonymisation-rules';
import { AUDIT_TO_ANONYMISE, missionProcessVariables } from './mission-process';

/**
 * The process area's part of Cassandre's demo (issue 16, ADR 0039), after the missions and their reports:
 * - every mission not anonymised gets its `audits.audit-to-anonymise` (asked for here, started once by the
 *   API when it starts: a planned mission waits for its first day on site, one on site has its auditors'
 *   tasks, one in drafting or review waits for its report, a delivered one for its anonymisation day);
 * - the firm keeps the documentary audit 50 days (its client asked), so it waits a couple of weeks more;
 *   the associative network audit was postponed once by the mission lead (a counter-audit), with its reason;
 * - the mission anonymised last year has its statistics row (« historique anonymisé des missions »).
 * Idempotent: a start asked twice is asked once; rows already there stay.
 */
export async function seedProcessDemo(admin: Knex, tenant: DemoTenantFacts): Promise<void> {
  const lead = tenant.userIds['mission-lead'];
  if (!lead) return;
  const missions: Array<Record<string, any>> = await withTenant({ tenantId: tenant.tenantId }, async (trx) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const today = DateTime.now().setZone(ZONE).toISODate()!;
    const rows: Array<Record<string, any>> = await trx('auditMissions').orderBy('number').select('id', 'title', 'status', 'deliveredAt', 'scopes', 'startsOn', 'retentionDays', 'anonymisationPostponedUntil', 'accountId'); // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const m of rows.filter((r) => r.status === 'delivered' && r.deliveredAt)) {
      if (m.title.startsWith('Audit de conformité documentaire')) {
        if (m.retentionDays) continue;
        const days = Math.max(30, Math.round((Date.now() - (m.deliveredAt as Date).getTime()) / 86_400_000) + 14);
        await trx('auditMissions').where({ id: m.id }).update({ retentionDays: days, anonymiseOn: anonymiseDay(m.deliveredAt, days) });
      } else if (!m.anonymisationPostponedUntil) {
        const until = addDays(today, 21);
        await trx('auditMissions').where({ id: m.id }).update({
          anonymiseOn: until, anonymisationPostponedUntil: until, anonymisationPostponedBy: lead, anonymisationPostponedAt: new Date(),
          anonymisationPostponeReason: 'Contre-audit prévu par le client : garder les relevés jusque-là.',
        });
      }
    }
    for (const m of rows.filter((r) => r.status === 'anonymised')) {
      const sites: Array<{ city: string | null; postalCode: string | null; onSiteFrom: string | null; onSiteTo: string | null }> = await trx('auditMissionSites as ms').join('sites as s', 's.id', 'ms.siteId')
        .where('ms.missionId', m.id).select('s.city', 's.postalCode', 'ms.onSiteFrom', 'ms.onSiteTo');
      await trx('auditMissionStatistics').insert({
        tenantId: tenant.tenantId, missionId: m.id, month: monthOf(String(m.startsOn ?? today)), scopes: m.scopes, sector: '86',
        town: sites[0]?.city ?? 'Quimper', department: sites[0]?.postalCode?.slice(0, 2) ?? '29', sites: sites.length || 1,
        daysOnSite: daysOnSite(sites.map((s) => ({ from: s.onSiteFrom, to: s.onSiteTo }))) || 3,
        findingsBySeverity: JSON.stringify({ critical: 1, high: 3, medium: 5, low: 2 }), checksByAnswer: JSON.stringify({ compliant: 14, non_compliant: 6, not_applicable: 2 }), inventoryItems: 11,
      }).onConflict(['tenantId', 'missionId']).ignore();
    }
    return rows;
  }, admin);
  for (const m of missions.filter((r) => r.status !== 'anonymised')) {
    await requestProcessStart(admin, tenant.tenantId, { processKey: AUDIT_TO_ANONYMISE, businessKey: String(m.id), variables: missionProcessVariables(String(m.id)) });
  }
}
