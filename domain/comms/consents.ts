import { loadFor, type RequestContext } from '../core/record-service';
import { contacts } from '../core/resources';
import { NotFoundError } from '../errors';
import { appendConsent, readConsents } from '../gdpr/consent-ledger';
import type { Channel } from './comms.schemas';
import { commsMessage } from './comms.messages';

/**
 * Consent to marketing, per contact and channel: the purpose `comms.marketing` of the core's consent ledger
 * (domain/gdpr/consent-ledger.ts, docs/adr/0024). This is the contact's side of it as comms has always
 * answered it (`/contacts/{id}/consents`): the free-text source is the entry's note, given on a form.
 */
export const MARKETING = 'comms.marketing';

async function states(ctx: RequestContext, contactId: string) {
  const read = await readConsents(ctx.trx, { kind: 'contact', id: contactId }, 'fr');
  const purpose = read.purposes.find((p) => p.key === MARKETING);
  return { read, states: purpose?.states ?? [] };
}

function present(read: Awaited<ReturnType<typeof states>>['read'], channel: string) {
  const entries = read.ledger.filter((e) => e.purpose === MARKETING && e.channel === channel);
  const latest = entries[0];
  const grant = entries.find((e) => e.decision !== 'opt-out');
  if (!latest || !grant) return null;
  const withdrawn = latest.decision === 'opt-out' ? latest : null;
  return {
    channel, source: grant.sourceDetail ?? grant.source, grantedAt: grant.occurredAt, recordedBy: grant.recordedBy,
    withdrawnAt: withdrawn?.occurredAt ?? null, active: !withdrawn && (!grant.expiresAt || new Date(grant.expiresAt) > new Date()),
  };
}

export async function listConsents(ctx: RequestContext, contactId: string) {
  await loadFor(ctx, contacts, contactId, 'read');
  const { read } = await states(ctx, contactId);
  return (['mail', 'sms'] as const).map((c) => present(read, c)).filter((c) => c !== null);
}

export async function recordConsent(ctx: RequestContext, contactId: string, input: { channel: Channel; source: string }) {
  await loadFor(ctx, contacts, contactId, 'update');
  await appendConsent(ctx, { kind: 'contact', id: contactId }, { purpose: MARKETING, channel: input.channel, decision: 'opt-in', source: 'form', sourceDetail: input.source });
  return present((await states(ctx, contactId)).read, input.channel)!;
}

export async function withdrawConsent(ctx: RequestContext, contactId: string, channel: Channel) {
  await loadFor(ctx, contacts, contactId, 'update');
  const current = (await states(ctx, contactId)).states.find((s) => s.channel === channel);
  if (!current || current.status === 'none' || current.status === 'withdrawn') throw new NotFoundError(commsMessage('comms.consent-not-found', { channel }));
  await appendConsent(ctx, { kind: 'contact', id: contactId }, { purpose: MARKETING, channel, decision: 'opt-out', source: 'form' });
  return present((await states(ctx, contactId)).read, channel)!;
}
