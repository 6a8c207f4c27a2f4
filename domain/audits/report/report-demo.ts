import type { Knex } from 'knex';
import { withTenant } from '../../../db/tenant-scope';
import { processContext } from '../../core/process-context';
import type { RequestContext } from '../../core/record-service';
import type { DemoTenantFacts } from '../../modules/vertical-module';
import { markReportDelivered } from './report-delivery';
import { DEFAULT_SECTIONS } from './report.schema';
import { getReport, reviewReport, submitReport, updateReport } from './reports';

/**
 * The report's part of Cassandre's demo (issue 16, ADR 0038), through the report's own actions: on a
 * delivered mission, a report approved after one round of changes (two versions, the lead's comments) and
 * marked delivered; on the mission « Relecture », a report waiting for the lead; on the mission
 * « Rédaction », one sent back with comments. Seeded once per mission (a report with a version is left as
 * it is); no such mission, nothing. Its findings and inventory are the capture demo's, frozen in the versions.
 */
const BODIES: Record<string, string> = {
  'cover-note': 'Madame, Monsieur,\n\nVous trouverez ci-joint le rapport de l’audit réalisé dans vos locaux. Nous restons à votre disposition pour le présenter à votre direction.',
  'executive-summary': 'Le niveau de sécurité observé est **moyen**. Les postes et le réseau sont correctement administrés au quotidien, mais **un serveur hors support** héberge des données sensibles et plusieurs équipements gardent leurs **mots de passe par défaut**.\n\nTrois actions prioritaires, réalisables en moins de trois mois, réduiraient nettement le risque :\n\n1. migrer ou isoler le serveur hors support ;\n2. désactiver SMBv1 ;\n3. changer les mots de passe par défaut des équipements réseau.',
  'scope-and-method': 'L’audit a porté sur le réseau interne, les serveurs et les postes de travail des sites visités.\n\n- entretiens avec le responsable informatique et les agents ;\n- relevé du matériel et de sa configuration ;\n- contrôles du *Guide d’hygiène informatique* de l’ANSSI et de l’ISO/IEC 27002:2022.',
  findings: 'Les constats sont classés par sévérité, évaluée par le score **CVSS 3.1** ou, pour les constats organisationnels, par la grille *vraisemblance × impact*.',
  recommendations: '## À court terme\n\n- isoler le serveur hors support dans un VLAN dédié ;\n- désactiver `SMBv1` sur le serveur de fichiers.\n\n## À moyen terme\n\n- planifier un test de restauration des sauvegardes chaque semestre ;\n- sensibiliser les agents au verrouillage de leur poste.',
  appendix: 'Le matériel relevé sur site figure ci-dessous ; les numéros de série sont réduits à leurs quatre derniers caractères.',
};

type Kind = 'delivered' | 'review' | 'changes';

async function seedOne(admin: Knex, tenant: DemoTenantFacts, missionId: string, kind: Kind, auditorId: string, leadId: string): Promise<void> {
  const as = (trx: Knex.Transaction, userId: string, role: string): RequestContext => {
    const base = processContext(trx, tenant.tenantId, 'demo-seed', ['audits.mission.read', 'audits.mission.update'], userId);
    return { ...base, principal: { ...base.principal, userId, type: 'internal', roles: [role] } };
  };
  await withTenant({ tenantId: tenant.tenantId, userId: auditorId }, async (trx) => {
    if (await trx('auditReports as r').join('auditReportVersions as v', 'v.reportId', 'r.id').where('r.missionId', missionId).first('v.id')) return;
    const auditor = as(trx, auditorId, 'auditor');
    const lead = as(trx, leadId, 'mission-lead');
    await getReport(auditor, missionId);
    const sections = DEFAULT_SECTIONS.map((s) => ({ key: s.key, title: s.title, body: BODIES[s.key] ?? '' }));
    // The executive summary as the assistant drafted it, accepted, then reworded by the auditor (delivered) or left for the review.
    const summary = sections.findIndex((s) => s.key === 'executive-summary');
    const drafted = sections.map((s, i) => (i === summary ? { ...s, origin: 'assistant' as const } : s));
    await updateReport(auditor, missionId, '*', { sections: kind === 'review' ? drafted : sections });
    await submitReport(auditor, missionId);
    if (kind === 'review') return;
    await reviewReport(lead, missionId, {
      decision: 'request-changes',
      comments: [
        { sectionKey: 'executive-summary', body: 'Chiffrez l’effort des trois actions prioritaires : la direction voudra un ordre de grandeur.' },
        { sectionKey: 'recommendations', body: 'Ajoutez une échéance à chaque recommandation.' },
      ],
    });
    if (kind === 'changes') return;
    const revised = sections.map((s) => (s.key === 'recommendations' ? { ...s, body: `${s.body}\n\nÉchéances proposées : court terme sous un mois, moyen terme sous six mois.` }
      : s.key === 'executive-summary' ? { ...s, body: `${s.body}\n\nEffort estimé : **quatre à six jours** de travail de l’équipe informatique.` } : s));
    await updateReport(auditor, missionId, '*', { sections: revised });
    await submitReport(auditor, missionId);
    await reviewReport(lead, missionId, { decision: 'approve', comments: [{ sectionKey: 'executive-summary', body: 'Parfait, prêt à livrer.' }] });
    const delivered = (await trx('auditMissions').where({ id: missionId }).first('deliveredAt')) as { deliveredAt: Date | null };
    await markReportDelivered(lead, missionId, delivered.deliveredAt ?? new Date());
  }, admin);
}

export async function seedReportDemo(admin: Knex, tenant: DemoTenantFacts): Promise<void> {
  const leadId = tenant.userIds['mission-lead'];
  if (!leadId) return;
  const missions = (await admin('auditMissions').where({ tenantId: tenant.tenantId }).whereIn('status', ['drafting', 'review', 'delivered']).orderBy('number')
    .select('id', 'status', 'auditorIds', 'leadId')) as Array<{ id: string; status: string; auditorIds: string[]; leadId: string | null }>;
  const pick = (status: string) => missions.find((m) => m.status === status);
  const plan: Array<[Kind, (typeof missions)[number] | undefined]> = [['delivered', pick('delivered')], ['review', pick('review')], ['changes', pick('drafting')]];
  for (const [kind, mission] of plan) {
    const auditorId = mission?.auditorIds[0];
    if (!mission || !auditorId) continue;
    await seedOne(admin, tenant, mission.id, kind, auditorId, mission.leadId && mission.leadId !== auditorId ? mission.leadId : leadId);
  }
}
