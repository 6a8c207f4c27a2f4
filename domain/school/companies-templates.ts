import type { Knex } from 'knex';

/**
 * The comms templates the school ships (spec 004 « envoyer des SMS », ADR 0052), in French: written into the
 * organisation's templates the first time the school sends (and by the demo), never over a template the school
 * changed. An exam room change, an enrolment reminder and an introduction are transactional (they concern the
 * student's studies: sent without marketing consent, but never to a number that answered STOP); an internship
 * offer is marketing (only to students who agreed to it by SMS).
 */
export const SCHOOL_TEMPLATE_KEYS = {
  roomChange: 'school.exam-room-change',
  enrolmentReminder: 'school.enrolment-reminder',
  internshipOffer: 'school.internship-offer',
  introduction: 'school.introduction',
} as const;

interface ShippedTemplate {
  key: string; channel: 'sms' | 'mail'; category: 'transactional' | 'marketing'; kind: string; name: string; subject?: string; body: string;
}

export const SCHOOL_TEMPLATES: readonly ShippedTemplate[] = [
  {
    key: SCHOOL_TEMPLATE_KEYS.roomChange, channel: 'sms', category: 'transactional', kind: 'school.room-change', name: 'Changement de salle',
    body: '{{tenant.name}} : {{contact.firstName}}, l’examen « {{exam.name}} » du {{exam.date}} change de salle : rendez-vous en salle {{exam.room}}.',
  },
  {
    key: SCHOOL_TEMPLATE_KEYS.enrolmentReminder, channel: 'sms', category: 'transactional', kind: 'school.enrolment-reminder', name: 'Relance dossier d’inscription',
    body: 'Bonjour {{contact.firstName}}, votre dossier d’inscription à {{tenant.name}} est incomplet : merci de le compléter avant le {{enrolment.deadline}}. Le pôle scolarité',
  },
  {
    key: SCHOOL_TEMPLATE_KEYS.internshipOffer, channel: 'sms', category: 'marketing', kind: 'school.internship-offer', name: 'Offre de stage',
    body: '{{tenant.name}} : {{contact.firstName}}, une offre de stage pour vous : {{offer.title}} chez {{offer.company}}. Le pôle scolarité vous en dit plus. STOP pour ne plus recevoir d’offres.',
  },
  {
    key: SCHOOL_TEMPLATE_KEYS.introduction, channel: 'sms', category: 'transactional', kind: 'school.introduction', name: 'Mise en relation avec une entreprise',
    body: 'Bonjour {{contact.firstName}}, le pôle scolarité de {{tenant.name}} vous met en relation avec {{introduction.company}} pour {{introduction.purpose}}. Votre interlocuteur : {{introduction.contact}}.',
  },
  {
    key: SCHOOL_TEMPLATE_KEYS.introduction, channel: 'mail', category: 'transactional', kind: 'school.introduction', name: 'Mise en relation avec une entreprise',
    subject: 'Mise en relation avec {{introduction.company}}',
    body: 'Bonjour {{contact.firstName}},\n\nLe pôle scolarité vous met en relation avec {{introduction.company}} pour {{introduction.purpose}}.\n'
      + 'Votre interlocuteur : {{introduction.contact}}.\n\nN’hésitez pas à nous dire comment se passe cette prise de contact.\n\n{{sender.name}}, pôle scolarité de {{tenant.name}}',
  },
];

/** The purposes as a student reads them in a message. */
export const PURPOSE_PHRASES = { internship: 'un stage', apprenticeship: 'une alternance', job: 'un emploi', training: 'une formation' } as const;

/** Writes the school's templates the organisation does not have yet (idempotent; a changed template stays). */
export async function ensureSchoolTemplates(trx: Knex | Knex.Transaction, tenantId: string): Promise<void> {
  await trx('commsTemplates').insert(SCHOOL_TEMPLATES.map((t) => ({ tenantId, language: 'fr', subject: null, ...t })))
    .onConflict(['tenantId', 'channel', 'key', 'language']).ignore();
}
