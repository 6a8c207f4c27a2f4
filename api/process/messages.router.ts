import { Router } from 'express';
import { ForbiddenError, NotFoundError } from '../../domain/errors';
import { plansStartedBy } from '../../domain/process/definitions-service';
import { publishMessageRequest } from '../../domain/process/instance.schema';
import { createInstanceRow } from '../../domain/process/instances-service';
import { processMessageSignal } from '../../workflows/engine/contract';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { validate } from '../http/validate';

/**
 * Messages from the outside world (a contract signed, a payment received)
 * reach the instance waiting for that name and correlation key. One that
 * matches nothing is recorded and listed, never dropped.
 */
export function processMessagesRouter(deps: ApiDeps): Router {
  const router = Router();
  router.post('/', inTenant(deps, async (req, ctx) => {
    if (!ctx.ability.can('create', 'ProcessMessage')) throw new ForbiddenError('Your role may not send process messages (permission process.message.create).');
    const input = validate(publishMessageRequest, req.body);
    const subscription = await ctx.trx('messageSubscriptions')
      .where({ messageName: input.name, correlationKey: input.correlationKey }).orderBy('createdAt').first('workflowId');
    if (!subscription) {
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
      const [row] = await ctx.trx('unmatchedMessages').insert({
        tenantId: ctx.principal.tenantId, name: input.name, correlationKey: input.correlationKey,
        variables: JSON.stringify(input.variables), receivedBy: ctx.principal.userId,
      }).returning('id');
      // Committed even though the answer is an error: the message is kept for an operator.
      return {
        status: 404,
        body: {
          type: 'https://relais.dev/problems/unmatched-message', title: 'Not found', status: 404,
          detail: `No process is waiting for message "${input.name}" with key "${input.correlationKey}". It was recorded and is listed at GET /api/v1/process-messages/unmatched.`,
          unmatchedId: row.id,
        },
        headers: { 'Content-Type': 'application/problem+json' },
      };
    }
    await (await deps.temporal()).workflow.getHandle(subscription.workflowId).signal(processMessageSignal, input);
    return { status: 202, body: { delivered: true, workflowId: subscription.workflowId } };
  }));
  router.get('/unmatched', inTenant(deps, async (_req, ctx) => {
    if (!ctx.ability.can('read', 'ProcessMessage')) throw new NotFoundError('The list of unmatched messages');
    const rows = await ctx.trx('unmatchedMessages').orderBy('receivedAt', 'desc').limit(200);
    return { body: { items: rows.map((r: Record<string, unknown>) => ({ ...r, tenantId: undefined, receivedAt: (r.receivedAt as Date).toISOString() })) } };
  }));
  return router;
}
