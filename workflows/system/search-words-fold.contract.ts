import type { SearchWordsFold } from '../../domain/search/search-words';

/**
 * What the periodic fold of the search dictionary, its activity and the schedule that starts it share
 * (STYLE §3: the worker names the workflow by this constant, never a string of its own).
 */
export const SEARCH_WORDS_FOLD_WORKFLOW = 'searchWordsFold';

/** The activity the run calls (activities/system/search-words.activities.ts): counts only, no words in Temporal's history. */
export interface SearchWordsFoldActivities {
  'system.search.foldWords'(): Promise<SearchWordsFold>;
}
