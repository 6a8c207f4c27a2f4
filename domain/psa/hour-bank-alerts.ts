import type { Knex } from 'knex';
import { quoteCreate } from '../billing/billing.schema';
import { billingQuotes } from '../billing/resources';
import { insertMessage } from '../comms/delivery';
import { prepareOutgoing } from '../comms/prepare-outgoing';
import { processContext } from '../core/process-context';
import { createRecord } from '../core/record-service';
import { DomainError } from '../errors';
import type { Message } from '../i18n/messages';
import type { AlertThreshold } from './contract.schema';
import { contractsMessage as m } from './contracts.messages';

/**
 * An hour bank's thresholds (spec 003 §6.4): « 20 % », « 10 % » of the pack or « 2 h » left. When
 * a deduction brings the balance to or below one, it is crossed — once per purchased pack
 * (`psa_contract_alerts`, keyed by the number of purchases so far) — and, in the deduction's
 * transaction: a draft renewal quote for the same pack (billing), and a mail to the account manager
 * and to the client's contact, queued in the comms outbox (`messages`, pending, an idempotency key
 * of the alert) and sent once the transaction commits (`startContractAlertMails`, api/psa).
 */
type Row = Record<string, unknown>;

/** The idempotency keys of alert mails start with it: what the sender looks for after a commit. */
export const ALERT_MAIL_KEY = 'psa.contract-alert/';

/** `percent:20`, `minutes:120`: how an alert row names its threshold. */
export function thresholdKey(threshold: AlertThreshold): string {
  return 'percent' in threshold ? `percent:${threshold.percent}` : `minutes:${threshold.minutes}`;
}

/** The balance at or below which a threshold is crossed, for a pack of `packMinutes`. */
export function thresholdMinutes(threshold: AlertThreshold, packMinutes: number): number {
  return 'percent' in threshold ? Math.floor((packMinutes * threshold.percent) / 100) : threshold.minutes;
}

/** The thresholds a balance has reached (at or below their level), lowest level first. */
export function reachedThresholds(thresholds: readonly AlertThreshold[], packMinutes: number, remainingMinutes: number): AlertThreshold[] {
  return thresholds
    .filter((t) => remainingMinutes <= thresholdMinutes(t, packMinutes))
    .sort((a, b) => thresholdMinutes(a, packMinutes) - thresholdMinutes(b, packMinutes));
}

/** « 1 h 30 », « 10 h », « 45 min », « 0 h ». */
export function formatMinutes(total: number): string {
  const sign = total < 0 ? '−' : '';
  const abs = Math.abs(total);
  const hours = Math.floor(abs / 60);
  const rest = abs % 60;
  if (hours === 0 && rest > 0) return `${sign}${rest} min`;
  return `${sign}${hours} h${rest ? ` ${String(rest).padStart(2, '0')}` : ''}`;
}

/** How a threshold reads in a mail: « 20 % » or « 2 h ». */
function thresholdLabel(threshold: AlertThreshold): string {
  return 'percent' in threshold ? `${threshold.percent} %` : formatMinutes(threshold.minutes);
}

export interface AlertOutcome {
  /** The thresholds crossed now (none: nothing written). */
  crossed: string[];
  renewalQuoteId: string | null;
  /** Ids of the mails queued (pending), to send after the commit. */
  messageIds: string[];
}

/**
 * Checks the contract's thresholds after its balance went down, in the caller's transaction (the
 * contract's row locked by it). `actorUserId`: who approved the time (the history credits them).
 */
export async function checkThresholds(trx: Knex.Transaction, tenantId: string, contractId: string, actorUserId: string | null): Promise<AlertOutcome> {
  const none: AlertOutcome = { crossed: [], renewalQuoteId: null, messageIds: [] };
  const contract = (await trx('psaContracts as k').join('accounts as a', 'a.id', 'k.accountId').where('k.id', contractId)
    .first('k.*', 'a.name as accountName', 'a.ownerId as accountOwnerId')) as Row | undefined;
  if (!contract || contract.type !== 'hour-bank') return none;
  const thresholds = (contract.alertThresholds ?? []) as AlertThreshold[];
  if (!thresholds.length) return none;
  const purchases = await trx('psaHourMovements').where({ contractId, kind: 'purchase' })
    .orderBy([{ column: 'createdAt', order: 'desc' }, { column: 'minutes', order: 'desc' }]).select('minutes');
  const packSequence = purchases.length;
  const packMinutes = Number(purchases[0]?.minutes ?? contract.packMinutes ?? 0);
  const remaining = Number(contract.remainingMinutes);
  const reached = reachedThresholds(thresholds, packMinutes, remaining);
  if (!reached.length) return none;

  const crossed: AlertThreshold[] = [];
  for (const threshold of reached) {
    const inserted = await trx('psaContractAlerts')
      .insert({ tenantId, contractId, threshold: thresholdKey(threshold), packSequence, remainingMinutes: remaining })
      .onConflict(['tenantId', 'contractId', 'threshold', 'packSequence']).ignore().returning('threshold');
    if (inserted.length) crossed.push(threshold);
  }
  if (!crossed.length) return none;

  const language = await tenantLanguage(trx);
  const renewalQuoteId = await renewalQuote(trx, tenantId, contract, packSequence, packMinutes, remaining, actorUserId, language);
  await trx('psaContractAlerts').where({ contractId, packSequence }).whereIn('threshold', crossed.map(thresholdKey)).update({ renewalQuoteId });

  // One mail per recipient for what this deduction crossed, naming its lowest threshold.
  const lowest = crossed[0]!;
  const facts = {
    number: Number(contract.number), name: String(contract.name), account: String(contract.accountName), remaining: formatMinutes(remaining),
    purchased: formatMinutes(Number(contract.purchasedMinutes)), threshold: thresholdLabel(lowest), quote: renewalQuoteId !== null,
  };
  const subject = m('psa.contracts.alert-subject', { number: facts.number, name: facts.name, remaining: facts.remaining });
  const body = m('psa.contracts.alert-body', facts);
  const keyOf = (who: string) => `${ALERT_MAIL_KEY}${contractId}/${packSequence}/${thresholdKey(lowest)}/${who}`;
  const messageIds: string[] = [];
  const managerId = (contract.accountManagerId ?? contract.accountOwnerId) as string | null;
  const manager = managerId ? await trx('users').where({ id: managerId, active: true }).first('id', 'email') : undefined;
  if (manager?.email) {
    messageIds.push(await queueMail(trx, tenantId, keyOf(`user/${manager.id}`), { to: String(manager.email) }, subject, body, language, contractId, actorUserId));
  }
  if (contract.clientContactId) {
    messageIds.push(await queueMail(trx, tenantId, keyOf(`contact/${String(contract.clientContactId)}`), { contactId: String(contract.clientContactId) }, subject, body, language, contractId, actorUserId));
  }
  return { crossed: crossed.map(thresholdKey), renewalQuoteId, messageIds };
}

