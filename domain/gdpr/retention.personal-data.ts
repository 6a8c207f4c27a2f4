import { on } from '../identity/grants';
import { PLATFORM_SECURITY_MEASURES, RECIPIENTS, SUBJECTS, cols, p, type PersonalDataDeclaration } from './personal-data';

/** Retention's own tables (docs/adr/0026-retention.md): the legal holds, the runs' reports, the rows anonymised. */
export const retentionPersonalData = {
  activities: [
    {
      key: 'gdpr.retention',
      name: { fr: 'Conservation des données et gels juridiques', en: 'Data retention and legal holds' },
      purpose: { fr: 'Anonymiser ou supprimer les données dont la durée de conservation est échue, sauf gel juridique, et en rendre compte', en: 'Anonymise or delete data whose retention ended, unless a legal hold keeps it, and report on it' },
      legalBasis: 'legal-obligation',
      dataSubjects: [SUBJECTS.staff, SUBJECTS.clients, SUBJECTS.clientContacts, SUBJECTS.prospects],
      recipients: [RECIPIENTS.staff, RECIPIENTS.host],
      retention: { duration: 'P5Y', from: { fr: 'après la levée du gel ou le passage de la conservation', en: 'after the hold is lifted or the retention run' }, legalReference: 'RGPD, art. 5.1.e et 5.2 (responsabilité)' },
      securityMeasures: PLATFORM_SECURITY_MEASURES,
    },
  ],
  tables: {
    // A hold's reason is evidence of why data was kept: it stays as written.
    gdpr_legal_holds: {
      activity: 'gdpr.retention',
      personal: { reason: p.keep('free-text') },
      notPersonal: cols('id tenant_id scope activity_key table_name record_id subject_kind subject_id until placed_by placed_at lifted_at lifted_by version'),
    },
    gdpr_retention_runs: { activity: 'gdpr.retention', notPersonal: cols('id tenant_id run_id today tables anonymised deleted held started_at finished_at') },
    gdpr_anonymised_rows: { activity: 'gdpr.retention', notPersonal: cols('tenant_id table_name row_id reason run_id anonymised_at') },
  },
  notAboutSubjects: {
    gdpr_legal_holds: {
      fr: 'Le motif d’un gel juridique est une pièce du dossier contentieux de l’organisation, non une donnée tenue sur la personne',
      en: 'A legal hold’s reason belongs to the organisation’s litigation file, not to data kept about the person',
    },
  },
} satisfies PersonalDataDeclaration;

/** Retention's resources and what the data protection officer holds on them (holds are lifted, never deleted). */
export const retentionResources = { 'gdpr.retention': 'Retention', 'gdpr.legal-hold': 'LegalHold' } as const;
export const retentionGrants = [...on('gdpr.retention', 'r=all'), ...on('gdpr.legal-hold', 'rcu=all')];
