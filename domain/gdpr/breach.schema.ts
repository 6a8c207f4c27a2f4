import { z } from 'zod';
import { requiredText, text, uuid } from '../core/fields';
import { fieldIssue } from '../i18n/zod-issues';
import { DATA_CATEGORIES, type DataCategory } from './personal-data';

/**
 * A personal data breach as the register keeps it (GDPR art. 33 and 34, issue 15, docs/adr/0025): the one
 * source of its types — the API validates with these schemas, the OpenAPI document and the UI's forms
 * follow them.
 */
export const BREACH_NATURES = ['confidentiality', 'integrity', 'availability'] as const;
export const RISK_LEVELS = ['none', 'risk', 'high'] as const;
export const BREACH_STATUSES = ['declared', 'assessed', 'notified', 'documented', 'closed'] as const;
export type BreachNature = (typeof BREACH_NATURES)[number];
export type RiskLevel = (typeof RISK_LEVELS)[number];
export type BreachStatus = (typeof BREACH_STATUSES)[number];

const instant = z.string().datetime({ offset: true, message: fieldIssue('field.invalid') });
const long = text(8000);
const count = z.number().int(fieldIssue('field.invalid')).min(0).max(1_000_000_000).nullable();
const dataCategory = z.enum(Object.keys(DATA_CATEGORIES) as [DataCategory, ...DataCategory[]]);

/** The facts of a breach, as written from its panel. */
const facts = {
  title: requiredText(200),
  nature: z.array(z.enum(BREACH_NATURES)).min(1, fieldIssue('field.required')).max(3),
  description: long,
  startedAt: instant.nullable(),
  /** When the organisation became aware of it: the 72 hours run from here (art. 33.1). */
  discoveredAt: instant,
  dataCategories: z.array(dataCategory).max(20),
  peopleCategories: z.array(requiredText(200)).max(20),
  approxPeople: count,
  approxRecords: count,
  consequences: long,
  measuresTaken: long,
  measuresProposed: long,
  /** The contacts concerned, told of the breach when its risk is high (art. 34). */
  contactIds: z.array(uuid).max(1000),
};

/** What is known when a breach is declared; everything but its title, nature and discovery may come later. */
export const breachDeclareInput = z.object({
  ...facts,
  description: facts.description.default(''),
  startedAt: facts.startedAt.default(null),
  dataCategories: facts.dataCategories.default([]),
  peopleCategories: facts.peopleCategories.default([]),
  approxPeople: facts.approxPeople.default(null),
  approxRecords: facts.approxRecords.default(null),
  consequences: facts.consequences.default(''),
  measuresTaken: facts.measuresTaken.default(''),
  measuresProposed: facts.measuresProposed.default(''),
  contactIds: facts.contactIds.default([]),
}).strict();
export type BreachDeclareInput = z.infer<typeof breachDeclareInput>;

/** The facts and the assessment, edited from the breach's panel (If-Match on its version). */
export const breachUpdateInput = z.object(facts).partial().extend({
  riskLevel: z.enum(RISK_LEVELS).nullable().optional(),
  /** Whether the CNIL must be told: not when the breach is unlikely to result in a risk (art. 33.1), the reason written (art. 33.5). */
  authorityDecision: z.enum(['notify', 'not-required']).nullable().optional(),
  authorityReason: text(4000).nullable().optional(),
  /** Whether the people must be told: when the risk is high, unless art. 34.3 applies (the reason written). */
  peopleDecision: z.enum(['inform', 'not-required']).nullable().optional(),
  peopleReason: text(4000).nullable().optional(),
}).strict();
export type BreachUpdateInput = z.infer<typeof breachUpdateInput>;

/** One notification to the CNIL: the initial one within 72 hours, then complements (art. 33.4, phased notification). */
export const breachNotificationInput = z.object({
  phase: z.enum(['initial', 'complement']),
  notifiedAt: instant,
  /** The CNIL's acknowledgement number of the notification (its online form gives one). */
  reference: requiredText(100),
  /** Why the initial notification came after 72 hours, when it did (art. 33.1). */
  delayReason: text(4000).nullable().default(null),
}).strict();
export type BreachNotificationInput = z.infer<typeof breachNotificationInput>;

/** A communication to the people concerned made outside the platform (a letter, a call, a notice on the website). */
export const breachCommunicationInput = z.object({
  at: instant,
  channel: z.enum(['mail', 'letter', 'phone', 'website', 'other']),
  text: requiredText(8000),
  recipients: z.number().int().min(0).max(1_000_000_000).nullable().default(null),
}).strict();
export type BreachCommunicationInput = z.infer<typeof breachCommunicationInput>;

export const breachListQuery = z.object({
  status: z.enum(BREACH_STATUSES).optional(),
  open: z.enum(['true', 'false']).optional(),
}).strict();

const notificationView = breachNotificationInput.extend({ recordedBy: z.string().uuid().nullable() });
const communicationView = z.object({
  at: z.string(),
  channel: breachCommunicationInput.shape.channel,
  text: z.string(),
  recipients: z.number().int().nullable(),
  /** The comms messages sent by the process (mail), when it sent them. */
  messageIds: z.array(z.string()),
});
const escalationView = z.object({ hours: z.union([z.literal(24), z.literal(48), z.literal(72)]), at: z.string(), notified: z.number().int() });

/** A breach as the API answers it. */
export const breachView = z.object({
  id: z.string().uuid(),
  number: z.number().int(),
  title: z.string(),
  nature: z.array(z.enum(BREACH_NATURES)),
  description: z.string(),
  startedAt: z.string().nullable(),
  discoveredAt: z.string(),
  dataCategories: z.array(dataCategory),
  peopleCategories: z.array(z.string()),
  approxPeople: z.number().int().nullable(),
  approxRecords: z.number().int().nullable(),
  consequences: z.string(),
  measuresTaken: z.string(),
  measuresProposed: z.string(),
  riskLevel: z.enum(RISK_LEVELS).nullable(),
  authorityDecision: z.enum(['notify', 'not-required']).nullable(),
  authorityReason: z.string().nullable(),
  peopleDecision: z.enum(['inform', 'not-required']).nullable(),
  peopleReason: z.string().nullable(),
  contactIds: z.array(z.string().uuid()),
  notifications: z.array(notificationView),
  communications: z.array(communicationView),
  escalations: z.array(escalationView),
  status: z.enum(BREACH_STATUSES),
  /** Discovery + 72 hours: when the CNIL must have been notified. */
  deadlineAt: z.string(),
  /** Milliseconds left before the deadline (negative: late) while a notification is still due; null once notified or documented. */
  msLeft: z.number().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Breach = z.infer<typeof breachView>;
export type BreachNotification = z.infer<typeof notificationView>;
export type BreachCommunication = z.infer<typeof communicationView>;
export type BreachEscalation = z.infer<typeof escalationView>;

/** The notification prepared for the CNIL's online form (GET …/breaches/:id/notification). */
export const preparedNotificationView = z.object({
  breachId: z.string().uuid(),
  number: z.number().int(),
  title: z.string(),
  phase: z.enum(['initial', 'complement']),
  late: z.boolean(),
  sections: z.array(z.object({
    key: z.enum(['who', 'what', 'when', 'data', 'consequences', 'measures']),
    title: z.string(),
    lines: z.array(z.object({ label: z.string(), value: z.string() })),
  })),
  text: z.string(),
});
