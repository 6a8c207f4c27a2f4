import express, { Router } from 'express';
import { receiveOperatorWebhook } from '../../activities/telecom/operator-orders';
import { NotFoundError } from '../../domain/errors';
import { integrationsMessage } from '../../domain/telecom/integrations.messages';
import type { ApiDeps } from '../http/deps';

/**
 * The operators' notifications, `POST /api/v1/telecom/operators/{key}/webhook?tenant=<slug>` (ADR 0042).
 * Public (mounted before authentication): the signature over the raw body, with the secret of the
 * tenant's connection to that operator, is the credential. No such tenant or connection → 404; a bad or
 * missing signature → 401; both change nothing. A signed notification about an order we placed makes us
 * read that order through the port, and its end reaches the engine once.
 */
export function operatorWebhookRouter(deps: ApiDeps): Router {
  const router = Router();
  const raw = express.raw({ type: () => true, limit: '256kb' });

  router.post('/:key/webhook', raw, (req, res, next) => {
    (async () => {
      const slug = typeof req.query.tenant === 'string' ? req.query.tenant : '';
      const key = String(req.params.key);
      const tenantId = slug && slug.length <= 100 && /^[a-z][a-z0-9-]{1,39}$/.test(key)
        ? ((await deps.knex.raw('select comms_webhook_tenant(?) as id', [slug])).rows[0]?.id as string | null) : null;
      if (!tenantId) throw new NotFoundError(integrationsMessage('telecom.webhook.unknown'));
      // JSON was parsed before the public routers: the signature is checked over the bytes as received.
      const body = Buffer.isBuffer(req.body) ? req.body : ((req as { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0));
      const result = await receiveOperatorWebhook({ knex: deps.knex, temporal: deps.temporal }, tenantId, key, body, (name) => req.get(name));
      res.status(200).json({ received: true, ...result });
    })().catch(next);
  });
  return router;
}
