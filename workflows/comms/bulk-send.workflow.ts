import { ActivityFailure, ApplicationFailure, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { CommsActivities } from '../../activities/comms/comms.activities';
import { campaignProgressQuery, COMMS_FAILURE, type BulkSendInput, type CampaignCounts } from './comms.contract';
import { Pacer } from './pacer';

const PAGE = 200;

const bookkeeping = proxyActivities<CommsActivities>({ startToCloseTimeout: '1 minute', retry: { maximumAttempts: 20, maximumInterval: '1 minute' } });

type Outcome = keyof CampaignCounts;

function outcomeOf(error: unknown): Outcome {
  const cause = error instanceof ActivityFailure ? error.cause : undefined;
  if (cause instanceof ApplicationFailure && (cause.type === COMMS_FAILURE.refused || cause.type === COMMS_FAILURE.invalidInput)) return 'refused';
  return 'failed';
}

/**
 * A campaign: the template to every recipient, through the registry's send
 * activity (so each message is idempotent on `campaign/<id>/<position>` and
 * follows the same rules as any other), paced to the organisation's rate and
 * resumable anywhere: recipients are read page by page, and every thousand
 * the run continues as new with its counts and its pacing state.
 */
export async function bulkSend(input: BulkSendInput): Promise<CampaignCounts> {
  const counts: CampaignCounts = { ...(input.counts ?? { sent: 0, refused: 0, failed: 0 }) };
  const pacer = new Pacer(input.ratePerMinute, input.pace);
  const maxInFlight = input.maxInFlight ?? 20;
  const perRun = input.recipientsPerRun ?? 1000;
  let after = input.afterPosition ?? 0;
  const inFlight = new Set<Promise<void>>();
  setHandler(campaignProgressQuery, () => ({ ...counts, total: input.total, processed: counts.sent + counts.refused + counts.failed, inFlight: inFlight.size }));

  const send = proxyActivities<CommsActivities>({
    startToCloseTimeout: input.timeoutMs,
    retry: {
      maximumAttempts: input.retry.maximumAttempts, initialInterval: input.retry.initialIntervalMs,
      backoffCoefficient: input.retry.backoffCoefficient, maximumInterval: input.retry.maximumIntervalMs,
      nonRetryableErrorTypes: [COMMS_FAILURE.refused, COMMS_FAILURE.rejected, COMMS_FAILURE.invalidInput],
    },
  })[input.activity] as (i: unknown, m: unknown) => Promise<unknown>;

  const sendOne = async (position: number, contactId: string): Promise<void> => {
    const idempotencyKey = `campaign/${input.campaignId}/${position}`;
    try {
      await send(
        { contactId, templateKey: input.templateKey, language: input.language, variables: input.variables, campaignId: input.campaignId },
        { tenantId: input.tenantId, workflowId: workflowInfo().workflowId, elementId: 'campaign', loopCounter: position, idempotencyKey },
      );
      counts.sent += 1;
    } catch (error) {
      const outcome = outcomeOf(error);
      counts[outcome] += 1;
      const cause = error instanceof ActivityFailure ? error.cause : undefined;
      if (outcome === 'failed' && !(cause instanceof ApplicationFailure && cause.nonRetryable)) {
        await bookkeeping.commsMarkFailed({ tenantId: input.tenantId, idempotencyKey, reason: `Gave up after ${input.retry.maximumAttempts} attempts: ${cause?.message ?? String(error)}` });
      }
    }
  };

  let handled = 0;
  while (handled < perRun) {
    const page = await bookkeeping.commsCampaignBatch({ tenantId: input.tenantId, campaignId: input.campaignId, afterPosition: after, limit: Math.min(PAGE, perRun - handled) });
    if (!page.length) break;
    for (const r of page) {
      while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
      await pacer.take();
      const p: Promise<void> = sendOne(r.position, r.contactId).finally(() => inFlight.delete(p));
      inFlight.add(p);
      after = r.position;
      handled += 1;
    }
  }
  await Promise.all(inFlight);

  if (handled === perRun) {
    return continueAsNew<typeof bulkSend>({ ...input, afterPosition: after, counts, pace: pacer.state() });
  }
  await bookkeeping.commsCampaignFinish({ tenantId: input.tenantId, campaignId: input.campaignId });
  return counts;
}
