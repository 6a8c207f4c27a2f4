import { PLATFORM_SECURITY_MEASURES, RECIPIENTS, SUBJECTS, cols, p, type PersonalDataDeclaration } from './personal-data';

/**
 * The breach register's personal data (docs/adr/0025): a breach describes an incident, not a person, but its
 * free texts may name one and its communications hold the text sent to the people. The register is the
 * documentation art. 33.5 requires the organisation to show the CNIL: kept as it is, five years after the breach
 * is closed (the limitation period).
 */
export const breachPersonalData: Required<Pick<PersonalDataDeclaration, 'activities' | 'tables'>> = {
  activities: [
    {
      key: 'gdpr.breaches',
      name: { fr: 'Registre des violations de données', en: 'Register of data breaches' },
      purpose: {
        fr: 'Documenter les violations de données personnelles, les notifier à la CNIL dans les 72 heures et en informer les personnes concernées',
        en: 'Document personal data breaches, notify them to the CNIL within 72 hours and tell the people concerned',
      },
      legalBasis: 'legal-obligation',
      dataSubjects: [SUBJECTS.clientContacts, SUBJECTS.clients, SUBJECTS.staff],
      recipients: [RECIPIENTS.staff, { fr: 'CNIL (notification)', en: 'CNIL (notification)' }],
      retention: {
        duration: 'P5Y',
        from: { fr: 'après la clôture de la violation', en: 'after the breach is closed' },
        legalReference: 'RGPD art. 33.5 ; Code civil art. 2224',
      },
      securityMeasures: PLATFORM_SECURITY_MEASURES,
    },
  ],
  tables: {
    gdpr_breaches: {
      activity: 'gdpr.breaches',
      personal: {
        description: p.keep('free-text'),
        consequences: p.keep('free-text'),
        measures_taken: p.keep('free-text'),
        measures_proposed: p.keep('free-text'),
        authority_reason: p.keep('free-text'),
        people_reason: p.keep('free-text'),
        communications: p.keep('correspondence'),
      },
      notPersonal: cols(
        'id tenant_id number title nature started_at discovered_at data_categories people_categories approx_people approx_records',
        'risk_level authority_decision people_decision contact_ids notifications escalations status version created_by created_at updated_at',
      ),
    },
  },
};
