import type { Knex } from 'knex';
import type { Category, Channel } from './comms.schemas';

/** Why a message is not sent; each comes with a sentence for the person who reads the outbox. */
export type RefusalReason =
  | 'unknown_contact' | 'unknown_template' | 'missing_variables' | 'no_address' | 'invalid_number' | 'invalid_address'
  | 'opted_out' | 'no_consent' | 'too_long';

export interface Refusal {
  reason: RefusalReason;
  message: string;
}

export async function isOptedOut(trx: Knex.Transaction, channel: Channel, address: string): Promise<boolean> {
  return Boolean(await trx('commsOptOuts').where({ channel, address }).first('address'));
}

export async function hasConsent(trx: Knex.Transaction, contactId: string, channel: Channel): Promise<boolean> {
  return Boolean(await trx('commsConsents').where({ contactId, channel }).whereNull('withdrawnAt').first('id'));
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
      message: m.channel === 'sms'
        ? `${m.recipient} replied STOP: no SMS may be sent to this number until it replies START.`
        : `${m.recipient} unsubscribed: no mail may be sent to this address.`,
    };
  }
  if (m.category === 'marketing') {
    if (!m.contactId) return { reason: 'no_consent', message: 'A marketing message goes only to a contact with recorded consent: name the contact.' };
    if (!(await hasConsent(trx, m.contactId, m.channel))) {
      return { reason: 'no_consent', message: `This contact has not consented to marketing by ${m.channel === 'sms' ? 'SMS' : 'mail'}: record their consent first.` };
    }
  }
  return null;
}
