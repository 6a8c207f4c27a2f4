import { ACCOUNTS_LEAD, assigning, CORE_RECORDS, commsAdmin, commsRead, commsSend, each, finance, manageAll, on, readAll, role, smoke, users } from '../identity/grants';
import { withPartGrants } from '../modules/module-parts';
import type { DomainModule } from '../modules/vertical-module';
import { alumniPart } from './alumni.part';
import { companiesPart } from './companies.part';
import { importPart } from './import.part';
import { portalPart } from './portal.part';
import { registryPart } from './registry.part';
import { mergeSchoolParts, type SchoolRoleKey } from './school-part';

/** The vertical's areas (issue 18); each owns its `<area>.part.ts`, merged here. Demo seeds run in this order. */
const { grantsOf, consentPurposes, ...manifest } = mergeSchoolParts([registryPart, importPart, portalPart, alumniPart, companiesPart]);

/** What the IT office administers (« Pôle informatique »): the collaborators, the comms' providers, the GDPR tools; never a student's record. */
const itOffice = [
  ...users, ...smoke, ...commsRead, ...on('comms.settings', 'ru=all'),
  ...on('gdpr.register', 'r=all'), ...on('gdpr.request', 'cru=all'), ...on('gdpr.consent', 'r=all'), ...on('gdpr.retention', 'r=all'),
];

/** School (spec 004): its roles, and its areas' records, forms, processes and demo. */
export const schoolModule: DomainModule = {
  key: 'school',
  kind: 'vertical',
  label: { fr: 'École', en: 'School' },
  roles: [
    // The direction staffs the student office and the teachers (who enter grades it only reads) without doing their work;
    // never `school-lead`, which authors the processes the direction does not.
    assigning(role('direction', 'Direction', 'Management', 'internal', [...readAll, ...finance(), ...users, ...smoke, ...commsRead, ...on('comms.settings', 'ru=all')]), 'school-office', 'teacher'),
    role('school-lead', 'Responsable du pôle scolarité', 'Head of student office', 'internal', [...manageAll, ...users, ...commsAdmin], ACCOUNTS_LEAD),
    role('school-office', 'Pôle scolarité', 'Student office', 'internal', [...each(CORE_RECORDS, 'rcu=all'), ...on('core.contact', 'd=all'), ...on('core.catalogue', 'r=all'), ...commsSend]),
    role('teacher', 'Professeur', 'Teacher', 'internal', [...on('core.account', 'r=all'), ...on('core.contact', 'r=all'), ...commsRead]),
    // The student side never reads the administrative one (spec 004): no core record; their portal's grants come with the portal part.
    role('student', 'Étudiant', 'Student', 'student', []),
    role('alumnus', 'Alumni', 'Alumnus', 'student', []),
    // The IT office staffs the school (never the student office's head, who runs the processes) and keeps its tools.
    assigning(role('it-office', 'Pôle informatique', 'IT office', 'internal', itOffice), 'direction', 'school-office', 'teacher', 'student', 'alumnus'),
  ].map(withPartGrants<SchoolRoleKey>(grantsOf)),
  // What students (users) and families (contacts) may agree to receive (docs/adr/0024): the core's ledger keeps it; the parts add theirs.
  consentPurposes: [{
    key: 'school.newsletter',
    label: { fr: 'Lettre d’information de l’école', en: 'School newsletter' },
    description: {
      fr: 'Recevoir la lettre d’information (vie de l’école, événements, portes ouvertes). Vous pouvez vous désinscrire à tout moment.',
      en: 'Receive the newsletter (school life, events, open days). You may unsubscribe at any time.',
    },
    channels: ['mail'],
    subjects: ['contact', 'user'],
  }, ...(consentPurposes ?? [])],
  ...manifest,
};
