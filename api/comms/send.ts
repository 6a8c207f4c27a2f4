import crypto from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Request } from 'express';
import { commsMailSend, commsSmsSend } from '../../domain/comms/comms.activity-contracts';
import { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS } from '../../domain/process/activity-definition';
import type { SendRequest } from '../../domain/comms/comms.schemas';
import { queueMessage } from '../../domain/comms/queue-message';
import type { RequestContext } from '../../domain/core/record-service';
import { COMMS_WORKFLOW } from '../../workflows/comms/comms.contract';
import type { sendOneMessage } from '../../workflows/comms/send-one.workflow';
import type { ApiDeps } from '../http/deps';
import { ValidationError } from '../../domain/errors';
import { coreMessage } from '../../domain/i18n/core.messages';

/**
 * Records the message (refusing at once what a rule refuses), then starts
 * the workflow that delivers it with the activity's retry policy. With an
 * Idempotency-Key a repeated request finds the same message and the same
 * workflow: nothing is sent twice.
 */
export async function sendMessage(deps: ApiDeps, req: Request, ctx: RequestContext, request: SendRequest) {
  const header = req.get('idempotency-key');
  if (header && header.length > 200) throw new ValidationError([{ field: 'Idempotency-Key', message: coreMessage('field.too-long', { max: 200 }) }]);
  const idempotencyKey = `api/${ctx.principal.userId}/${header ?? crypto.randomUUID()}`;
  const message = await queueMessage(ctx, request, idempotencyKey);
  const def = request.channel === 'sms' ? commsSmsSend : commsMailSend;
  const workflowId = `${ctx.principal.tenantId}/comms-message/${message.id}`;
  const { channel: _channel, ...input } = request;
  try {
    await (await deps.temporal()).workflow.start<typeof sendOneMessage>(COMMS_WORKFLOW.sendOne, {
      workflowId, taskQueue: deps.taskQueue,
      args: [{
        activity: def.name as 'comms.sms.send', input,
        meta: { tenantId: ctx.principal.tenantId, workflowId, elementId: 'api', loopCounter: 0, idempotencyKey },
        retry: { ...DEFAULT_RETRY, ...def.retry }, timeoutMs: def.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      }],
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  return { ...message, workflowId };
}
