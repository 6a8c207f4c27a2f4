import type { Knex } from 'knex';
import { isUuid } from '../core/record-service';
import type { Category, Channel, Language, SendRequest } from './comms.schemas';
import { toE164 } from './phone-number';
import { checkPolicy, type Refusal } from './policy';
import { render } from './template-renderer';
import { commsMessage } from './comms.messages';
import { chooseTemplate, resolveMailVariant, type VariantNote } from './mail-variant';

/** A message ready to be written and sent: recipient checked, text rendered, policy passed. */
export interface Outgoing {
  channel: Channel;
  category: Category;
  recipient: string | null;
  contactId: string | null;
  templateId: string | null;
  templateKey: string | null;
  language: Language | null;
  subject: string | null;
  body: string;
  recordType: string | null;
  recordId: string | null;
  /** Headers the mail is sent with (`messages.mail_headers`): a module's sender name, `{ fromName }` (ADR 0048). */
  mailHeaders?: string;
}

/** `variant`: what a module's mail variant changed (a brand's template, or its fallback), for the message's history. */
export type Prepared =
  | { ok: true; message: Outgoing; variant?: VariantNote }
  | { ok: false; refusal: Refusal; message: Outgoing; variant?: VariantNote };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MAX_SMS_CHARACTERS = 1600;

type Row = Record<string, unknown>;

/** Variables every send provides: the contact, its account, the organisation and who sends. */
export async function baseVariables(trx: Knex.Transaction, contact: Row | undefined, senderName: string): Promise<Record<string, unknown>> {
  const tenant = await trx('tenants').first('name');
  const account = contact ? await trx('accounts').where({ id: contact.accountId }).first('name') : undefined;
  const first = (contact?.firstName as string) ?? '';
  const last = (contact?.lastName as string) ?? '';
  return {
    contact: contact ? { firstName: first, lastName: last, fullName: [first, last].filter(Boolean).join(' ') } : undefined,
    account: account ? { name: account.name } : undefined,
    tenant: { name: tenant?.name ?? '' },
    sender: { name: senderName },
  };
}

/** Deep merge of plain objects: the caller's variables complete or override the base ones. */
export function mergeVariables(base: Record<string, unknown>, extra: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra ?? {})) {
    const current = out[key];
    out[key] = value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object'
      ? mergeVariables(current as Record<string, unknown>, value as Record<string, unknown>)
      : value;
  }
  return out;
}

async function findTemplate(trx: Knex.Transaction, channel: Channel, key: string, language: Language | undefined): Promise<Row | undefined> {
  if (language) return trx('commsTemplates').where({ channel, key, language }).first();
  // No language asked: the organisation's language first, then any.
  const tenant = await trx('tenants').first('locale');
  return trx('commsTemplates').where({ channel, key })
    .orderByRaw('case when language = ? then 0 else 1 end, language', [tenant?.locale ?? 'fr']).first();
}

export async function prepareOutgoing(trx: Knex.Transaction, request: SendRequest, senderName: string): Promise<Prepared> {
  const contact: Row | undefined = request.contactId && isUuid(request.contactId)
    ? await trx('contacts').where({ id: request.contactId }).first('id', 'accountId', 'firstName', 'lastName', 'email', 'phone', 'mobile')
    : undefined;
  const draft: Outgoing = {
    channel: request.channel, category: 'transactional', recipient: request.to ?? null, contactId: contact ? String(contact.id) : null,
    templateId: null, templateKey: request.templateKey ?? null, language: request.language ?? null,
    subject: request.subject ?? null, body: request.body ?? '',
    recordType: request.recordType ?? (contact ? 'contact' : null), recordId: request.recordId ?? (contact ? String(contact.id) : null),
  };
  let note: VariantNote | undefined;
  const refuse = (refusal: Refusal): Prepared => ({ ok: false, refusal, message: draft, ...(note ? { variant: note } : {}) });
  if (request.contactId && !contact) return refuse({ reason: 'unknown_contact', message: commsMessage('comms.refused.unknown-contact') });

  // A module's variant of a mail to its client: a white-label brand's template and sender (ADR 0048).
  const aboutAccount = draft.recordType === 'account' && draft.recordId && isUuid(draft.recordId) ? draft.recordId : null;
  const variant = request.channel === 'mail'
    ? await resolveMailVariant(trx, { contactId: draft.contactId, accountId: (contact?.accountId as string | undefined) ?? aboutAccount }, request.templateKey ?? null)
    : null;
  if (variant) note = { source: variant.source, templateId: null, fallback: false };
  if (variant?.senderName) draft.mailHeaders = JSON.stringify({ fromName: variant.senderName });

  if (request.templateKey) {
    const variantTemplate: Row | undefined = variant?.templateId && isUuid(variant.templateId)
      ? await trx('commsTemplates').where({ id: variant.templateId }).first()
      : undefined;
    const choice = chooseTemplate(variant, variantTemplate as { channel: string } | undefined);
    note = choice.note ?? undefined;
    const template = choice.use === 'variant' ? variantTemplate : await findTemplate(trx, request.channel, request.templateKey, request.language);
    if (!template) {
      return refuse({ reason: 'unknown_template', message: commsMessage('comms.refused.unknown-template', { channel: request.channel, key: request.templateKey, language: request.language ?? null }) });
    }
    Object.assign(draft, { templateId: template.id, language: template.language, category: template.category });
    const variables = mergeVariables(await baseVariables(trx, contact, senderName), request.variables);
    const body = render(String(template.body), variables);
    const subject = template.subject ? render(String(template.subject), variables) : { ok: true as const, text: request.subject ?? '' };
    const missing = [...(body.ok ? [] : body.missing), ...(subject.ok ? [] : subject.missing)];
    draft.body = body.ok ? body.text : String(template.body);
    if (missing.length) return refuse({ reason: 'missing_variables', message: commsMessage('comms.refused.missing-variables', { missing }) });
    draft.subject = subject.ok && subject.text ? subject.text : null;
  }

  if (request.channel === 'sms') {
    const raw = request.to ?? (contact?.mobile as string) ?? (contact?.phone as string) ?? null;
    if (!raw) return refuse({ reason: 'no_address', message: commsMessage('comms.refused.no-phone') });
    const e164 = toE164(raw);
    if (!e164) return refuse({ reason: 'invalid_number', message: commsMessage('comms.refused.invalid-number', { number: raw }) });
    draft.recipient = e164;
    if (draft.body.length > MAX_SMS_CHARACTERS) return refuse({ reason: 'too_long', message: commsMessage('comms.refused.too-long', { max: MAX_SMS_CHARACTERS, length: draft.body.length }) });
  } else {
    const raw = request.to ?? (contact?.email as string) ?? null;
    if (!raw) return refuse({ reason: 'no_address', message: commsMessage('comms.refused.no-email') });
    if (!EMAIL.test(raw)) return refuse({ reason: 'invalid_address', message: commsMessage('comms.refused.invalid-address', { address: raw }) });
    draft.recipient = raw.trim().toLowerCase();
    if (!draft.subject) draft.subject = request.subject ?? '(sans objet)';
  }
  const refusal = await checkPolicy(trx, { channel: draft.channel, category: draft.category, recipient: draft.recipient, contactId: draft.contactId, templateId: draft.templateId });
  return refusal ? refuse(refusal) : { ok: true, message: draft, ...(note ? { variant: note } : {}) };
}
