import crypto from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { messageListQuery, sendRequest } from '../../domain/comms/comms.schemas';
import { handleInboundSms } from '../../domain/comms/inbound';
import { getMessage, listMessages } from '../../domain/comms/messages';
import { ForbiddenError, UnprocessableError } from '../../domain/errors';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { validate } from '../http/validate';
import { sendMessage } from './send';
import { commsMessage } from '../../domain/comms/comms.messages';

const simulatedReply = z.object({ from: z.string().trim().min(3).max(40), body: z.string().max(1600) }).strict();

/** /comms/messages: the outbox and the log of every message, sending, and the sandbox's simulated replies. */
export function messagesRouter(deps: ApiDeps): Router {
  const router = Router();

  router.get('/messages', inTenant(deps, async (req, ctx) => ({ body: await listMessages(ctx, validate(messageListQuery, req.query, 'query')) })));

  router.post('/messages', inTenant(deps, async (req, ctx) => ({ status: 202, body: await sendMessage(deps, req, ctx, validate(sendRequest, req.body)) })));

  router.get('/messages/:id', inTenant(deps, async (req, ctx) => ({ body: await getMessage(ctx, String(req.params.id)) })));

  // In development the sandbox stands for the phone network: a person "replies" from here (STOP included).
  router.post('/sandbox/sms/inbound', inTenant(deps, async (req, ctx) => {
    if (!ctx.ability.can('create', 'Message')) throw new ForbiddenError(commsMessage('comms.forbidden-send'));
    const settings = await ctx.trx('commsSettings').first('smsProvider');
    if (settings && settings.smsProvider !== 'sandbox') throw new UnprocessableError(commsMessage('comms.sandbox-only'));
    const input = validate(simulatedReply, req.body);
    const outcome = await handleInboundSms(ctx.trx, ctx.principal.tenantId, { from: input.from, to: null, body: input.body, provider: 'sandbox', providerMessageId: `SMsandbox${crypto.randomUUID().replace(/-/g, '')}` });
    return { status: 201, body: outcome };
  }));

  return router;
}
