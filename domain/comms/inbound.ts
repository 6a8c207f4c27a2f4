import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { recordReplyWithdrawal } from '../gdpr/consent-ledger';
import { appendMessageHistory, recordEvent } from './messages';
import { detectOptKeyword } from './opt-out-keywords';
import { toE164 } from './phone-number';

/**
 * An SMS received from a person (Twilio's inbound webhook, or the sandbox's
 * simulated reply). It is kept as a message on the sender's contact; STOP and
 * its French equivalents opt the number out (and withdraw the contact's consents by SMS in the consent
 * ledger), START opts it back in (it gives no consent).
 */
export interface InboundSms {
  from: string;
  to: string | null;
  body: string;
  provider: 'twilio' | 'sandbox';
  providerMessageId: string;
}

export interface InboundOutcome {
  messageId: string;
  optOut: 'stop' | 'start' | null;
}

export async function handleInboundSms(trx: Knex.Transaction, tenantId: string, sms: InboundSms): Promise<InboundOutcome> {
  const from = toE164(sms.from) ?? sms.from;
  const existing = await trx('messages').where({ provider: sms.provider, providerMessageId: sms.providerMessageId }).first('id');
  // Twilio retries a webhook it got no answer to: the same MessageSid is one message.
  if (existing) return { messageId: existing.id, optOut: null };
  const contacts = await trx('contacts').where('mobile', from).orWhere('phone', from).limit(2).select('id');
  const contactId = contacts.length === 1 ? contacts[0].id as string : null;
  const keyword = detectOptKeyword(sms.body);
  const id = crypto.randomUUID();
  const [row] = await trx('messages').insert({
    id, tenantId, channel: 'sms', direction: 'inbound', category: 'transactional', recipient: sms.to, sender: from, contactId,
    body: sms.body, status: 'received', provider: sms.provider, providerMessageId: sms.providerMessageId,
    recordType: contactId ? 'contact' : null, recordId: contactId, idempotencyKey: `inbound/${sms.provider}/${sms.providerMessageId}`,
  }).returning('*');
  await recordEvent(trx, tenantId, id, 'received', keyword ? { keyword: keyword.keyword } : {});
  if (keyword?.action === 'stop') {
    await trx('commsOptOuts').insert({ tenantId, channel: 'sms', address: from, keyword: keyword.keyword, source: `reply:${sms.provider}` })
      .onConflict(['tenantId', 'channel', 'address']).merge(['keyword', 'source', 'at']);
    // The proof in the person's consent ledger (docs/adr/0024): their consents by SMS end here.
    if (contactId) await recordReplyWithdrawal(trx, tenantId, contactId, 'sms', keyword.keyword);
  } else if (keyword?.action === 'start') {
    await trx('commsOptOuts').where({ channel: 'sms', address: from }).delete();
  }
  await appendMessageHistory(trx, tenantId, { ...row, errorReason: keyword ? `${keyword.action === 'stop' ? 'Opt-out' : 'Opt-in'} (${keyword.keyword})` : null }, null);
  return { messageId: id, optOut: keyword?.action ?? null };
}
