import { ForbiddenError, UnprocessableError } from '../errors';
import { loadFor, type RequestContext } from '../core/record-service';
import { contacts } from '../core/resources';
import type { SendRequest } from './comms.schemas';
import { insertMessage } from './delivery';
import { presentMessage } from './messages';
import { prepareOutgoing } from './prepare-outgoing';
import { commsMessage } from './comms.messages';

/**
 * A person sends a message: everything that can be refused is refused now,
 * with its reason and nothing written (422); otherwise the message is
 * recorded as pending and the caller starts the workflow that delivers it.
 */
export async function queueMessage(ctx: RequestContext, request: SendRequest, idempotencyKey: string) {
  if (!ctx.ability.can('create', 'Message')) throw new ForbiddenError(commsMessage('comms.forbidden-send'));
  if (request.contactId) await loadFor(ctx, contacts, request.contactId, 'read');
  const user = await ctx.trx('users').where({ id: ctx.principal.userId }).first('displayName');
  const prepared = await prepareOutgoing(ctx.trx, request, user?.displayName ?? '');
  if (!prepared.ok) throw new UnprocessableError(prepared.refusal.message, { reason: prepared.refusal.reason });
  const row = await insertMessage(ctx.trx, { tenantId: ctx.principal.tenantId, idempotencyKey, sentByUserId: ctx.principal.userId }, prepared.message, 'pending', null, prepared.variant);
  return presentMessage(row);
}
