import { ACCOUNTS_LEAD, CORE_RECORDS, assignedOnly, billingRead, billingWrite, commsAdmin, commsRead, commsSend, each, finance, margin, on, role, smoke, users } from '../identity/grants';
import type { DomainModule } from '../modules/vertical-module';
import { planningManage, planningTeamMember } from '../planning/grants';
import { auditsPersonalData } from './audits.personal-data';
import { catalogueGrants, catalogueResources } from './catalogue.grants';
import { catalogueMessages } from './catalogue.messages';
import { seedAuditsDemo } from './demo-seed';

/** Audits (spec 000): its starting roles; its records, forms and processes come with the vertical. */
export const auditsModule: DomainModule = {
  key: 'audits',
  personalData: auditsPersonalData,
  seedDemo: seedAuditsDemo,
  kind: 'vertical',
  label: { fr: 'Audits', en: 'Audits' },
  roles: [
    role('mission-lead', 'Responsable de mission', 'Mission lead', 'internal', [...each(CORE_RECORDS, 'rcu=all'), ...on('core.contact', 'd=all'), ...on('core.site', 'd=all'), ...on('core.catalogue', 'r=all'), ...finance(), ...smoke, ...commsSend, ...billingRead, ...planningManage, ...catalogueGrants.missionLead], ACCOUNTS_LEAD),
    role('auditor', 'Auditeur', 'Auditor', 'internal', [...assignedOnly, ...commsRead, ...planningTeamMember, ...catalogueGrants.auditor]),
    role('administration', 'Service administratif', 'Administration', 'internal', [...each(CORE_RECORDS, 'rcu=all'), ...on('core.billing-site', 'd=all'), ...on('core.catalogue', 'rcud=all'), ...finance(), ...margin, ...users, ...commsAdmin, ...billingWrite, ...catalogueGrants.administration]),
    role('candidate', 'Candidat', 'Candidate', 'candidate', on('core.catalogue', 'r=all')),
  ],
  resources: {
    ...catalogueResources,
  },
  messages: { ...catalogueMessages },
};
