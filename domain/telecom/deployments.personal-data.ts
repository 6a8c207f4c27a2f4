import { cols, p, PLATFORM_SECURITY_MEASURES, RECIPIENTS, SUBJECTS, TRACKING, type PersonalDataDeclaration } from '../gdpr/personal-data';

/**
 * Deployments' tables (docs/adr/0044-telecom-deployments.md): a deployment's title and study notes are free text
 * that may name a person (erased with the account); an action's params hold ids, labels of hardware and fees and
 * amounts; its error is the vendor's reason; its external references are the vendor's ids.
 */
export const deploymentsPersonalData: PersonalDataDeclaration = {
  activities: [{
    key: 'telecom.deployments',
    name: { fr: 'Déploiements télécom', en: 'Telecom deployments' },
    purpose: {
      fr: 'Étudier, commander chez l’opérateur, facturer et contrôler les lignes et services des clients',
      en: 'Study, order from the operator, bill and check the clients\' lines and services',
    },
    legalBasis: 'contract',
    dataSubjects: [SUBJECTS.clientContacts, SUBJECTS.staff],
    recipients: [RECIPIENTS.staff, RECIPIENTS.host],
    retention: { duration: 'P5Y', from: { fr: 'après la fin du contrat du client', en: 'after the client\'s contract ends' } },
    securityMeasures: PLATFORM_SECURITY_MEASURES,
  }],
  tables: {
    telecom_deployments: {
      activity: 'telecom.deployments',
      personal: { title: p.keep('free-text'), search: p.keep('free-text'), study_notes: p.erase('free-text'), abandon_reason: p.erase('free-text') },
      notPersonal: cols(TRACKING, 'number account_id status quote_id line_ids check_outcome abandoned_at completed_at search_name'),
    },
    telecom_deployment_actions: {
      activity: 'telecom.deployments',
      notPersonal: cols(TRACKING, 'deployment_id position side kind line_id params status external_refs error attempts done_at compensated_at'),
    },
  },
  // A client company reaches its deployments (their actions hold ids only).
  subjectLinks: { account: [{ match: 'ref', table: 'telecom_deployments', column: 'account_id', from: 'accounts' }] },
};
