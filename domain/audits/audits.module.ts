import { ACCOUNTS_LEAD, CORE_RECORDS, assignedOnly, billingRead, billingWrite, commsAdmin, commsRead, commsSend, each, finance, margin, on, role, smoke, users } from '../identity/grants';
import type { DomainModule } from '../modules/vertical-module';
import { planningManage, planningTeamMember } from '../planning/grants';
import { anonymisationMessages } from './anonymisation.messages';
import { assistantMessages } from './assistant.messages';
import { auditsPersonalData } from './audits.personal-data';
import { captureMessages } from './capture.messages';
import { catalogueGrants, catalogueResources } from './catalogue.grants';
import { catalogueMessages } from './catalogue.messages';
import { seedAuditsDemo } from './demo-seed';
import { missionSample } from './mission-samples';
import { missionsToPlan } from './mission-planning';
import { auditMissions } from './missions';
import { missionsMessages } from './missions.messages';
import { auditProcessManifest } from './process.manifest';
import { reportMessages } from './report/report.messages';

/** Audits (spec 000): its starting roles; its records, forms and processes come with the vertical. */
export const auditsModule: DomainModule = {
  key: 'audits',
  personalData: auditsPersonalData,
  seedDemo: seedAuditsDemo,
  kind: 'vertical',
  label: { fr: 'Audits', en: 'Audits' },
  roles: [
    role('mission-lead', 'Responsable de mission', 'Mission lead', 'internal', [...each(CORE_RECORDS, 'rcu=all'), ...on('core.contact', 'd=all'), ...on('core.site', 'd=all'), ...on('core.catalogue', 'r=all'), ...finance(), ...smoke, ...commsSend, ...billingRead, ...planningManage,
      ...on('audits.mission', 'rcud=all'), ...catalogueGrants.missionLead], ACCOUNTS_LEAD),
    role('auditor', 'Auditeur', 'Auditor', 'internal', [...assignedOnly, ...commsRead, ...planningTeamMember,
      // Only the missions they are named on (auditor_ids, ADR 0033): another mission answers 404.
      ...on('audits.mission', 'r=assigned'), ...catalogueGrants.auditor]),
    role('administration', 'Service administratif', 'Administration', 'internal', [...each(CORE_RECORDS, 'rcu=all'), ...on('core.billing-site', 'd=all'), ...on('core.catalogue', 'rcud=all'), ...finance(), ...margin, ...users, ...commsAdmin, ...billingWrite,
      ...on('audits.mission', 'rcu=all'), ...catalogueGrants.administration]),
    role('candidate', 'Candidat', 'Candidate', 'candidate', on('core.catalogue', 'r=all')),
  ],
  resources: {
    'audits.mission': 'AuditMission',
    ...catalogueResources,
  },
  // The sites of missions to plan, on the agenda's side list (planning context).
  plannables: [missionsToPlan],
  records: [
    {
      resource: auditMissions, path: 'audits/missions', label: { fr: 'mission', en: 'mission', frPlural: 'missions', enPlural: 'missions' },
      // Found by its number, its title or its client's name (an auditor: their missions only, by the read scope).
      search: {
        names: ['t.search_name', 'a.search_name'], words: [{ column: 't.search', config: 'french' }, { column: 'a.search', config: 'french' }], number: 't.number',
        show: { title: 't.title', subtitle: 'a.name', accountId: 't.account_id' },
      },
      personalDataColumns: ['summary'], sample: missionSample,
    },
  ],
  messages: { ...assistantMessages, ...captureMessages, ...missionsMessages, ...catalogueMessages, ...anonymisationMessages, ...reportMessages },
  ...auditProcessManifest,
};
