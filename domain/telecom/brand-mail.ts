import type { Knex } from 'knex';
import type { MailRecipient, MailVariant } from '../comms/mail-variant';

/** The source a brand's variant is recorded under in a message's history. */
export const BRAND_MAIL_SOURCE = 'telecom.brand';

type Row = Record<string, unknown>;

/** The branding's choice for a template key, without I/O: its own template for the key, its sender's name. */
export function brandMailVariant(branding: { mailTemplates: Record<string, unknown> | null; mailSenderName: string | null } | undefined, templateKey: string | null): MailVariant | null {
  if (!branding) return null;
  const own = templateKey ? branding.mailTemplates?.[templateKey] : undefined;
  const templateId = typeof own === 'string' ? own : null;
  const senderName = branding.mailSenderName || null;
  return templateId || senderName ? { source: BRAND_MAIL_SOURCE, templateId, senderName } : null;
}

/**
 * A client's white-label mail (spec 002 §11, ADR 0048): the recipient's account (the contact's, read from
 * the core's contact record by comms) → its telecom profile's brand, when active → the brand's branding.
 * Comms calls it in the send's transaction (row-level security applies).
 */
export async function telecomMailVariant(trx: Knex.Transaction, recipient: MailRecipient, templateKey: string | null): Promise<MailVariant | null> {
  if (!recipient.accountId) return null;
  const branding: Row | undefined = await trx('telecomAccountProfiles as p')
    .join('telecomBrands as b', 'b.id', 'p.brandId')
    .join('telecomBrandBrandings as g', 'g.brandId', 'b.id')
    .where({ 'p.accountId': recipient.accountId, 'b.active': true })
    .first('g.mailTemplates', 'g.mailSenderName');
  return brandMailVariant(branding as { mailTemplates: Record<string, unknown> | null; mailSenderName: string | null } | undefined, templateKey);
}
