import type { Knex } from 'knex';
import type { Category, Channel } from './comms.schemas';
import type { Message } from '../i18n/messages';
import { commsMessage } from './comms.messages';
import { consentAllows } from '../gdpr/consent-ledger';

/** Why a message is not sent; each comes with a sentence for the person who reads the outbox. */
export type RefusalReason =
  | 'unknown_contact' | 'unknown_template' | 'missing_variables' | 'no_address' | 'invalid_number' | 'invalid_address'
  | 'opted_out' | 'no_consent' | 'too_long';

export interface Refusal {
  reason: RefusalReason;
  /** In the reader's language when answered (a 422); stored in French (DEFAULT_LOCALE) on the message's row, `reason` beside it. */
  message: Message;
}

export async function isOptedOut(trx: Knex.Transaction, channel: Channel, address: string): Promise<boolean> {
  return Boolean(await trx('commsOptOuts').where({ channel, address }).first('address'));
}

/** The contact's consent to marketing on the channel, in force now (the consent ledger's latest entry: docs/adr/0024). */
export async function hasConsent(trx: Knex.Transaction, contactId: string, channel: Channel): Promise<boolean> {
  return consentAllows(trx, { kind: 'contact', id: contactId }, 'comms.marketing', channel);
}

/**
 * The rules checked before every send and again just before the provider
 * call (an opt-out may arrive in between): STOP wins over everything;
 * marketing needs the contact's recorded consent for the channel.
 */
export async function checkPolicy(trx: Knex.Transaction, m: { channel: Channel; category: Category; recipient: string; contactId: string | null }): Promise<Refusal | null> {
  if (await isOptedOut(trx, m.channel, m.recipient)) {
    return {
      reason: 'opted_out',
      message: commsMessage('comms.refused.opted-out', { channel: m.channel, recipient: m.recipient }),
    };
  }
  if (m.category === 'marketing') {
    if (!m.contactId) return { reason: 'no_consent', message: commsMessage('comms.refused.marketing-needs-contact') };
    if (!(await hasConsent(trx, m.contactId, m.channel))) {
      return { reason: 'no_consent', message: commsMessage('comms.refused.no-consent', { channel: m.channel }) };
    }
  }
  return null;
}
