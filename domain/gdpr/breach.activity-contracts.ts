import { z } from 'zod';
import { defineActivity } from '../process/activity-definition';

/**
 * The service tasks of `gdpr.breach-response` (workflows/gdpr/breach-response.bpmn). Each acts on one breach
 * (its id: nothing personal travels through the engine) through the register's write path
 * (domain/gdpr/breaches.ts) and may run again with the same effect.
 */
const uuid = z.string().uuid();
const instant = z.string().datetime({ offset: true });
const retry = { maximumAttempts: 5 };
const optional = z.string().nullable().optional();

export const gdprBreachPlan = defineActivity({
  name: 'gdpr.breach.plan',
  description: {
    fr: 'Lit la violation et fixe les échéances : relances à 24 h et 48 h après la découverte, notification CNIL à 72 h',
    en: 'Reads the breach and sets the deadlines: reminders 24 h and 48 h after discovery, the CNIL notification at 72 h',
  },
  input: z.object({ breachId: uuid }).strict(),
  output: z.object({
    number: z.number().int(),
    /** A notification is still awaited (not notified nor documented yet). */
    pending: z.boolean(),
    firstAt: instant, secondAt: instant, deadlineAt: instant,
  }),
  retry,
});

export const gdprBreachAssess = defineActivity({
  name: 'gdpr.breach.assess',
  description: { fr: 'Enregistre l’évaluation de la violation (risque, décisions motivées) sur sa fiche', en: 'Records the breach’s assessment (risk, reasoned decisions) on its record' },
  input: z.object({
    breachId: uuid,
    riskLevel: z.enum(['none', 'risk', 'high']),
    authorityDecision: z.enum(['notify', 'not-required']),
    authorityReason: optional,
    peopleDecision: z.enum(['inform', 'not-required']).nullable().optional(),
    peopleReason: optional,
  }).strict(),
  output: z.object({ notifyAuthority: z.boolean(), status: z.string() }),
  retry,
});

export const gdprBreachRecordNotification = defineActivity({
  name: 'gdpr.breach.record-notification',
  description: { fr: 'Enregistre la notification faite à la CNIL (date, numéro) sur la fiche de la violation', en: 'Records the notification made to the CNIL (date, reference) on the breach’s record' },
  input: z.object({ breachId: uuid, reference: z.string().min(1), notifiedAt: instant, delayReason: optional }).strict(),
  output: z.object({ status: z.string(), recorded: z.boolean() }),
  retry,
});

export const gdprBreachEscalate = defineActivity({
  name: 'gdpr.breach.escalate',
  description: {
    fr: 'Relance le délégué à la protection des données et la direction avant l’échéance de 72 h, et note le dépassement ; rien une fois notifiée ou documentée',
    en: 'Reminds the data protection officer and the direction before the 72-hour deadline, and records it passed; nothing once notified or documented',
  },
  input: z.object({ breachId: uuid, hours: z.union([z.literal(24), z.literal(48), z.literal(72)]), dueAt: instant }).strict(),
  output: z.object({ outcome: z.enum(['recorded', 'met', 'already-recorded']), notified: z.number().int() }),
  retry: { maximumAttempts: 8, initialIntervalMs: 5_000, backoffCoefficient: 2, maximumIntervalMs: 10 * 60_000 },
  timeoutMs: 60_000,
});

export const gdprBreachInformPeople = defineActivity({
  name: 'gdpr.breach.inform-people',
  description: {
    fr: 'Informe par e-mail les personnes concernées d’une violation à risque élevé (art. 34) et note la communication sur la fiche ; rien si elles n’ont pas à l’être',
    en: 'Mails the people concerned by a high-risk breach (art. 34) and records the communication; nothing when they are not to be told',
  },
  input: z.object({ breachId: uuid }).strict(),
  output: z.object({ informed: z.boolean(), sent: z.number().int(), skipped: z.number().int() }),
  retry: { maximumAttempts: 8, initialIntervalMs: 5_000, backoffCoefficient: 2, maximumIntervalMs: 10 * 60_000 },
  timeoutMs: 120_000,
});

export const GDPR_BREACH_ACTIVITIES = [gdprBreachPlan, gdprBreachAssess, gdprBreachRecordNotification, gdprBreachEscalate, gdprBreachInformPeople];
