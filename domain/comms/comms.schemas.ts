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
