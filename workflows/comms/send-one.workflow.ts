import { ActivityFailure, ApplicationFailure, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { CommsActivities } from '../../activities/comms/comms.activities';
import { COMMS_FAILURE, type SendOneInput } from './comms.contract';

const bookkeeping = proxyActivities<CommsActivities>({ startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 10 } });

/** Refusals and provider rejections are final: the message already says why. */
export function isFinal(error: unknown): boolean {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  return cause instanceof ApplicationFailure && cause.nonRetryable === true;
}

/**
 * One message sent through the registry's activity, with the registry's retry
 * policy: what a person's "Send SMS" starts, and what tests use to drive the
 * activity the way a BPMN service task does. When the retries run out, the
 * message is marked failed with the last reason instead of staying pending.
 */
export async function sendOneMessage(input: SendOneInput): Promise<unknown> {
  const send = proxyActivities<CommsActivities>({
    startToCloseTimeout: input.timeoutMs,
    retry: {
      maximumAttempts: input.retry.maximumAttempts, initialInterval: input.retry.initialIntervalMs,
      backoffCoefficient: input.retry.backoffCoefficient, maximumInterval: input.retry.maximumIntervalMs,
      nonRetryableErrorTypes: [COMMS_FAILURE.refused, COMMS_FAILURE.rejected, COMMS_FAILURE.invalidInput],
    },
  })[input.activity] as (i: unknown, m: SendOneInput['meta']) => Promise<unknown>;
  try {
    return await send(input.input, { ...input.meta, workflowId: input.meta.workflowId || workflowInfo().workflowId });
  } catch (error) {
    if (!isFinal(error)) {
      const reason = error instanceof ActivityFailure && error.cause ? error.cause.message : String(error);
      await bookkeeping.commsMarkFailed({ tenantId: input.meta.tenantId, idempotencyKey: input.meta.idempotencyKey, reason: `Gave up after ${input.retry.maximumAttempts} attempts: ${reason}` });
    }
    throw error;
  }
}
