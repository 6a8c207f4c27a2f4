import { on } from '../identity/grants';
import { CORRECTION_SUBJECT, GRADE_SUBJECT, PORTAL_SUBJECT } from './portal-access';
import { DIRECTORY_CHANNEL, DIRECTORY_PURPOSE } from './portal';
import { seedPortalDemo } from './portal-demo';
import { portalMessages } from './portal.messages';
import { portalPersonalData } from './portal.personal-data';
import type { SchoolPart } from './school-part';

/** The student side: their own portal (read their record and grades, file correction requests); nothing of the administrative side. */
const portalUser = on('school.portal', 'rc=all');
/** The student office decides the correction requests and imports the grades; the direction follows both. */
const office = [...on('school.correction-request', 'ru=all'), ...on('school.grade', 'rc=all')];

/**
 * The student and alumnus portal (spec 004 « Accès aux notes, au réseau Alumnis, à ses données personnelles »,
 * issue 18, ADR 0053): its permissions, messages, personal data, consent purposes and demo.
 */
export const portalPart: SchoolPart = {
  resources: { 'school.portal': PORTAL_SUBJECT, 'school.correction-request': CORRECTION_SUBJECT, 'school.grade': GRADE_SUBJECT },
  messages: portalMessages,
  personalData: portalPersonalData,
  grants: {
    student: portalUser,
    alumnus: portalUser,
    'school-office': office,
    'school-lead': office,
    direction: [...on('school.correction-request', 'r=all'), ...on('school.grade', 'r=all')],
    teacher: on('school.grade', 'rc=all'),
  },
  consentPurposes: [
    {
      key: DIRECTORY_PURPOSE,
      label: { fr: 'Annuaire des alumni', en: 'Alumni directory' },
      description: {
        fr: 'Figurer dans le réseau alumni du portail (nom, promotion, cursus, poste, employeur, ville de travail), visible des étudiants et des alumni de l’école. Jamais vos téléphones, votre adresse ni votre numéro de sécurité sociale.',
        en: 'Be listed in the portal’s alumni network (name, class, programme, job, employer, city of work), seen by the school’s students and alumni. Never your phones, address or social security number.',
      },
      channels: [DIRECTORY_CHANNEL],
      subjects: ['user'],
    },
    {
      key: 'school.sms-info',
      label: { fr: 'SMS d’information de l’école', en: 'School information by SMS' },
      description: {
        fr: 'Recevoir par SMS les informations de l’école (événements, offres de stage, forums entreprises). Les SMS de service (changement de salle d’examen) ne dépendent pas de cet accord.',
        en: 'Receive the school’s information by SMS (events, internship offers, company fairs). Service SMS (an exam room change) do not depend on this consent.',
      },
      channels: ['sms'],
      subjects: ['user', 'contact'],
    },
  ],
  seedDemo: seedPortalDemo,
};
