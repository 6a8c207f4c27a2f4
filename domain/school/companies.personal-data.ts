import { PLATFORM_SECURITY_MEASURES, RECIPIENTS, TRACKING, cols, p, type PersonalDataDeclaration } from '../gdpr/personal-data';

/**
 * The companies area's tables (ADR 0052). The companies themselves are accounts and their people contacts (the
 * core declares them). An introduction names a student, a company and maybe one of its contacts by id; its free
 * note may speak of the student. `school_student_contacts` only links a student to the contact comms writes to
 * (the contact's own columns are the core's). Introductions are kept two years after they are made, the time of
 * a cursus' internships.
 */
export const companiesPersonalData: PersonalDataDeclaration = {
  activities: [
    {
      key: 'school.company-introductions',
      name: { fr: 'Mises en relation étudiants – entreprises', en: 'Student – company introductions' },
      purpose: {
        fr: 'Prospecter des entreprises et mettre les étudiants en relation avec elles pour des stages, alternances, emplois et formations, et les en informer par SMS ou par mail',
        en: 'Prospect companies and put students in touch with them for internships, apprenticeships, jobs and training, and tell the students by SMS or mail',
      },
      legalBasis: 'legitimate-interest',
      dataSubjects: [{ fr: 'Étudiants et alumni de l’école, contacts des entreprises', en: 'The school’s students and alumni, company contacts' }],
      recipients: [RECIPIENTS.staff, RECIPIENTS.messaging, RECIPIENTS.host],
      retention: { duration: 'P2Y', from: { fr: 'après la mise en relation', en: 'after the introduction' } },
      securityMeasures: PLATFORM_SECURITY_MEASURES,
    },
  ],
  tables: {
    school_introductions: {
      activity: 'school.company-introductions',
      personal: { note: p.erase('free-text') },
      notPersonal: cols(TRACKING, 'student_id account_id contact_id purpose status channel message_id status_changed_at status_changed_by'),
    },
    school_student_contacts: {
      activity: 'school.company-introductions',
      notPersonal: cols('tenant_id student_id contact_id created_at'),
    },
  },
  subjectLinks: {
    'school-student': [
      { match: 'ref', table: 'school_introductions', column: 'student_id', from: 'school_students' },
      { match: 'ref', table: 'school_student_contacts', column: 'student_id', from: 'school_students' },
      { match: 'ref', table: 'contacts', column: 'id', from: 'school_student_contacts', fromColumn: 'contact_id' },
    ],
    contact: [{ match: 'ref', table: 'school_introductions', column: 'contact_id', from: 'contacts' }],
  },
};
