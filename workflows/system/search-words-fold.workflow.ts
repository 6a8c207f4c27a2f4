import { proxyActivities } from '@temporalio/workflow';
import type { SearchWordsFold } from '../../domain/search/search-words';
import type { SearchWordsFoldActivities } from './search-words-fold.contract';

const system = proxyActivities<SearchWordsFoldActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '1 minute', maximumAttempts: 3 },
});

/**
 * One fold of every organisation's logged word changes into its search dictionary (ADR 0040,
 * domain/search/search-words.ts), started every minute by the Temporal schedule
 * `relais/search-words-fold` (worker/search-words-schedule.ts). Running it again folds what came since.
 */
export async function searchWordsFold(): Promise<SearchWordsFold> {
  return system['system.search.foldWords']();
}
