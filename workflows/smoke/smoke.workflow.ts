import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { SmokeActivities } from '../../activities/smoke/smoke.activities';
import { proceedSignal, smokeStateQuery, type SmokeInput, type SmokeState } from './smoke.contract';

const { recordSmokeCompletion } = proxyActivities<SmokeActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/** Proves the chain API → Temporal → worker → activity → PostgreSQL. */
export async function smokeWorkflow(input: SmokeInput): Promise<{ completions: number }> {
  let state: SmokeState = 'waiting';
  let proceed = !input.waitForSignal;
  setHandler(proceedSignal, () => { proceed = true; });
  setHandler(smokeStateQuery, () => state);
  await condition(() => proceed);
  state = 'recording';
  const result = await recordSmokeCompletion({ tenantId: input.tenantId, runId: input.runId });
  state = 'completed';
  return result;
}