async function tenantLanguage(trx: Knex.Transaction): Promise<'fr' | 'en'> {
  const tenant = (await trx('tenants').first('locale')) as { locale?: string | null } | undefined;
  return tenant?.locale === 'en' ? 'en' : 'fr';
}

/** The pack's line on its invoice and on a renewal quote. */
export function packLine(contract: Row, minutes: number, priceCents: number, language: 'fr' | 'en') {
  return {
    description: m('psa.contracts.pack-line', { hours: Math.round((minutes / 60) * 100) / 100, number: Number(contract.number), name: String(contract.name) }).render(language),
    quantity: 1, unit: 'C62' as const, unitPriceCents: priceCents, vatRateBasisPoints: 2000,
  };
}

/** The pack's price: the contract's, else its hours at the contract's hourly rate. */
export function packPrice(contract: Row, minutes: number): number {
  if (contract.packPriceCents !== null && contract.packPriceCents !== undefined && Number(contract.packMinutes) === minutes) return Number(contract.packPriceCents);
  if (contract.packPriceCents !== null && contract.packPriceCents !== undefined && contract.packMinutes) {
    return Math.round((Number(contract.packPriceCents) * minutes) / Number(contract.packMinutes));
  }
  return Math.round((Number(contract.hourlyRateCents) * minutes) / 60);
}

/**
 * The draft renewal quote of this pack: made once (the pack's earlier alert may have made it). A
 * refusal by billing (a line it does not accept) leaves the alert without a quote rather than
 * refusing the time's approval: a bank's alert never blocks the technician's work.
 */
async function renewalQuote(trx: Knex.Transaction, tenantId: string, contract: Row, packSequence: number, packMinutes: number, remaining: number, actorUserId: string | null, language: 'fr' | 'en'): Promise<string | null> {
  const earlier = await trx('psaContractAlerts').where({ contractId: contract.id, packSequence }).whereNotNull('renewalQuoteId').first('renewalQuoteId');
  if (earlier) return String(earlier.renewalQuoteId);
  const minutes = Number(contract.packMinutes ?? packMinutes);
  if (!minutes) return null;
  const ctx = processContext(trx, tenantId, `psa.contract/${String(contract.id)}`, ['billing.quote.create', 'billing.quote.read', 'core.account.read'], actorUserId);
  await trx.raw('savepoint psa_renewal_quote');
  try {
    const input = quoteCreate.safeParse({
      accountId: contract.accountId, language, lines: [packLine(contract, minutes, packPrice(contract, minutes), language)],
      notes: m('psa.contracts.renewal-note', { number: Number(contract.number), remaining: formatMinutes(remaining) }).render(language),
    });
    if (!input.success) {
      await trx.raw('release savepoint psa_renewal_quote');
      return null;
    }
    const quote = await createRecord(ctx, billingQuotes, input.data);
    await trx.raw('release savepoint psa_renewal_quote');
    return String(quote.id);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    await trx.raw('rollback to savepoint psa_renewal_quote');
    return null;
  }
}

/** Writes the mail to the outbox, pending (or refused with its reason, as comms decides); its id. */
async function queueMail(
  trx: Knex.Transaction, tenantId: string, idempotencyKey: string, to: { to: string } | { contactId: string },
  subject: Message, body: Message, language: 'fr' | 'en', contractId: string, actorUserId: string | null,
): Promise<string> {
  const request = { channel: 'mail' as const, ...to, subject: subject.render(language), body: body.render(language), recordType: 'psa-contract', recordId: contractId };
  const tenant = (await trx('tenants').first('name')) as { name?: string } | undefined;
  const prepared = await prepareOutgoing(trx, request, tenant?.name ?? '');
  const context = { tenantId, idempotencyKey, sentByUserId: actorUserId, sentByProcess: null };
  const row = prepared.ok
    ? await insertMessage(trx, context, prepared.message, 'pending')
    : await insertMessage(trx, context, prepared.message, 'refused', { code: prepared.refusal.reason, reason: prepared.refusal.message.render(language) });
  return String(row.id);
}
