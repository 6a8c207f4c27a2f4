import { ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { SEARCH_WORDS_FOLD_WORKFLOW } from '../workflows/system/search-words-fold.contract';
import { ensureSchedule } from './audit-log-schedule';

/** The schedule's id; its runs are `relais/search-words-fold-<time>`. */
export const SEARCH_WORDS_FOLD_SCHEDULE_ID = 'relais/search-words-fold';

/**
 * Creates the schedule folding the names' word changes into the search dictionary every minute (ADR
 * 0040), or brings an existing one to this version's settings. A run still going when the next is due:
 * the next is skipped; missed runs are not made up (the next run folds everything logged since).
 */
export async function ensureSearchWordsFoldSchedule(client: Client, taskQueue: string, scheduleId = SEARCH_WORDS_FOLD_SCHEDULE_ID): Promise<void> {
  await ensureSchedule(client, {
    scheduleId,
    spec: { intervals: [{ every: '1 minute' }] },
    action: { type: 'startWorkflow', workflowType: SEARCH_WORDS_FOLD_WORKFLOW, workflowId: scheduleId, taskQueue, args: [] },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
  });
}
