import { z } from 'zod';
import { optionalText, requiredText, uuid } from '../core/fields';
import { TEMPLATE_KIND_KEYS } from './template-kinds';
import { fieldIssue } from '../i18n/zod-issues';

/** API and activity inputs of the comms context (one schema per concept). */
export const channel = z.enum(['sms', 'mail']);
export const language = z.enum(['fr', 'en']);
export const category = z.enum(['transactional', 'marketing']);
export type Channel = z.infer<typeof channel>;
export type Language = z.infer<typeof language>;
export type Category = z.infer<typeof category>;

export const MESSAGE_STATUSES = ['pending', 'refused', 'queued', 'sending', 'sent', 'delivered', 'failed', 'undelivered', 'received'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

const templateKey = z.string().regex(/^[a-z0-9][a-z0-9.-]{0,79}$/, fieldIssue('field.template-key'));
const variables = z.record(z.string(), z.unknown());

export const templateCreate = z.object({
  key: templateKey,
  language,
  channel,
  category,
  kind: z.enum(TEMPLATE_KIND_KEYS),
  name: requiredText(200),
  subject: optionalText(300),
  body: requiredText(10_000),
}).strict();
export const templateUpdate = templateCreate.omit({ key: true, language: true, channel: true }).partial().strict();
export type TemplateCreate = z.infer<typeof templateCreate>;
export type TemplateUpdate = z.infer<typeof templateUpdate>;

/** Preview of a template being edited (not yet saved), or of a saved one (`templateId`). */
export const templatePreview = z.object({
  templateId: uuid.optional(),
  kind: z.enum(TEMPLATE_KIND_KEYS).optional(),
  channel: channel.optional(),
  category: category.optional(),
  subject: optionalText(300),
  body: z.string().max(10_000).optional(),
  /** Real data: the contact's own fields fill contact/account. */
  contactId: uuid.optional(),
  variables: variables.optional(),
}).strict().refine((v) => v.templateId || (v.kind && v.body !== undefined), { message: fieldIssue('field.template-or-body') });

/**
 * What to send: to a contact (its mobile, else phone; or its email) or to a
 * raw address; a template (by key and language) or free text.
 */
export const sendRequest = z.object({
  channel,
  contactId: uuid.optional(),
  to: z.string().trim().max(254).optional(),
  templateKey: templateKey.optional(),
  language: language.optional(),
  body: z.string().trim().min(1).max(1600).optional(),
  subject: z.string().trim().min(1).max(300).optional(),
  variables: variables.optional(),
  /** The business record the message concerns (its timeline shows it); defaults to the contact. */
  recordType: z.string().regex(/^[a-z][a-z-]{1,40}$/).optional(),
  recordId: uuid.optional(),
}).strict()
  .refine((v) => v.contactId || v.to, { message: fieldIssue('field.give-one-of'), params: { names: ['contactId', 'to'] }, path: ['to'] })
  .refine((v) => Boolean(v.templateKey) !== Boolean(v.body), { message: fieldIssue('field.give-exactly-one'), params: { names: ['templateKey', 'body'] }, path: ['body'] })
  .refine((v) => !(v.recordType && !v.recordId) && !(v.recordId && !v.recordType), { message: fieldIssue('field.go-together'), params: { names: ['recordType', 'recordId'] }, path: ['recordId'] });
export type SendRequest = z.infer<typeof sendRequest>;

export const consentRecord = z.object({
  channel,
  source: requiredText(200),
}).strict();

export const settingsUpdate = z.object({
  smsProvider: z.enum(['sandbox', 'twilio']),
  twilioAccountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, fieldIssue('field.twilio-account-sid')).nullable().optional(),
  /** Write-only: omitted or null keeps the stored token. */
  twilioAuthToken: z.string().min(16).max(200).nullable().optional(),
  twilioFrom: z.string().max(40).nullable().optional(),
  twilioMessagingServiceSid: z.string().regex(/^MG[0-9a-fA-F]{32}$/, fieldIssue('field.twilio-service-sid')).nullable().optional(),
  mailProvider: z.enum(['sandbox', 'smtp']),
  smtpHost: z.string().max(253).nullable().optional(),
  smtpPort: z.number().int().min(1).max(65535).nullable().optional(),
  smtpSecure: z.boolean().optional(),
  smtpUser: z.string().max(254).nullable().optional(),
  smtpPassword: z.string().max(500).nullable().optional(),
  mailFrom: z.string().max(254).nullable().optional(),
  smsRatePerMinute: z.number().int().min(1).max(1_000_000).optional(),
  mailRatePerMinute: z.number().int().min(1).max(1_000_000).optional(),
}).strict();
export type SettingsUpdate = z.infer<typeof settingsUpdate>;

export const campaignCreate = z.object({
  name: requiredText(200),
  templateId: uuid,
  contactIds: z.array(uuid).min(1).max(10_000).optional(),
  /** Every contact of these accounts (or of the whole organisation with `all`). */
  filter: z.object({ accountIds: z.array(uuid).min(1).max(1000).optional(), all: z.literal(true).optional() }).strict().optional(),
  variables: variables.optional(),
}).strict().refine((v) => Boolean(v.contactIds) !== Boolean(v.filter), { message: fieldIssue('field.give-one-of'), params: { names: ['contactIds', 'filter'] }, path: ['contactIds'] });
export type CampaignCreate = z.infer<typeof campaignCreate>;

