import { z } from 'zod';

/**
 * Each template declares its kind, and the kind fixes the variables it may use:
 * a template that names anything else is refused when saved, not when a
 * process tries to send it. Sends fill `contact`, `account`, `tenant` and
 * `sender` themselves; the rest comes from the caller (a process's variables).
 */
const contact = z.object({ firstName: z.string(), lastName: z.string(), fullName: z.string() });
const account = z.object({ name: z.string() });
const tenant = z.object({ name: z.string() });
const sender = z.object({ name: z.string() });
const base = z.object({ contact, account, tenant, sender });

export interface TemplateKind {
  description: { fr: string; en: string };
  variables: z.ZodObject;
  /** Shown in the editor's preview until real data is chosen. */
  sample: Record<string, unknown>;
  /**
   * The consent purpose a marketing template of this kind needs (`school.sms-info` for the school's internship
   * offers); none: `comms.marketing`. A transactional template needs none.
   */
  consentPurpose?: string;
}

/** The consent purpose comms' marketing rule reads when no kind names another. */
export const DEFAULT_MARKETING_PURPOSE = 'comms.marketing';

const baseSample = {
  contact: { firstName: 'Camille', lastName: 'Martin', fullName: 'Camille Martin' },
  account: { name: 'Société Exemple' },
  tenant: { name: 'Relais' },
  sender: { name: 'Service client' },
};

export const TEMPLATE_KINDS = {
  'contact.message': {
    description: { fr: 'Message à un contact', en: 'Message to a contact' },
    variables: base,
    sample: baseSample,
  },
  'billing.payment-reminder': {
    description: { fr: 'Relance de paiement', en: 'Payment reminder' },
    variables: base.extend({ invoice: z.object({ number: z.string(), amountDue: z.string(), dueDate: z.string() }) }),
    sample: { ...baseSample, invoice: { number: 'F2026-0042', amountDue: '1 250,00 €', dueDate: '15/03/2026' } },
  },
  'school.exam-result': {
    description: { fr: 'Résultat d\'examen', en: 'Exam result' },
    variables: base.extend({ exam: z.object({ name: z.string(), result: z.string() }) }),
    sample: { ...baseSample, exam: { name: 'Gestion de projet', result: 'admis' } },
  },
  'school.room-change': {
    description: { fr: 'Changement de salle d\'examen', en: 'Exam room change' },
    variables: base.extend({ exam: z.object({ name: z.string(), date: z.string(), room: z.string() }) }),
    sample: { ...baseSample, exam: { name: 'Gestion de projet', date: 'lundi 12 janvier à 9h', room: 'B204' } },
  },
  'school.enrolment-reminder': {
    description: { fr: 'Relance du dossier d\'inscription', en: 'Enrolment file reminder' },
    variables: base.extend({ enrolment: z.object({ deadline: z.string() }) }),
    sample: { ...baseSample, enrolment: { deadline: 'vendredi 16 janvier' } },
  },
  'school.internship-offer': {
    description: { fr: 'Offre de stage', en: 'Internship offer' },
    variables: base.extend({ offer: z.object({ title: z.string(), company: z.string() }) }),
    sample: { ...baseSample, offer: { title: 'Assistant(e) marketing, 6 mois', company: 'Agence Horizon Publicité' } },
    // The student's own word in their portal (« SMS d'information de l'école », ADR 0053) governs offers.
    consentPurpose: 'school.sms-info',
  },
  'school.introduction': {
    description: { fr: 'Mise en relation avec une entreprise', en: 'Introduction to a company' },
    variables: base.extend({ introduction: z.object({ company: z.string(), purpose: z.string(), contact: z.string() }) }),
    sample: { ...baseSample, introduction: { company: 'Banque Régionale du Rhône', purpose: 'un stage', contact: 'Mme Lefèvre (RH)' } },
  },
  'events.event-reminder': {
    description: { fr: 'Rappel d\'événement', en: 'Event reminder' },
    variables: base.extend({ event: z.object({ name: z.string(), date: z.string(), location: z.string() }) }),
    sample: { ...baseSample, event: { name: 'Séminaire annuel', date: '12/06/2026 à 9h', location: 'Château de Candé' } },
  },
  'appointment.reminder': {
    description: { fr: 'Rappel de rendez-vous', en: 'Appointment reminder' },
    variables: base.extend({ appointment: z.object({ date: z.string(), place: z.string() }) }),
    sample: { ...baseSample, appointment: { date: 'mardi 14h', place: 'Agence de Vannes' } },
  },
} as const satisfies Record<string, TemplateKind>;

export type TemplateKindKey = keyof typeof TEMPLATE_KINDS;
export const TEMPLATE_KIND_KEYS = Object.keys(TEMPLATE_KINDS) as [TemplateKindKey, ...TemplateKindKey[]];

/** Every leaf path of a variables schema: `contact.firstName`, `invoice.amountDue`… */
export function variablePaths(schema: z.ZodObject, prefix = ''): string[] {
  return Object.entries(schema.shape).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return value instanceof z.ZodObject ? variablePaths(value, path) : [path];
  });
}

export function kindOf(key: string): TemplateKind | undefined {
  return (TEMPLATE_KINDS as Record<string, TemplateKind>)[key];
}

/** The consent purpose a marketing message of this template kind needs (`comms.marketing` unless the kind names one). */
export function marketingPurposeOf(kind: string | null | undefined): string {
  return (kind ? kindOf(kind)?.consentPurpose : undefined) ?? DEFAULT_MARKETING_PURPOSE;
}
