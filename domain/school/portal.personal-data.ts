import { PLATFORM_SECURITY_MEASURES, RECIPIENTS, cols, p, type PersonalDataDeclaration } from '../gdpr/personal-data';

const STUDENTS = { fr: 'Étudiants et alumni de l’école', en: 'The school’s students and alumni' };

/**
 * The student portal's tables (issue 18, ADR 0053). A correction request holds the value a field had and the value
 * asked for (a name, an address, a phone…; the NIR only ever masked, or sealed when asked for) and the reason the
 * student wrote: erased with the person. Grades are the school's record of studies (names of courses and teachers,
 * grades out of 20): kept as long as the school keeps its transcripts, erased with the student's record.
 */
export const portalPersonalData: PersonalDataDeclaration = {
  activities: [
    {
      key: 'school.student-portal',
      name: { fr: 'Portail étudiant : notes et demandes de correction', en: 'Student portal: grades and correction requests' },
      purpose: {
        fr: 'Donner aux étudiants et aux alumni l’accès à leurs notes et à leurs données, et traiter leurs demandes de rectification',
        en: 'Give students and alumni access to their grades and their data, and handle their rectification requests',
      },
      legalBasis: 'contract',
      dataSubjects: [STUDENTS],
      recipients: [RECIPIENTS.staff, RECIPIENTS.host],
      retention: { duration: 'P5Y', from: { fr: 'après la fin de la scolarité de l’étudiant', en: 'after the end of the student’s studies' } },
      securityMeasures: [...PLATFORM_SECURITY_MEASURES, { fr: 'NIR demandé scellé (AES-256-GCM), jamais affiché en clair', en: 'Requested NIR sealed (AES-256-GCM), never shown in clear' }],
    },
  ],
  tables: {
    school_correction_requests: {
      activity: 'school.student-portal',
      personal: {
        current_value: p.erase('identity'), requested_value: p.erase('identity'),
        requested_sealed: p.erase('nir', { sensitive: true }), requested_last_digits: p.erase('nir', { sensitive: true }),
        reason: p.erase('free-text'), answer: p.erase('free-text'),
      },
      notPersonal: cols('id tenant_id student_id field status decided_by decided_at created_by created_at updated_at version'),
    },
    school_grades: {
      activity: 'school.student-portal',
      personal: { grade: p.keep('personal-life'), teacher_name: p.keep('professional') },
      notPersonal: cols('id tenant_id student_id term course_code course_label coefficient published_at external_ref created_by created_at updated_at version'),
    },
  },
  // Whoever the person is: the requests and grades hanging on their student record.
  subjectLinks: {
    '*': [
      { match: 'ref', table: 'school_correction_requests', column: 'student_id', from: 'school_students' },
      { match: 'ref', table: 'school_grades', column: 'student_id', from: 'school_students' },
    ],
  },
};
