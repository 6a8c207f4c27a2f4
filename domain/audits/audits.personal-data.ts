import { assistantTables } from './assistant.personal-data';
import { catalogueSubjectLinks, catalogueTables } from './catalogue.personal-data';
import { ANONYMISATION_MISSION_COLUMNS, anonymisationTables } from './anonymisation.personal-data';
import { captureTables } from './capture.personal-data';
import { reportTables } from './report/report.personal-data';
import { missionSubjectLinks } from './mission.subject-links';
import { mergedSubjectLinks } from './subject-links';
import { PLATFORM_SECURITY_MEASURES, RECIPIENTS, SUBJECTS, TRACKING, cols, p, type PersonalDataDeclaration } from '../gdpr/personal-data';

/**
 * Cassandre's audits (spec 000, issue 16): what a mission holds about people. Each table of the
 * vertical is declared here; the mission's own anonymisation process (audits.audit-to-anonymise)
 * runs from its delivery, and the platform's retention run is the safety net behind it.
 */
export const auditsPersonalData: PersonalDataDeclaration = {
  activities: [
    {
      key: 'audits.missions',
      name: { fr: 'Missions d’audit de cybersécurité', en: 'Cybersecurity audit missions' },
      purpose: {
        fr: 'Réaliser les audits commandés par les clients : planification, relevés sur site, constats, rapport',
        en: 'Carry out the audits clients order: planning, on-site capture, findings, report',
      },
      legalBasis: 'contract',
      dataSubjects: [SUBJECTS.clientContacts, SUBJECTS.staff],
      recipients: [RECIPIENTS.staff, RECIPIENTS.clients, RECIPIENTS.host],
      retention: {
        duration: 'P30D',
        from: { fr: 'après la livraison du rapport (les données nominatives du terrain sont alors anonymisées)', en: 'after the report is delivered (on-site personal data are then anonymised)' },
      },
      securityMeasures: PLATFORM_SECURITY_MEASURES,
    },
  ],
  tables: {
    ...captureTables,
    ...assistantTables,
    ...catalogueTables,
    ...anonymisationTables,
    ...reportTables,
    audit_missions: {
      activity: 'audits.missions',
      personal: { summary: p.erase('free-text'), ...ANONYMISATION_MISSION_COLUMNS.personal },
      notPersonal: cols(TRACKING, 'number account_id title status scopes starts_on ends_on lead_id auditor_ids quote_id delivered_at anonymised_at search_name search', ANONYMISATION_MISSION_COLUMNS.notPersonal),
    },
    audit_mission_sites: {
      activity: 'audits.missions',
      personal: { notes: p.erase('free-text') },
      notPersonal: cols(TRACKING, 'mission_id site_id on_site_from on_site_to'),
    },
  },
  // Each area's links from a kind of person to its tables (ADR 0023).
  subjectLinks: mergedSubjectLinks(catalogueSubjectLinks, missionSubjectLinks),
};
