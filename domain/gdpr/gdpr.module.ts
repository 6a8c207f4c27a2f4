import path from 'node:path';
import { on, role } from '../identity/grants';
import type { DomainModule } from '../modules/vertical-module';
import { consentMessages } from './consent.messages';
import { erasureMessages } from './erasure.messages';
import { consentPersonalData } from './consent.personal-data';
import { GDPR_BREACH_ACTIVITIES } from './breach.activity-contracts';
import { seedBreachDemo } from './breach-demo';
import { breachResponseLabel } from './breach-label';
import { BREACH_FORMS } from './breach.forms';
import { breachMessages } from './breach.messages';
import { breachPersonalData } from './breach.personal-data';
import { BREACH_RESPONSE } from './breaches';
import { gdprMessages } from './gdpr.messages';
import { ERASURE_ACTIVITIES } from './erasure.activity-contracts';
import { REQUEST_ACTIVITIES } from './requests.activity-contracts';
import { REQUEST_FORMS } from './requests.forms';
import { requestMessages } from './requests.messages';
import { seedRequestsDemo } from './requests.demo';
import { requestsPersonalData } from './requests.personal-data';
import { seedRetentionDemo } from './retention.demo';
import { retentionMessages } from './retention.messages';
import { retentionGrants, retentionPersonalData, retentionResources } from './retention.personal-data';
import { seedTransfersDemo } from './transfers.demo';
import { transferMessages } from './transfers.messages';
import { transferGrants, transferResources, transfersPersonalData } from './transfers.personal-data';
import { cols, type PersonalDataDeclaration } from './personal-data';

/** The gdpr context's own table: the register as the organisation edited it (its entries describe data, hold none). */
const gdprPersonalData: PersonalDataDeclaration = {
  activities: [...requestsPersonalData.activities, ...consentPersonalData.activities, ...breachPersonalData.activities, ...retentionPersonalData.activities, ...transfersPersonalData.activities],
  tables: {
    gdpr_register_entries: { activity: 'identity.accounts', notPersonal: cols('tenant_id activity_key entry version updated_by updated_at') },
    ...requestsPersonalData.tables,
    ...consentPersonalData.tables,
    ...breachPersonalData.tables,
    ...retentionPersonalData.tables,
    ...transfersPersonalData.tables,
  },
  subjectLinks: { ...requestsPersonalData.subjectLinks, ...consentPersonalData.subjectLinks },
  notAboutSubjects: { ...retentionPersonalData.notAboutSubjects },
};

/**
 * Data protection (issue 15, docs/adr/0022-personal-data-declarations.md): the register of processing
 * activities built from every module's personal-data declaration, and the data protection officer who
 * keeps it. A core context: every organisation has it and its `dpo` role.
 */
export const gdprModule: DomainModule = {
  key: 'gdpr',
  personalData: gdprPersonalData,
  kind: 'core',
  label: { fr: 'Données personnelles', en: 'Personal data' },
  messages: { ...gdprMessages, ...requestMessages, ...consentMessages, ...breachMessages, ...retentionMessages, ...erasureMessages, ...transferMessages },
  resources: { 'gdpr.register': 'ProcessingRegister', 'gdpr.request': 'RightsRequest', 'gdpr.consent': 'ConsentLedger', 'gdpr.consent-text': 'ConsentText', 'gdpr.breach': 'PersonalDataBreach', ...retentionResources, ...transferResources },
  roles: [
    role('dpo', 'Délégué à la protection des données', 'Data protection officer', 'internal', [
      ...on('gdpr.register', 'ru=all'), ...on('gdpr.request', 'cru=all'), ...on('gdpr.consent', 'ru=all'), ...on('gdpr.consent-text', 'rcud=all'),
      ...on('gdpr.breach', 'rcu=all'), ...retentionGrants, ...transferGrants,
    ]),
  ],
  /** The response to a personal data breach: assessment, escalations before 72 hours, the CNIL's notification, the people told (ADR 0025). */
  activities: [...GDPR_BREACH_ACTIVITIES, ...REQUEST_ACTIVITIES, ...ERASURE_ACTIVITIES],
  forms: [...BREACH_FORMS, ...REQUEST_FORMS],
  processes: [path.resolve(__dirname, '../../workflows/gdpr/rights-request.bpmn'), path.resolve(__dirname, '../../workflows/gdpr/breach-response.bpmn')],
  businessLabels: { [BREACH_RESPONSE]: breachResponseLabel },
  seedDemo: async (admin, tenant) => { await seedRequestsDemo(admin, tenant); await seedRetentionDemo(admin, tenant); await seedBreachDemo(admin, tenant); await seedTransfersDemo(admin, tenant); },
};
