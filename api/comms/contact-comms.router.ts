import { Router } from 'express';
import { z } from 'zod';
import { channel, consentRecord, sendRequest } from '../../domain/comms/comms.schemas';
import { listConsents, recordConsent, withdrawConsent } from '../../domain/comms/consents';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { validate } from '../http/validate';
import { sendMessage } from './send';

const contactSms = z.object({
  templateKey: z.string().max(80).optional(),
  language: z.enum(['fr', 'en']).optional(),
  body: z.string().trim().min(1).max(1600).optional(),
  variables: z.record(z.string(), z.unknown()).optional(),
}).strict();

/** A contact's communications: send an SMS, record or withdraw consent. Mounted on /contacts/:id. */
export function contactCommsRouter(deps: ApiDeps): Router {
  const router = Router({ mergeParams: true });

  router.post('/sms', inTenant(deps, async (req, ctx) => {
    const input = validate(contactSms, req.body);
    const request = validate(sendRequest, { channel: 'sms', contactId: String(req.params.id), ...input });
    return { status: 202, body: await sendMessage(deps, req, ctx, request) };
  }));

  router.get('/consents', inTenant(deps, async (req, ctx) => ({ body: { items: await listConsents(ctx, String(req.params.id)) } })));

  router.post('/consents', inTenant(deps, async (req, ctx) => ({ status: 201, body: await recordConsent(ctx, String(req.params.id), validate(consentRecord, req.body)) })));

  router.delete('/consents/:channel', inTenant(deps, async (req, ctx) => {
    const which = validate(channel, req.params.channel, 'channel');
    return { body: await withdrawConsent(ctx, String(req.params.id), which) };
  }));

  return router;
}
