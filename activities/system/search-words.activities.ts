import type { Knex } from 'knex';
import { foldAllSearchWords } from '../../domain/search/search-words';
import type { SearchWordsFoldActivities } from '../../workflows/system/search-words-fold.contract';

/** The periodic fold of the search dictionary (workflows/system/search-words-fold.workflow.ts): thin, over domain/search/search-words.ts. */
export function createSearchWordsActivities(deps: { knex: Knex }): SearchWordsFoldActivities {
  return {
    async 'system.search.foldWords'() {
      return foldAllSearchWords(deps.knex);
    },
  };
}
