import type { Knex } from 'knex';
import type { Category, Channel } from './comms.schemas';
import type { Message } from '../i18n/messages';
import { commsMessage } from './comms.messages';
import { consentAllowsAcross } from '../gdpr/consent-ledger';
import type { ConsentSubject } from '../gdpr/consent.schemas';
import { modulesOf } from '../modules/registry';
import { marketingPurposeOf } from './template-kinds';

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

/** The contact, then whoever the organisation's modules say also speaks for it (a student's portal user). */
export async function consentSubjectsOf(trx: Knex.Transaction, contactId: string): Promise<ConsentSubject[]> {
  const tenant = await trx('tenants').first('verticals');
  const subjects: ConsentSubject[] = [{ kind: 'contact', id: contactId }];
  for (const module of modulesOf((tenant?.verticals as string[] | undefined) ?? [])) {
    if (module.consentSubjectsFor) subjects.push(...await module.consentSubjectsFor(trx, contactId));
  }
  return subjects;
}

/**
 * The contact's consent to the purpose on the channel, in force now: the latest entry across the contact's ledger
 * and its other subjects' (docs/adr/0024, ADR 0052) decides.
 */
export async function hasConsent(trx: Knex.Transaction, contactId: string, channel: Channel, purpose = marketingPurposeOf(null)): Promise<boolean> {
  return consentAllowsAcross(trx, await consentSubjectsOf(trx, contactId), purpose, channel);
}

/** The purpose a marketing message needs: its template kind's, else `comms.marketing`. */
async function purposeOf(trx: Knex.Transaction, templateId: string | null | undefined): Promise<string> {
  const template = templateId ? await trx('commsTemplates').where({ id: templateId }).first('kind') : undefined;
  return marketingPurposeOf((template?.kind as string | undefined) ?? null);
}

/**
 * The rules checked before every send and again just before the provider
 * call (an opt-out may arrive in between): STOP wins over everything;
 * marketing needs the contact's recorded consent for the channel, to the purpose its template's kind names
 * (`comms.marketing` by default), the latest word across the contact and its modules' consent subjects.
 */
export async function checkPolicy(
  trx: Knex.Transaction, m: { channel: Channel; category: Category; recipient: string; contactId: string | null; templateId?: string | null },
): Promise<Refusal | null> {
  if (await isOptedOut(trx, m.channel, m.recipient)) {
    return {
      reason: 'opted_out',
      message: commsMessage('comms.refused.opted-out', { channel: m.channel, recipient: m.recipient }),
    };
  }
  if (m.category === 'marketing') {
    if (!m.contactId) return { reason: 'no_consent', message: commsMessage('comms.refused.marketing-needs-contact') };
    if (!(await hasConsent(trx, m.contactId, m.channel, await purposeOf(trx, m.templateId)))) {
      return { reason: 'no_consent', message: commsMessage('comms.refused.no-consent', { channel: m.channel }) };
    }
  }
  return null;
}
