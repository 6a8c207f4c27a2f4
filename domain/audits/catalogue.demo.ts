import type { Knex } from 'knex';
import type { DemoTenantFacts } from '../modules/vertical-module';
import { DEMO_CHECK_POINTS } from './catalogue-demo-points';
import type { AuditScope, CheckAnswer } from './catalogue.schema';
import { DEMO_LIBRARY_FINDINGS } from './library-demo-findings';

/**
 * The catalogue area's demo (issue 16): some sixty real check points across the eight scopes, fifteen
 * reusable findings, and the checklists of the demo missions answered as far as their status goes (none
 * before « Sur site », half on site, all from « Rédaction » on). Idempotent: a code, a title or a mission's
 * checklist already there is left alone; no mission yet, no checklist.
 */
const ANSWERED_SHARE: Record<string, number> = { new: 0, planned: 0, on_site: 0.5, drafting: 1, review: 1, delivered: 1, anonymised: 1 };

/** What the auditors wrote for the non-compliant points the demo shows (the rest say nothing more). */
const OBSERVATIONS: Record<string, string> = {
  'RES-03': 'Le Wi-Fi « Invites » donne accès au serveur de fichiers et aux imprimantes du rez-de-chaussée.',
  'RES-07': 'Le bureau à distance est publié sur Internet (port 3389) avec un simple mot de passe.',
  'SRV-01': 'Deux serveurs sous Windows Server 2012 R2 (contrôleur de domaine secondaire et application de paie).',
  'SRV-03': 'SMBv1 activé sur le serveur de fichiers pour un copieur ancien.',
  'SRV-04': 'Sauvegarde quotidienne sur un NAS du même réseau ; aucun test de restauration documenté.',
  'PST-02': 'Même mot de passe administrateur local sur les postes échantillonnés ; LAPS non déployé.',
  'PHY-03': 'Aucun registre des visiteurs ; nous avons circulé seuls jusqu’au deuxième étage.',
  'SEN-02': 'Aucune campagne d’hameçonnage simulée depuis la création de la structure.',
  'DRT-02': 'Quatre comptes de personnes parties en 2025 sont encore actifs.',
  'DOC-02': 'Stratégie du domaine : 8 caractères minimum, pas de verrouillage après échecs.',
};

/** A deterministic answer for the demo: most points compliant, the ones above not, some not applicable. */
function demoAnswer(code: string, index: number): CheckAnswer {
  if (OBSERVATIONS[code]) return 'non_compliant';
  return index % 9 === 4 ? 'not_applicable' : 'compliant';
}

async function seedCheckPoints(admin: Knex, tenantId: string, lead: string | null): Promise<void> {
  const existing = new Set(await admin('auditCheckPoints').where({ tenantId }).pluck('code') as string[]);
  const rows = (Object.entries(DEMO_CHECK_POINTS) as Array<[AuditScope, typeof DEMO_CHECK_POINTS[AuditScope]]>)
    .flatMap(([scope, points]) => points.map(([code, title, guidance, references, expectedEvidence, appliesTo], i) => ({
      tenantId, code, scope, title, guidance, references, expectedEvidence, appliesTo, position: (i + 1) * 10, createdBy: lead,
    })))
    .filter((r) => !existing.has(r.code));
  if (rows.length) await admin('auditCheckPoints').insert(rows);
}

async function seedLibrary(admin: Knex, tenantId: string, lead: string | null): Promise<void> {
  const existing = new Set(await admin('auditLibraryFindings').where({ tenantId }).pluck('title') as string[]);
  const rows = DEMO_LIBRARY_FINDINGS.filter((f) => !existing.has(f.title)).map((f) => ({ ...f, tenantId, createdBy: lead }));
  if (rows.length) await admin('auditLibraryFindings').insert(rows);
}

async function seedChecklists(admin: Knex, tenantId: string): Promise<void> {
  const missions = await admin('auditMissions').where({ tenantId }).whereNotExists(
    admin('auditMissionChecks').whereRaw('audit_mission_checks.mission_id = audit_missions.id').select(admin.raw('1')),
  ).select('id', 'status', 'scopes', 'leadId', 'auditorIds', 'startsOn', 'anonymisedAt') as Array<Record<string, unknown>>;
  for (const m of missions) {
    const scopes = m.scopes as string[];
    if (!scopes.length) continue;
    const points = await admin('auditCheckPoints').where({ tenantId }).whereNull('retiredAt').whereIn('scope', scopes)
      .orderBy([{ column: 'scope' }, { column: 'position' }, { column: 'code' }]) as Array<Record<string, unknown>>;
    const share = ANSWERED_SHARE[String(m.status)] ?? 0;
    const answeredCount = Math.round(points.length * share);
    const by = ((m.auditorIds as string[])[0] ?? m.leadId ?? null) as string | null;
    const at = m.startsOn ? new Date(m.startsOn as string | Date) : new Date();
    const anonymised = m.status === 'anonymised';
    await admin('auditMissionChecks').insert(points.map((p, i) => {
      const answer = i < answeredCount ? demoAnswer(String(p.code), i) : 'not_checked';
      const observation = answer === 'non_compliant' && !anonymised ? OBSERVATIONS[String(p.code)] ?? null : null;
      return {
        tenantId, missionId: m.id, checkPointId: p.id, code: p.code, scope: p.scope, catalogueVersion: p.catalogueVersion,
        title: p.title, guidance: p.guidance, references: p.references, expectedEvidence: p.expectedEvidence, position: p.position,
        answer, observation, answeredBy: answer === 'not_checked' ? null : by, answeredAt: answer === 'not_checked' ? null : at,
        version: answer === 'not_checked' ? 1 : 2,
      };
    }));
  }
}

export async function seedCatalogueDemo(admin: Knex, tenant: DemoTenantFacts): Promise<void> {
  const lead = tenant.userIds['mission-lead'] ?? null;
  await seedCheckPoints(admin, tenant.tenantId, lead);
  await seedLibrary(admin, tenant.tenantId, lead);
  await seedChecklists(admin, tenant.tenantId);
}
