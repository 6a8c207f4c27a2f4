import { on } from '../identity/grants';
import { ALUMNET_SUBJECT, ALUMNI_SUBJECT } from './alumni-access';
import { seedAlumniDemo } from './alumni-demo';
import { ALUMNET_SHARING } from './alumni-sync';
import { alumniMessages } from './alumni.messages';
import { alumniPersonalData } from './alumni.personal-data';
import type { SchoolPart } from './school-part';

const searchAlumni = on('school.alumni', 'r=all');
/** The student office also records the jobs alumni tell it. */
const recordCareers = on('school.alumni', 'ru=all');
/** The connection: read (its runs), updated (address, key, enabled, test) and a sync started now (create). */
const administer = on('school.alumnet', 'rcu=all');

/** The alumni and their two-way Alumnet sync (spec 004 constraint 9, issue 18, ADR 0051): its part of the school's manifest. */
export const alumniPart: SchoolPart = {
  resources: { 'school.alumni': ALUMNI_SUBJECT, 'school.alumnet': ALUMNET_SUBJECT },
  messages: alumniMessages,
  personalData: alumniPersonalData,
  consentPurposes: [{
    key: ALUMNET_SHARING.purpose,
    label: { fr: 'Partage de mes données avec Alumnet', en: 'Sharing my data with Alumnet' },
    description: {
      fr: 'L’école transmet au réseau des anciens Alumnet vos nom, prénom, promotion, cursus et coordonnées professionnelles, et reçoit de lui votre parcours professionnel. Votre numéro de sécurité sociale n’est jamais transmis. Vous pouvez retirer votre accord à tout moment.',
      en: 'The school sends the Alumnet alumni network your names, promotion, cursus and work contact details, and receives your career from it. Your social security number is never sent. You may withdraw at any time.',
    },
    channels: [ALUMNET_SHARING.channel],
    subjects: ['user'],
  }],
  grants: {
    direction: [...searchAlumni, ...on('school.alumnet', 'r=all')],
    'school-lead': [...recordCareers, ...administer],
    'school-office': recordCareers,
    'it-office': administer,
  },
  seedDemo: seedAlumniDemo,
};
