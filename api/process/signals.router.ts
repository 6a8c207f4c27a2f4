import crypto from 'node:crypto';
import { Router } from 'express';
import { ForbiddenError } from '../../domain/errors';
import { processMessage } from '../../domain/process/process.messages';
import { broadcastSignalRequest } from '../../domain/process/instance.schema';
import { broadcastSignal } from '../../domain/process/signal-broadcast';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { idempotent } from '../http/idempotency';
import { validate } from '../http/validate';
import { requestLocale } from '../http/locale';

/**
 * BPMN signals from the outside world (a price list published, a recall
 * announced): broadcast within the organisation to every instance waiting for
 * the name, and the processes that start on it begin. Not correlated, not
 * buffered: a signal nobody waits for is lost.
 */
export function processSignalsRouter(deps: ApiDeps): Router {
  const router = Router();
  router.post('/', inTenant(deps, (req, ctx) => idempotent(req, ctx, async () => {
    if (!ctx.ability.can('create', 'ProcessMessage')) throw new ForbiddenError(processMessage('signals.forbidden-send'));
    const input = validate(broadcastSignalRequest, req.body);
    const key = req.get('idempotency-key');
    // Every step in the request's transaction: a failed broadcast leaves nothing behind (a retry with the key starts the same instances).
    const result = await broadcastSignal((step) => step(ctx.trx), await deps.temporal(), {
      tenantId: ctx.principal.tenantId, name: input.name, variables: input.variables,
      // A repeated key is answered by idempotent() already; the broadcast's own key also covers a concurrent twin.
      idempotencyKey: key ? `api:${ctx.principal.userId}:${key}` : `api:${crypto.randomUUID()}`,
      startedBy: ctx.principal.userId, taskQueue: deps.taskQueue,
    });
    const { delivered, started } = result.counts;
    const body: Record<string, unknown> = { signalId: result.broadcastId, delivered, started: result.started, ...(result.replayed ? { replayed: true } : {}) };
    if (delivered === 0 && started === 0) {
      body.detail = processMessage('signals.lost', { name: input.name }).render(requestLocale(req));
    }
    return { status: 202, body };
  })));
  return router;
}
