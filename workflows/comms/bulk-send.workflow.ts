import { ActivityFailure, ApplicationFailure, continueAsNew, patched, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { CommsActivities } from '../../activities/comms/comms.activities';
import { campaignProgressQuery, COMMS_FAILURE, type BulkSendInput, type CampaignCounts, type SendBatchOutcome } from './comms.contract';
import { Pacer } from './pacer';

const PAGE = 200;

const bookkeeping = proxyActivities<CommsActivities>({ startToCloseTimeout: '1 minute', retry: { maximumAttempts: 20, maximumInterval: '1 minute' } });

type Outcome = keyof CampaignCounts;
type Recipient = { position: number; contactId: string };

function outcomeOf(error: unknown): Outcome {
  const cause = error instanceof ActivityFailure ? error.cause : undefined;
  if (cause instanceof ApplicationFailure && (cause.type === COMMS_FAILURE.refused || cause.type === COMMS_FAILURE.invalidInput)) return 'refused';
  return 'failed';
}

/**
 * A campaign: the template to every recipient, each message idempotent on
 * `campaign/<id>/<position>` and following the same rules as any other,
 * paced to the organisation's rate and resumable anywhere: recipients are
 * read page by page, and every thousand the run continues as new with its
 * counts and its pacing state.
 *
 * Recipients go out in batches, one activity each (commsSendBatch: up to
 * `batchSize` messages, as many as the pacing allows at that moment, at most
 * `maxInFlight` messages in flight). A message the batch could not send yet
 * (provider outage, the organisation's limit) is sent again on its own
 * through the registry's send activity and its retry policy; when those
 * retries run out it is marked failed with the last reason.
 */
export async function bulkSend(input: BulkSendInput): Promise<CampaignCounts> {
  const counts: CampaignCounts = { ...(input.counts ?? { sent: 0, refused: 0, failed: 0 }) };
  const pacer = new Pacer(input.ratePerMinute, input.pace);
  const maxInFlight = input.maxInFlight ?? 20;
  const batchSize = input.batchSize ?? 10;
  const perRun = input.recipientsPerRun ?? 1000;
  let after = input.afterPosition ?? 0;
  let inFlight = 0;
  const running = new Set<Promise<void>>();
  setHandler(campaignProgressQuery, () => ({ ...counts, total: input.total, processed: counts.sent + counts.refused + counts.failed, inFlight }));

  const retry = (maximumAttempts: number) => ({
    maximumAttempts, initialInterval: input.retry.initialIntervalMs,
    backoffCoefficient: input.retry.backoffCoefficient, maximumInterval: input.retry.maximumIntervalMs,
    nonRetryableErrorTypes: [COMMS_FAILURE.refused, COMMS_FAILURE.rejected, COMMS_FAILURE.invalidInput],
  });
  const keyOf = (position: number) => `campaign/${input.campaignId}/${position}`;
  const giveUp = (position: number, reason: string) => bookkeeping.commsMarkFailed({
    tenantId: input.tenantId, idempotencyKey: keyOf(position), reason: `Gave up after ${input.retry.maximumAttempts} attempts: ${reason}`,
  });

  /** One message through the registry's activity, retried by Temporal; `attempts` of them at most. */
  const sendAlone = async ({ position, contactId }: Recipient, attempts: number): Promise<void> => {
    const send = proxyActivities<CommsActivities>({ startToCloseTimeout: input.timeoutMs, retry: retry(attempts) })[input.activity] as (i: unknown, m: unknown) => Promise<unknown>;
    try {
      await send(
        { contactId, templateKey: input.templateKey, language: input.language, variables: input.variables, campaignId: input.campaignId },
        { tenantId: input.tenantId, workflowId: workflowInfo().workflowId, elementId: 'campaign', loopCounter: position, idempotencyKey: keyOf(position) },
      );
      counts.sent += 1;
    } catch (error) {
      const outcome = outcomeOf(error);
      counts[outcome] += 1;
      const cause = error instanceof ActivityFailure ? error.cause : undefined;
      if (outcome === 'failed' && !(cause instanceof ApplicationFailure && cause.nonRetryable)) await giveUp(position, cause?.message ?? String(error));
    }
  };

  const sendBatch = proxyActivities<CommsActivities>({
    // The batch's messages go out together: it takes about as long as one of them; the heartbeat finds a dead worker.
    startToCloseTimeout: input.timeoutMs * 2, heartbeatTimeout: input.timeoutMs, retry: retry(input.retry.maximumAttempts),
  }).commsSendBatch;

  /** A batch, then each message it could not send yet, alone (after the delay the organisation's limit asks for). */
  const batch = async (recipients: Recipient[]): Promise<void> => {
    let outcomes: SendBatchOutcome[];
    try {
      outcomes = await sendBatch({
        tenantId: input.tenantId, campaignId: input.campaignId, workflowId: workflowInfo().workflowId, activity: input.activity,
        templateKey: input.templateKey, language: input.language, variables: input.variables, recipients,
      });
    } catch (error) {
      const reason = error instanceof ActivityFailure && error.cause ? error.cause.message : String(error);
      outcomes = recipients.map(({ position }) => ({ position, outcome: 'retry', reason }));
    }
    await Promise.all(outcomes.map(async (o) => {
      if (o.outcome !== 'retry') {
        counts[o.outcome] += 1;
      } else if (input.retry.maximumAttempts <= 1) {
        counts.failed += 1;
        await giveUp(o.position, o.reason);
      } else {
        await sleep(o.delayMs ?? input.retry.initialIntervalMs);
        await sendAlone(recipients.find((r) => r.position === o.position)!, input.retry.maximumAttempts - 1);
      }
    }));
  };

  const start = (size: number, work: () => Promise<void>) => {
    inFlight += size;
    const p: Promise<void> = work().finally(() => {
      inFlight -= size;
      running.delete(p);
    });
    running.add(p);
  };

  // Runs started before batches replay as they ran: one activity per message.
  const batched = patched('bulk-send-batches');
  let handled = 0;
  while (handled < perRun) {
    const page = await bookkeeping.commsCampaignBatch({ tenantId: input.tenantId, campaignId: input.campaignId, afterPosition: after, limit: Math.min(PAGE, perRun - handled) });
    if (!page.length) break;
    for (let i = 0; i < page.length;) {
      while (inFlight >= maxInFlight) await Promise.race(running);
      const size = batched ? await pacer.takeUpTo(Math.min(batchSize, maxInFlight - inFlight, page.length - i)) : (await pacer.take(), 1);
      const recipients = page.slice(i, i + size);
      start(size, () => (batched ? batch(recipients) : sendAlone(recipients[0]!, input.retry.maximumAttempts)));
      i += size;
      handled += size;
      after = recipients[size - 1]!.position;
    }
  }
  while (running.size) await Promise.all(running);

  if (handled === perRun) {
    return continueAsNew<typeof bulkSend>({ ...input, afterPosition: after, counts, pace: pacer.state() });
  }
  await bookkeeping.commsCampaignFinish({ tenantId: input.tenantId, campaignId: input.campaignId });
  return counts;
}
