import { Router } from 'express';
import { ForbiddenError, NotFoundError } from '../../domain/errors';
import { plansStartedBy } from '../../domain/process/definitions-service';
import { bufferedMessagesQuery, publishMessageRequest } from '../../domain/process/instance.schema';
import { createInstanceRow } from '../../domain/process/instances-service';
import { bufferMessage, listBufferedMessages } from '../../domain/process/message-buffer';
import { deliverToSubscriber } from '../../domain/process/message-delivery';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { requestLocale } from '../http/locale';
import { validate } from '../http/validate';
import { processMessage } from '../../domain/process/process.messages';

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v ?? null);
const view = (r: Record<string, unknown>) => ({
  ...r, tenantId: undefined, receivedAt: iso(r.receivedAt), expiresAt: iso(r.expiresAt), consumedAt: iso(r.consumedAt),
});

/**
 * Messages from the outside world (a contract signed, a payment received)
 * reach the instance waiting for that name and correlation key, or start the
 * process that begins with it. One nobody waits for yet is buffered until its
 * time to live runs out: the first catch event that subscribes to it takes it.
 */
export function processMessagesRouter(deps: ApiDeps): Router {
  const router = Router();
  router.post('/', inTenant(deps, async (req, ctx) => {
    if (!ctx.ability.can('create', 'ProcessMessage')) throw new ForbiddenError(processMessage('messages.forbidden-send'));
    const input = validate(publishMessageRequest, req.body);
    // Until this request commits, no catch event can subscribe to this name and key: it finds the message buffered, or we find it.
    const message = { name: input.name, correlationKey: input.correlationKey, variables: input.variables };
    const workflowId = await deliverToSubscriber(ctx.trx, deps.temporal, ctx.principal.tenantId, message);
    if (workflowId) return { status: 202, body: { delivered: true, workflowId } };
    // A process that starts on this message (message start event): a new instance, keyed by the correlation key.
    const starters = await plansStartedBy(ctx.trx, input.name);
    if (starters.length) {
      const client = await deps.temporal();
      const started = [];
      for (const { plan, startAt } of starters) {
        const row = await createInstanceRow(ctx, plan, input.correlationKey);
        await client.workflow.start('bpmnProcess', {
          workflowId: row.workflowId, taskQueue: deps.taskQueue,
          args: [{ tenantId: ctx.principal.tenantId, instanceId: row.id, businessKey: input.correlationKey, plan, variables: input.variables, startedBy: ctx.principal.userId, startAt }],
        });
        started.push({ id: row.id, workflowId: row.workflowId, processKey: plan.processKey, version: plan.version, startEvent: startAt });
      }
      return { status: 201, body: { delivered: true, started } };
    }
    const buffered = await bufferMessage(ctx.trx, { tenantId: ctx.principal.tenantId, ...message, receivedBy: ctx.principal.userId }, input.timeToLive);
    const expiresAt = buffered.expiresAt.toISOString();
    return {
      status: 202,
      body: {
        delivered: false, buffered: true, expiresAt, messageId: buffered.id,
        detail: processMessage('messages.buffered', { name: input.name, correlationKey: input.correlationKey, expiresAt }).render(requestLocale(req)),
      },
    };
  }));
  router.get('/buffered', inTenant(deps, async (req, ctx) => {
    if (!ctx.ability.can('read', 'ProcessMessage')) throw new NotFoundError({ fr: 'liste des messages en attente', en: 'list of buffered messages' });
    const { state } = validate(bufferedMessagesQuery, req.query, 'query');
    return { body: { items: (await listBufferedMessages(ctx.trx, state)).map(view) } };
  }));
  router.get('/unmatched', inTenant(deps, async (_req, ctx) => {
    if (!ctx.ability.can('read', 'ProcessMessage')) throw new NotFoundError({ fr: 'liste des messages sans destinataire', en: 'list of unmatched messages' });
    // Buffered messages that expired before any instance took them, and those recorded before messages were buffered.
    const expired = (await listBufferedMessages(ctx.trx, 'expired')).map(view);
    const older = await ctx.trx('unmatchedMessages').orderBy('receivedAt', 'desc').limit(200);
    const items = [...expired, ...older.map((r: Record<string, unknown>) => ({ ...r, tenantId: undefined, state: 'unmatched', receivedAt: iso(r.receivedAt) }))]
      .sort((a, b) => String(b.receivedAt).localeCompare(String(a.receivedAt))).slice(0, 200);
    return { body: { items } };
  }));
  return router;
}
