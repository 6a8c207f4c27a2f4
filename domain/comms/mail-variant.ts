import type { Knex } from 'knex';
import { modulesOf } from '../modules/registry';

/**
 * A module's variant of an outgoing mail (docs/adr/0048): a white-label brand's own template for a
 * template key, and the name its mails are sent under. Comms asks the modules of the organisation while
 * it prepares a mail, in the send's transaction; the first answer wins. Comms never names a vertical.
 */
export interface MailRecipient {
  /** The contact the mail goes to, when the send names one. */
  contactId: string | null;
  /** The contact's account (the core's contact record), or the account the mail is about. */
  accountId: string | null;
}

export interface MailVariant {
  /** Who answered, for the message's history (`telecom.brand`): no personal data. */
  source: string;
  /** The template to use instead of the organisation's one for this key; null: the organisation's template. */
  templateId: string | null;
  /** The display name of the mail's sender (`Fibre Ouest <noreply@…>`); null: the organisation's. */
  senderName: string | null;
}

/**
 * Declared by a module in its manifest (`mailVariant`). Given the recipient and the template key (null for a
 * mail written without a template), answers the variant or null. Runs in the tenant's transaction.
 */
export type MailVariantResolver = (trx: Knex.Transaction, recipient: MailRecipient, templateKey: string | null) => Promise<MailVariant | null>;

/** What the history of a message keeps about its variant: ids and the rule applied, never a name. */
export interface VariantNote {
  source: string;
  templateId: string | null;
  /** The variant's template was missing (deleted, or not a mail template): the organisation's was used. */
  fallback: boolean;
}

export interface TemplateChoice {
  /** `variant`: the variant's template; `default`: the organisation's template for the key. */
  use: 'variant' | 'default';
  note: VariantNote | null;
}

/**
 * The choice rule, without I/O: the variant's template when it names one that exists and is a mail template;
 * otherwise the organisation's, noting that the variant's was missing.
 */
export function chooseTemplate(variant: MailVariant | null, variantTemplate: { channel: string } | undefined): TemplateChoice {
  if (!variant) return { use: 'default', note: null };
  if (!variant.templateId) return { use: 'default', note: { source: variant.source, templateId: null, fallback: false } };
  if (variantTemplate && variantTemplate.channel === 'mail') return { use: 'variant', note: { source: variant.source, templateId: variant.templateId, fallback: false } };
  return { use: 'default', note: { source: variant.source, templateId: variant.templateId, fallback: true } };
}

/** The first variant a module of the organisation answers for this recipient, or null. */
export async function resolveMailVariant(trx: Knex.Transaction, recipient: MailRecipient, templateKey: string | null): Promise<MailVariant | null> {
  if (!recipient.accountId && !recipient.contactId) return null;
  const tenant = await trx('tenants').first('verticals');
  for (const module of modulesOf((tenant?.verticals as string[] | undefined) ?? [])) {
    const variant = module.mailVariant ? await module.mailVariant(trx, recipient, templateKey) : null;
    if (variant) return variant;
  }
  return null;
}

/** `from` (`Relais <noreply@x>` or `noreply@x`) under another display name, quoted as RFC 5322 wants. */
export function withDisplayName(from: string, name: string | null | undefined): string {
  const display = name?.replace(/[\r\n]+/g, ' ').trim();
  if (!display) return from;
  const address = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from.trim();
  return `"${display.replace(/["\\]/g, (c) => `\\${c}`)}" <${address}>`;
}
