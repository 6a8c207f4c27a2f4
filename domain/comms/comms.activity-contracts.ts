import { z } from 'zod';
import { fieldIssue } from '../i18n/zod-issues';
import { defineActivity } from '../process/activity-definition';

/**
 * Sending SMS and mail from a process's service task. Every send is
 * idempotent on the task's key: a retried task never sends twice. Refusals
 * (invalid number, STOP, no consent, missing variable) fail at once with
 * their reason; a provider outage is retried with backoff, then opens an
 * incident with the message still pending.
 */
const uuid = z.string().uuid();
const common = {
  /** The recipient contact: its mobile (else phone) or email is used unless `to` is given. */
  contactId: uuid.optional(),
  to: z.string().trim().max(254).optional(),
  /** A template of the organisation (key + language), or free text in `body`. */
  templateKey: z.string().max(80).optional(),
  language: z.enum(['fr', 'en']).optional(),
  body: z.string().trim().min(1).max(1600).optional(),
  /** Variables beyond contact/account/tenant/sender, e.g. { invoice: { number, amountDue, dueDate } }. */
  variables: z.record(z.string(), z.unknown()).optional(),
  /** The business record whose timeline shows the message (defaults to the contact). */
  recordType: z.string().regex(/^[a-z][a-z-]{1,40}$/).optional(),
  recordId: uuid.optional(),
  /** Set by the bulk-send workflow only: the campaign the message belongs to. */
  campaignId: uuid.optional(),
};
const refine = <T extends { contactId?: string; to?: string; templateKey?: string; body?: string }>(schema: z.ZodType<T>) => schema
  .refine((v) => v.contactId || v.to, { message: fieldIssue('field.give-one-of'), params: { names: ['contactId', 'to'] }, path: ['to'] })
  .refine((v) => Boolean(v.templateKey) !== Boolean(v.body), { message: fieldIssue('field.give-exactly-one'), params: { names: ['templateKey', 'body'] }, path: ['body'] });

export const smsSendInput = refine(z.object(common).strict());
export const mailSendInput = refine(z.object({ ...common, body: z.string().trim().min(1).max(100_000).optional(), subject: z.string().trim().min(1).max(300).optional() }).strict());
export type SmsSendInput = z.infer<typeof smsSendInput>;
export type MailSendInput = z.infer<typeof mailSendInput>;

export const sendOutput = z.object({
  messageId: uuid,
  status: z.string(),
  providerMessageId: z.string().nullable(),
});
export type SendOutput = z.infer<typeof sendOutput>;

/** Transient failures get this backoff; the HTTP timeout of the adapters (15 s) stays below the attempt timeout. */
const retry = { maximumAttempts: 8, initialIntervalMs: 5_000, backoffCoefficient: 2, maximumIntervalMs: 10 * 60_000 };

export const commsSmsSend = defineActivity({
  name: 'comms.sms.send',
  description: { fr: 'Envoie un SMS (modèle ou texte libre) à un contact ou un numéro', en: 'Sends an SMS (template or free text) to a contact or a number' },
  input: smsSendInput,
  output: sendOutput,
  retry,
  timeoutMs: 45_000,
});

export const commsMailSend = defineActivity({
  name: 'comms.mail.send',
  description: { fr: 'Envoie un e-mail (modèle ou texte libre) à un contact ou une adresse', en: 'Sends an email (template or free text) to a contact or an address' },
  input: mailSendInput,
  output: sendOutput,
  retry,
  timeoutMs: 45_000,
});

export const COMMS_ACTIVITIES = [commsSmsSend, commsMailSend];
