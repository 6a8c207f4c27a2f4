import { proxyActivities } from '@temporalio/workflow';
import type { ModuleJobInput, ModuleJobResult } from './module-job.contract';

type Activities = Record<string, (input: unknown) => Promise<unknown>>;

const activities = proxyActivities<Activities>({
  startToCloseTimeout: '15 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '5 minutes', maximumAttempts: 5 },
});

/**
 * One run of a module's scheduled job (module-job.contract.ts): its items listed, then each one done by its
 * own activity, in order; an item that fails past its retries fails the run (the next scheduled run
 * does it again: a module's job is idempotent per item).
 */
export async function moduleJob(input: ModuleJobInput): Promise<ModuleJobResult> {
  const items = (await activities[input.list]!(input.listInput ?? {})) as unknown[];
  const results: unknown[] = [];
  for (const item of items) results.push(await activities[input.each]!(item));
  return { done: results.length, results };
}
