import { on } from '../identity/grants';
import { seedRegistryDemo } from './registry-demo';
import { registryMessages } from './registry.messages';
import { registryPersonalData } from './registry.personal-data';
import type { SchoolPart } from './school-part';
import { STUDENT_CONTACT_FIELDS } from './student.schema';
import { NIR_GROUP, schoolStudents } from './student-resource';
import { studentSample } from './student-samples';
import { NIR_CLEAR_GROUP } from './students';

/** What the administrative side reads of a student beyond their name and cursus: the masked NIR, addresses and phones. */
const administrative = [{ permission: `${NIR_GROUP}.read`, scope: 'all' as const }, { permission: 'school.student.contact.read', scope: 'all' as const }];
/** The NIR in clear on a detail read: the student office and its head only. */
const nirInClear = [{ permission: `${NIR_CLEAR_GROUP}.read`, scope: 'all' as const }];

/**
 * The single student registry (spec 004, issue 18; ADR 0049): the student record kind at `/api/v1/school/students`,
 * its NIR handling (field groups), its place in the global search (by name, never by NIR), its personal data and
 * the demo's students. The student side (students, alumni) has nothing here: the portal gives them their own record.
 */
export const registryPart: SchoolPart = {
  resources: { 'school.student': 'SchoolStudent' },
  fieldGroups: {
    [NIR_GROUP]: { subject: 'SchoolStudent', fields: ['nir'] },
    'school.student.contact': { subject: 'SchoolStudent', fields: STUDENT_CONTACT_FIELDS },
    // No answered field: holding it opens the sealed NIR on a detail read (students.ts, readStudent).
    [NIR_CLEAR_GROUP]: { subject: 'SchoolStudent', fields: ['nirInClear'] },
  },
  records: [{
    resource: schoolStudents, path: 'school/students',
    label: { fr: 'étudiant', en: 'student', frPlural: 'étudiants', enPlural: 'students' },
    search: {
      names: ['t.search_name'], words: [{ column: 't.search', config: 'simple' }], number: 't.number',
      show: { title: "t.first_name || ' ' || t.last_name", subtitle: "concat_ws(' · ', t.cursus, 'promotion ' || t.promotion)", accountId: null },
    },
    personalDataColumns: ['last_name', 'first_name', 'nir_sealed', 'nir_hash', 'nir_last_digits', 'address', 'postal_code', 'city', 'email', 'personal_phone', 'professional_phone', 'notes'],
    sample: studentSample,
  }],
  messages: registryMessages,
  personalData: registryPersonalData,
  seedDemo: seedRegistryDemo,
  grants: {
    // The direction reads every student, NIR masked.
    direction: [...on('school.student', 'r=all'), ...administrative],
    // The head of the student office manages the registry, deletion included.
    'school-lead': [...on('school.student', 'rcud=all'), ...administrative, ...nirInClear],
    'school-office': [...on('school.student', 'rcu=all'), ...administrative, ...nirInClear],
    // Teachers read names, status, cursus, promotion, e-mail and employer: no NIR, no address, no phone.
    teacher: on('school.student', 'r=all'),
  },
};