export const messageListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  recordType: z.string().max(40).optional(),
  recordId: uuid.optional(),
  contactId: uuid.optional(),
  status: z.enum(MESSAGE_STATUSES).optional(),
  channel: channel.optional(),
  direction: z.enum(['outbound', 'inbound']).optional(),
  campaignId: uuid.optional(),
}).strict();

// ---- Answers (documented in the OpenAPI; domain/comms/*.ts builds them) ----

const isoTime = z.string().describe('ISO 8601 date-time');

/** A message of the outbox and log (domain/comms/messages.ts presentMessage). */
export const messageView = z.looseObject({
  id: z.string().uuid(), channel, direction: z.enum(['outbound', 'inbound']), category: category.nullable(),
  recipient: z.string().nullable(), sender: z.string().nullable(), contactId: z.string().uuid().nullable(),
  templateId: z.string().uuid().nullable(), templateKey: z.string().nullable(), language: language.nullable(),
  subject: z.string().nullable(), body: z.string().nullable(), status: z.enum(MESSAGE_STATUSES),
  provider: z.string().nullable(), providerMessageId: z.string().nullable(), attempts: z.number().int().nullable(),
  errorCode: z.string().nullable(), errorReason: z.string().nullable(), recordType: z.string().nullable(), recordId: z.string().nullable(),
  campaignId: z.string().uuid().nullable(), sentByUserId: z.string().uuid().nullable(), sentByProcess: z.string().nullable(),
  createdAt: isoTime, updatedAt: isoTime,
});
export const messagePage = z.object({ items: z.array(messageView), nextCursor: z.string().nullable() });
export const messageDetail = messageView.extend({
  events: z.array(z.object({ status: z.string(), detail: z.unknown(), at: isoTime })).describe('Status history, oldest first'),
});
/** What a send answers: the pending message (or the first answer, for a repeated Idempotency-Key) and its workflow. */
export const messageSent = messageView.extend({ workflowId: z.string().nullable().optional() });

export const templateView = z.object({
  id: z.string().uuid(), key: z.string(), language, channel, category, kind: z.string(), name: z.string(),
  subject: z.string().nullable(), body: z.string(), version: z.number().int(), createdAt: isoTime, updatedAt: isoTime,
});
export const templateKindView = z.object({
  key: z.string(), description: z.object({ fr: z.string(), en: z.string() }), variables: z.array(z.string()), sample: z.record(z.string(), z.unknown()),
});
export const templatePreviewView = z.object({
  channel, subject: z.string().nullable(), body: z.string(), missing: z.array(z.string()),
  problems: z.array(z.looseObject({ field: z.string(), message: z.unknown() })),
  segments: z.object({ encoding: z.enum(['GSM-7', 'UCS-2']), characters: z.number().int(), segments: z.number().int() }).nullable(),
});

export const consentView = z.object({
  channel, source: z.string(), grantedAt: isoTime.nullable(), recordedBy: z.string().uuid().nullable(), withdrawnAt: isoTime.nullable(), active: z.boolean(),
});

export const campaignView = z.object({
  id: z.string().uuid(), name: z.string().nullable(), channel, templateId: z.string().uuid().nullable(), workflowId: z.string(), status: z.string(),
  total: z.number().int(), ratePerMinute: z.number().int(), createdBy: z.string().uuid().nullable(), createdAt: isoTime, completedAt: isoTime.nullable(),
});
export const campaignStarted = z.object({ id: z.string().uuid(), workflowId: z.string(), total: z.number().int(), status: z.literal('running') });
export const campaignReportView = campaignView.extend({
  counts: z.object({ pending: z.number().int(), sent: z.number().int(), refused: z.number().int(), failed: z.number().int() }),
  recipients: z.array(z.object({
    position: z.number().int(), contactId: z.string().uuid(), name: z.string().nullable(), outcome: z.enum(['pending', 'sent', 'refused', 'failed']),
    status: z.enum(MESSAGE_STATUSES).nullable(), recipient: z.string().nullable(), reason: z.string().nullable(), messageId: z.string().uuid().nullable(),
  })),
  nextAfter: z.number().int().nullable().describe('`after` of the next page; null on the last'),
});

/** Providers and rates: secrets are write-only (only whether one is set). */
export const settingsView = z.object({
  smsProvider: settingsUpdate.shape.smsProvider, twilioAccountSid: z.string().nullable(), twilioAuthTokenSet: z.boolean(),
  twilioFrom: z.string().nullable(), twilioMessagingServiceSid: z.string().nullable(),
  mailProvider: settingsUpdate.shape.mailProvider, smtpHost: z.string().nullable(), smtpPort: z.number().int().nullable(), smtpSecure: z.boolean(),
  smtpUser: z.string().nullable(), smtpPasswordSet: z.boolean(), mailFrom: z.string().nullable(),
  smsRatePerMinute: z.number().int(), mailRatePerMinute: z.number().int(), version: z.number().int(),
});
export const inboundOutcome = z.object({ messageId: z.string().uuid(), optOut: z.enum(['stop', 'start']).nullable().describe('The keyword\'s effect: STOP opts out, START opts back in') });
