import crypto from 'node:crypto';
import express, { Router, type Request } from 'express';
import { env, publicUrl } from '../../config/env';
import { withTenant } from '../../db/tenant-scope';
import type { MessageStatus } from '../../domain/comms/comms.schemas';
import { handleInboundSms } from '../../domain/comms/inbound';
import { applyProviderStatus } from '../../domain/comms/messages';
import { loadCommsConfig } from '../../domain/comms/settings';
import { defaultSecretBox } from '../../domain/core/secret-box';
import { ForbiddenError } from '../../domain/errors';
import { EMPTY_TWIML, isTwilioSignatureValid } from '../../integrations/sms/twilio.webhook';
import type { ApiDeps } from '../http/deps';

/** Twilio's statuses in ours (Messaging Services add accepted/scheduled/read/canceled). */
const STATUS: Record<string, MessageStatus | undefined> = {
  queued: 'queued', accepted: 'queued', scheduled: 'queued', sending: 'sending', sent: 'sent', delivered: 'delivered', read: 'delivered',
  failed: 'failed', undelivered: 'undelivered', canceled: 'failed',
};

const FORGED = 'This request does not carry a valid Twilio signature for this organisation.';

/**
 * Vendor webhooks: no bearer token, so they are mounted before authentication
 * and prove themselves by signature. The organisation is named in the URL
 * (`?tenant=<slug>`), which Twilio signs with the rest; a wrong or missing
 * signature answers 403 and changes nothing.
 */
export function webhooksRouter(deps: ApiDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '64kb' });
  const base = () => (deps.publicUrl ?? publicUrl(env())).replace(/\/$/, '');

  /** Runs `fn` in the tenant's scope once the signature is checked with the tenant's own token. */
  async function verified<T>(req: Request, fn: (trx: Parameters<Parameters<typeof withTenant>[1]>[0], tenantId: string) => Promise<T>): Promise<T> {
    const slug = typeof req.query.tenant === 'string' ? req.query.tenant : '';
    const { rows } = await deps.knex.raw('select comms_webhook_tenant(?) as id', [slug]);
    const tenantId = rows[0]?.id as string | null;
    if (!tenantId) throw new ForbiddenError(FORGED);
    return withTenant({ tenantId }, async (trx) => {
      const config = await loadCommsConfig(trx, tenantId, defaultSecretBox());
      if (config.sms.provider !== 'twilio') throw new ForbiddenError(FORGED);
      const params = (req.body ?? {}) as Record<string, unknown>;
      if (!isTwilioSignatureValid(config.sms.authToken, req.get('x-twilio-signature'), `${base()}${req.originalUrl}`, params)) throw new ForbiddenError(FORGED);
      if (params.AccountSid !== config.sms.accountSid) throw new ForbiddenError(FORGED);
      return fn(trx, tenantId);
    }, deps.knex);
  }

  router.post('/twilio/status', form, (req, res, next) => {
    verified(req, async (trx, tenantId) => {
      const status = STATUS[String(req.body.MessageStatus ?? '')];
      if (!status || typeof req.body.MessageSid !== 'string') return;
      await applyProviderStatus(trx, tenantId, {
        messageId: typeof req.query.message === 'string' ? req.query.message : undefined,
        provider: 'twilio', providerMessageId: req.body.MessageSid, status,
        errorCode: typeof req.body.ErrorCode === 'string' && req.body.ErrorCode ? req.body.ErrorCode : null,
      });
    }).then(() => res.status(204).end(), next);
  });

  router.post('/twilio/inbound', form, (req, res, next) => {
    verified(req, (trx, tenantId) => handleInboundSms(trx, tenantId, {
      from: String(req.body.From ?? ''), to: typeof req.body.To === 'string' ? req.body.To : null, body: String(req.body.Body ?? ''),
      provider: 'twilio', providerMessageId: typeof req.body.MessageSid === 'string' ? req.body.MessageSid : `unknown-${crypto.randomUUID()}`,
    })).then(() => res.status(200).type('text/xml').send(EMPTY_TWIML), next);
  });

  return router;
}
