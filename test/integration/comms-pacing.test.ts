import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { CommsActivities } from '../../activities/comms/comms.activities';
import { ensureTemporalBinary } from '../../scripts/services/temporal-binaries';
import { bulkSend } from '../../workflows/comms/bulk-send.workflow';
import { COMMS_FAILURE } from '../../workflows/comms/comms.contract';
import { workflowBundle } from '../support/engine';

/**
 * The bulk-send workflow's pacing, on the time-skipping test server (minutes
 * of workflow time pass in a moment) with activity doubles typed against the
 * real ones: never more sends in a minute than the organisation's rate, each
 * recipient exactly once across continue-as-new, outcomes counted by failure
 * type, and what a batch could not send sent again alone, then marked failed
 * when its retries run out.
 */
describe('comms: bulk send pacing (time-skipping)', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // Already installed by another test file in this Jest worker.
    }
    // Installed by the run when missing (no download from Temporal's site: none is reachable from CI).
    env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: ensureTemporalBinary('temporal-test-server') } } });
  });
  afterAll(() => env?.teardown());

  it('sends at most `ratePerMinute` per minute of workflow time, each recipient once, and counts refusals and failures', async () => {
    const total = 25;
    const ratePerMinute = 10;
    const sends: Array<{ position: number; at: number }> = [];
    const alone: number[] = [];
    const markedFailed: string[] = [];
    const doubles: Pick<CommsActivities, 'comms.sms.send' | 'commsSendBatch' | 'commsCampaignBatch' | 'commsCampaignFinish' | 'commsMarkFailed'> = {
      async commsSendBatch({ recipients }) {
        // Server time: with time skipping it is the workflow's clock, not the wall clock.
        const at = Context.current().info.currentAttemptScheduledTimestampMs;
        return recipients.map(({ position }) => {
          sends.push({ position, at });
          if (position === 5) return { position, outcome: 'refused' as const };
          if (position === 7) return { position, outcome: 'failed' as const };
          // Not sent yet (the organisation's limit, an outage): the workflow sends these again alone.
          if (position === 9) return { position, outcome: 'retry' as const, reason: 'limit reached', delayMs: 2_000 };
          if (position === 11) return { position, outcome: 'retry' as const, reason: 'provider down' };
          return { position, outcome: 'sent' as const };
        });
      },
      async 'comms.sms.send'(_input, meta) {
        alone.push(meta.loopCounter);
        if (meta.loopCounter === 11) throw ApplicationFailure.create({ type: COMMS_FAILURE.unavailable, message: 'still down' });
        return { messageId: '00000000-0000-4000-8000-000000000000', status: 'queued', providerMessageId: `SM${meta.loopCounter}` };
      },
      async commsCampaignBatch({ afterPosition, limit }) {
        const out: Array<{ position: number; contactId: string }> = [];
        for (let p = afterPosition + 1; p <= Math.min(total, afterPosition + limit); p += 1) out.push({ position: p, contactId: `contact-${p}` });
        return out;
      },
      async commsCampaignFinish() {},
      async commsMarkFailed({ idempotencyKey }) {
        markedFailed.push(idempotencyKey);
      },
    };
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'pacing', workflowBundle: await workflowBundle(), activities: doubles });
    const counts = await worker.runUntil(env.client.workflow.execute(bulkSend, {
      workflowId: 'pacing-campaign', taskQueue: 'pacing',
      args: [{
        tenantId: 't', campaignId: 'c', activity: 'comms.sms.send', templateKey: 'k', language: 'fr', ratePerMinute, total,
        retry: { maximumAttempts: 2, initialIntervalMs: 1000, backoffCoefficient: 2, maximumIntervalMs: 10_000 }, timeoutMs: 10_000,
        // Small runs, so that continue-as-new happens twice and the pacing carries across it.
        recipientsPerRun: 10,
      }],
    }));

    expect(counts).toEqual({ sent: 22, refused: 1, failed: 2 });
    expect(sends.map((s) => s.position).sort((x, y) => x - y)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    // What a batch could not send is sent again alone, with the retry policy (2 attempts: the batch's and one more); then marked failed.
    expect(alone.sort((x, y) => x - y)).toEqual([9, 11]);
    expect(markedFailed).toEqual(['campaign/c/11']);
    const times = sends.map((s) => s.at).sort((x, y) => x - y);
    for (const start of times) {
      expect(times.filter((at) => at >= start && at < start + 60_000).length).toBeLessThanOrEqual(ratePerMinute);
    }
    // And not slower than asked: 25 sends at 10 a minute take about 2.4 minutes.
    const minutes = (times.at(-1)! - times[0]!) / 60_000;
    expect(minutes).toBeGreaterThanOrEqual(2.3);
    expect(minutes).toBeLessThan(2.7);
  });

  it('sends several messages per activity when the rate allows, never more than the batch size, each recipient once', async () => {
    const total = 300;
    const batches: number[][] = [];
    const doubles: Pick<CommsActivities, 'commsSendBatch' | 'commsCampaignBatch' | 'commsCampaignFinish'> = {
      async commsSendBatch({ recipients }) {
        batches.push(recipients.map((r) => r.position));
        return recipients.map(({ position }) => ({ position, outcome: 'sent' as const }));
      },
      async commsCampaignBatch({ afterPosition, limit }) {
        return Array.from({ length: Math.max(0, Math.min(limit, total - afterPosition)) }, (_, i) => ({ position: afterPosition + i + 1, contactId: `contact-${afterPosition + i + 1}` }));
      },
      async commsCampaignFinish() {},
    };
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'batches', workflowBundle: await workflowBundle(), activities: doubles });
    const counts = await worker.runUntil(env.client.workflow.execute(bulkSend, {
      workflowId: 'batches-campaign', taskQueue: 'batches',
      args: [{
        tenantId: 't', campaignId: 'c', activity: 'comms.sms.send', templateKey: 'k', language: 'fr', ratePerMinute: 100_000, total,
        retry: { maximumAttempts: 2, initialIntervalMs: 1000, backoffCoefficient: 2, maximumIntervalMs: 10_000 }, timeoutMs: 10_000,
        batchSize: 10, recipientsPerRun: 100,
      }],
    }));

    expect(counts).toEqual({ sent: total, refused: 0, failed: 0 });
    expect(batches.flat().sort((x, y) => x - y)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(Math.max(...batches.map((b) => b.length))).toBe(10);
    expect(batches.length).toBe(total / 10);
  });
});
