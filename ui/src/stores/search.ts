import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { searchApi, type SearchHit } from '@/api/search.api';
import { useRequestState } from './request-state';

export const SEARCH_MIN_LENGTH = 2;

/** Global search (Ctrl+K): the query and its results survive closing the dialog. */
export const useSearchStore = defineStore('search', () => {
  const open = shallowRef(false);
  const query = shallowRef('');
  const hits = ref<SearchHit[]>([]);
  /** The query `hits` answer (so "no results" is not shown while typing). */
  const answered = shallowRef('');
  const { loading, error, run } = useRequestState();

  let debounce: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | null = null;

  async function search(): Promise<void> {
    controller?.abort();
    const q = query.value.trim();
    if (q.length < SEARCH_MIN_LENGTH) {
      hits.value = [];
      answered.value = q;
      return;
    }
    controller = new AbortController();
    const signal = controller.signal;
    const answer = await run(() => searchApi.search(q, signal));
    if (answer && !signal.aborted) {
      hits.value = answer.items;
      answered.value = q;
    }
  }

  function setQuery(text: string | null): void {
    query.value = text ?? '';
    clearTimeout(debounce);
    debounce = setTimeout(() => void search(), 250);
  }

  function show(): void {
    open.value = true;
  }

  function hide(): void {
    open.value = false;
  }

  return { open, query, hits, answered, loading, error, setQuery, show, hide };
});
