import { ref, shallowRef, type Ref } from 'vue';
import type { Page } from '@/api/accounts.api';
import { useRequestState } from '@/stores/request-state';

export interface SortItem {
  key: string;
  order?: boolean | 'asc' | 'desc';
}

export interface ListQuery {
  q: string | undefined;
  sort: string;
  cursor: string | null;
}

export interface RecordListOptions<Row> {
  /** Column keys the API sorts by (`sort=<key>` / `sort=-<key>`); any other falls back to `defaultSort`. */
  sortable: readonly string[];
  defaultSort: SortItem;
  /** One page for the search, sort and cursor (the caller adds its own filters). */
  fetch(query: ListQuery, signal?: AbortSignal): Promise<Page<Row>>;
  /** After a first page arrived (e.g. to drop a selection of rows no longer shown). */
  onLoaded?(items: Row[]): void;
}

/**
 * A list for a Pinia setup store: search (debounced), sort, cursor paging, rows
 * updated in place. An older answer arriving late is ignored.
 */
export function useRecordList<Row extends { id: string; version: number }>(options: RecordListOptions<Row>) {
  const items = ref([]) as Ref<Row[]>;
  const nextCursor = shallowRef<string | null>(null);
  const loaded = shallowRef(false);
  const q = shallowRef('');
  const sortBy = ref<SortItem[]>([options.defaultSort]);
  const { loading, error, run } = useRequestState();

  let generation = 0;
  let controller: AbortController | null = null;
  let debounce: ReturnType<typeof setTimeout> | undefined;

  function sortParam(): string {
    const first = sortBy.value[0];
    const chosen = first && options.sortable.includes(first.key) ? first : options.defaultSort;
    return chosen.order === 'desc' ? `-${chosen.key}` : chosen.key;
  }

  function query(cursor: string | null): ListQuery {
    return { q: q.value.trim() || undefined, sort: sortParam(), cursor };
  }

  /** First page for the current search and filters. */
  async function load(): Promise<void> {
    clearTimeout(debounce);
    controller?.abort();
    controller = new AbortController();
    const mine = ++generation;
    const signal = controller.signal;
    const page = await run(() => options.fetch(query(null), signal));
    if (!page || mine !== generation) return;
    items.value = page.items;
    nextCursor.value = page.nextCursor;
    loaded.value = true;
    options.onLoaded?.(page.items);
  }

  async function loadMore(): Promise<void> {
    if (!nextCursor.value || loading.value) return;
    const mine = generation;
    const page = await run(() => options.fetch(query(nextCursor.value)));
    if (!page || mine !== generation) return;
    const known = new Set(items.value.map((r) => r.id));
    items.value.push(...page.items.filter((r) => !known.has(r.id)));
    nextCursor.value = page.nextCursor;
  }

  /** Search box: shown at once, applied 300 ms after the last keystroke. */
  function setQuery(text: string | null): void {
    q.value = text ?? '';
    clearTimeout(debounce);
    debounce = setTimeout(() => void load(), 300);
  }

  function setSort(value: SortItem[]): void {
    sortBy.value = value;
    void load();
  }

  /** A record saved elsewhere (panel, bulk action) replaces its row. */
  function upsert(record: Row): void {
    const index = items.value.findIndex((r) => r.id === record.id);
    if (index >= 0 && items.value[index]!.version <= record.version) items.value[index] = record;
  }

  /** A record just created here: on top of the list until the next load. */
  function prepend(record: Row): void {
    if (!items.value.some((r) => r.id === record.id)) items.value.unshift(record);
  }

  function find(id: string): Row | undefined {
    return items.value.find((r) => r.id === id);
  }

  return { items, nextCursor, loaded, q, sortBy, loading, error, load, loadMore, setQuery, setSort, upsert, prepend, find };
}
