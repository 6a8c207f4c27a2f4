import { ACCOUNTS_LEAD, assigning, CORE_RECORDS, commsAdmin, commsRead, commsSend, each, finance, manageAll, on, readAll, role, smoke, users } from '../identity/grants';
import type { DomainModule } from '../modules/vertical-module';

/** School (spec 004): its starting roles; its records, forms and processes come with the vertical. */
export const schoolModule: DomainModule = {
  key: 'school',
  kind: 'vertical',
  label: { fr: 'École', en: 'School' },
  roles: [
    // The director staffs the student office without doing its work; never `school-lead`, which authors the processes the director does not.
    assigning(role('director', 'Direction', 'Director', 'internal', [...readAll, ...finance(), ...users, ...smoke, ...commsRead, ...on('comms.settings', 'ru=all')]), 'school-office'),
    role('school-lead', 'Responsable du pôle scolarité', 'Head of student office', 'internal', [...manageAll, ...users, ...commsAdmin], ACCOUNTS_LEAD),
    role('school-office', 'Pôle scolarité', 'Student office', 'internal', [...each(CORE_RECORDS, 'rcu=all'), ...on('core.contact', 'd=all'), ...on('core.catalogue', 'r=all'), ...commsSend]),
    role('teacher', 'Professeur', 'Teacher', 'internal', [...on('core.account', 'r=all'), ...on('core.contact', 'r=all'), ...commsRead]),
    role('student', 'Étudiant', 'Student', 'student', on('core.account', 'r=all')),
    role('alumnus', 'Alumni', 'Alumnus', 'student', on('core.account', 'r=all')),
  ],
  // What students (users) and families (contacts) may agree to receive (docs/adr/0024): the core's ledger keeps it.
  consentPurposes: [{
    key: 'school.newsletter',
    label: { fr: 'Lettre d’information de l’école', en: 'School newsletter' },
    description: {
      fr: 'Recevoir la lettre d’information (vie de l’école, événements, portes ouvertes). Vous pouvez vous désinscrire à tout moment.',
      en: 'Receive the newsletter (school life, events, open days). You may unsubscribe at any time.',
    },
    channels: ['mail'],
    subjects: ['contact', 'user'],
  }],
};
