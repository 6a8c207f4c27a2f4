import { condition, defineQuery, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import type { SmokeActivities } from '../../activities/smoke/smoke.activities';

export interface SmokeInput {
  tenantId: string;
  runId: string;
  /** When true the run waits for the `proceed` signal: tests use this to restart the worker mid-run. */
  waitForSignal: boolean;
}

export const proceedSignal = defineSignal('proceed');
export const smokeStateQuery = defineQuery<'waiting' | 'recording' | 'completed'>('smokeState');

const { recordSmokeCompletion } = proxyActivities<SmokeActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/** Proves the chain API → Temporal → worker → activity → PostgreSQL. */
export async function smokeWorkflow(input: SmokeInput): Promise<{ completions: number }> {
  let state: 'waiting' | 'recording' | 'completed' = 'waiting';
  let proceed = !input.waitForSignal;
  setHandler(proceedSignal, () => { proceed = true; });
  setHandler(smokeStateQuery, () => state);
  await condition(() => proceed);
  state = 'recording';
  const result = await recordSmokeCompletion({ tenantId: input.tenantId, runId: input.runId });
  state = 'completed';
  return result;
}
