import { appendHistory } from '../core/history';
import { loadFor, type RequestContext } from '../core/record-service';
import { contacts } from '../core/resources';
import { NotFoundError } from '../errors';
import type { Channel } from './comms.schemas';
import { commsMessage } from './comms.messages';

/**
 * Consent to marketing, per contact and channel, with where it came from
 * (a signed form, a web page, a phone call) and when. Withdrawing keeps the
 * row with its date: the proof that it was given once, and when it ended.
 */
function present(row: Record<string, unknown>) {
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v ?? null);
  return {
    channel: row.channel, source: row.source, grantedAt: iso(row.grantedAt), recordedBy: row.recordedBy ?? null,
    withdrawnAt: iso(row.withdrawnAt), active: !row.withdrawnAt,
  };
}

export async function listConsents(ctx: RequestContext, contactId: string) {
  await loadFor(ctx, contacts, contactId, 'read');
  return (await ctx.trx('commsConsents').where({ contactId }).orderBy('channel')).map(present);
}

export async function recordConsent(ctx: RequestContext, contactId: string, input: { channel: Channel; source: string }) {
  await loadFor(ctx, contacts, contactId, 'update');
  const [row] = await ctx.trx('commsConsents')
    .insert({ tenantId: ctx.principal.tenantId, contactId, channel: input.channel, source: input.source, recordedBy: ctx.principal.userId, grantedAt: ctx.trx.fn.now() })
    .onConflict(['tenantId', 'contactId', 'channel'])
    .merge({ source: input.source, recordedBy: ctx.principal.userId, grantedAt: ctx.trx.fn.now(), withdrawnAt: null, withdrawnBy: null })
    .returning('*');
  await appendHistory(ctx.trx, ctx.principal.tenantId, {
    recordType: 'contact', recordId: contactId, action: 'consent', actorUserId: ctx.principal.userId, requestId: ctx.requestId,
    changes: { channel: input.channel, consent: { before: null, after: 'granted' }, source: input.source },
  });
  return present(row);
}

export async function withdrawConsent(ctx: RequestContext, contactId: string, channel: Channel) {
  await loadFor(ctx, contacts, contactId, 'update');
  const [row] = await ctx.trx('commsConsents').where({ contactId, channel }).whereNull('withdrawnAt')
    .update({ withdrawnAt: ctx.trx.fn.now(), withdrawnBy: ctx.principal.userId }).returning('*');
  if (!row) throw new NotFoundError(commsMessage('comms.consent-not-found', { channel }));
  await appendHistory(ctx.trx, ctx.principal.tenantId, {
    recordType: 'contact', recordId: contactId, action: 'consent', actorUserId: ctx.principal.userId, requestId: ctx.requestId,
    changes: { channel, consent: { before: 'granted', after: 'withdrawn' } },
  });
  return present(row);
}
