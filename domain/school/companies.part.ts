import { on } from '../identity/grants';
import { COMPANIES_SUBJECT, INTRODUCTION_SUBJECT, STUDENT_SMS_SUBJECT } from './companies-access';
import { seedCompaniesDemo } from './companies-demo';
import { companiesMessages } from './companies.messages';
import { companiesPersonalData } from './companies.personal-data';
import type { SchoolPart } from './school-part';
import { studentConsentSubjects } from './student-contacts';

/** The student office prospects, saves and imports companies, introduces students and texts them; the direction and teachers read. */
const office = [...on('school.companies', 'rc=all'), ...on('school.introduction', 'rcu=all'), ...on('school.student-sms', 'c=all')];
const readers = [...on('school.companies', 'r=all'), ...on('school.introduction', 'r=all')];

/**
 * The school's companies (spec 004 « Gestion des entreprises », issue 18, ADR 0052): the B2B search through the
 * company registry, companies saved as accounts, the legacy table's import, introductions student ↔ company and
 * the staff's SMS to students through comms. The student side has none of it (its portal lists companies).
 */
export const companiesPart: SchoolPart = {
  resources: { 'school.companies': COMPANIES_SUBJECT, 'school.introduction': INTRODUCTION_SUBJECT, 'school.student-sms': STUDENT_SMS_SUBJECT },
  messages: companiesMessages,
  personalData: companiesPersonalData,
  grants: { 'school-office': office, 'school-lead': office, direction: readers, teacher: on('school.companies', 'r=all') },
  // A student's portal user speaks for the contact comms texts them through (their SMS consent, ADR 0052).
  consentSubjectsFor: studentConsentSubjects,
  seedDemo: seedCompaniesDemo,
};
