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
  /** Active filters, as query parameters (`status: 'active'`, `withoutSupport: 'true'`). */
  filters: Record<string, string>;
}

/** What the URL holds of a list (`?q=…&sort=-startsAt&status=planned`): a reload keeps the view, a link shares it. */
export type ListUrlState = Record<string, string>;

/** URL parameters that are not filters. */
const RESERVED = new Set(['q', 'sort', 'new']);

export interface RecordListOptions<Row> {
  /** Column keys the API sorts by (`sort=<key>` / `sort=-<key>`); any other falls back to `defaultSort`. */
  sortable: readonly string[];
  defaultSort: SortItem;
  /** One page for the search, sort, filters and cursor. */
  fetch(query: ListQuery, signal?: AbortSignal): Promise<Page<Row>>;
  /** Whether a row changed here (panel, bulk action) still belongs under these filters; false: it leaves the list. */
  stillMatches?(row: Row, filters: Record<string, string>): boolean;
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
  const filters = ref<Record<string, string>>({});
  /** Rows ticked in the table; `allMatching`: every row the search and filters match, across pages. */
  const selectedIds = ref<string[]>([]);
  const allMatching = shallowRef(false);
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
    return { q: q.value.trim() || undefined, sort: sortParam(), cursor, filters: { ...filters.value } };
  }

  /** The view as URL parameters (defaults left out). */
  function urlState(): ListUrlState {
    const state: ListUrlState = { ...filters.value };
    const text = q.value.trim();
    if (text) state.q = text;
    const sort = sortParam();
    const fallback = options.defaultSort.order === 'desc' ? `-${options.defaultSort.key}` : options.defaultSort.key;
    if (sort !== fallback) state.sort = sort;
    return state;
  }

  /** Takes the view from URL parameters; true when it changed (the caller then loads). */
  function applyUrlState(state: ListUrlState): boolean {
    const before = JSON.stringify(urlState());
    q.value = state.q ?? '';
    const sort = state.sort ?? '';
    const key = sort.replace(/^-/, '');
    sortBy.value = [options.sortable.includes(key) ? { key, order: sort.startsWith('-') ? 'desc' : 'asc' } : options.defaultSort];
    filters.value = Object.fromEntries(Object.entries(state).filter(([k, v]) => !RESERVED.has(k) && v !== ''));
    return JSON.stringify(urlState()) !== before;
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
    const present = new Set(page.items.map((r) => r.id));
    selectedIds.value = selectedIds.value.filter((id) => present.has(id));
    allMatching.value = false;
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
    sortBy.value = value.length ? value : [options.defaultSort];
    void load();
  }

  /** A filter parameter set or removed (chips of the same parameter replace each other). */
  function setFilter(key: string, value: string | null): void {
    const next = { ...filters.value };
    if (value === null || value === '') delete next[key];
    else next[key] = value;
    filters.value = next;
    void load();
  }

  function toggleFilter(key: string, value: string): void {
    setFilter(key, filters.value[key] === value ? null : value);
  }

  function isOn(key: string, value: string): boolean {
    return filters.value[key] === value;
  }

  function setSelected(ids: string[]): void {
    selectedIds.value = ids;
    if (ids.length < items.value.length) allMatching.value = false;
  }

  /** Every record the search and filters match, loaded or not (a bulk action then names the filter, not ids). */
  function selectAllMatching(): void {
    selectedIds.value = items.value.map((r) => r.id);
    allMatching.value = true;
  }

  function clearSelection(): void {
    selectedIds.value = [];
    allMatching.value = false;
  }

  /** A record saved elsewhere (panel, bulk action) replaces its row, or leaves a list whose filters it no longer matches. */
  function upsert(record: Row): void {
    const index = items.value.findIndex((r) => r.id === record.id);
    if (index < 0 || items.value[index]!.version > record.version) return;
    if (options.stillMatches && !options.stillMatches(record, filters.value)) {
      items.value.splice(index, 1);
      selectedIds.value = selectedIds.value.filter((id) => id !== record.id);
    } else {
      items.value[index] = record;
    }
  }

  /** A record just created here: on top of the list until the next load. */
  function prepend(record: Row): void {
    if (!items.value.some((r) => r.id === record.id)) items.value.unshift(record);
  }

  function find(id: string): Row | undefined {
    return items.value.find((r) => r.id === id);
  }

  return {
    items, nextCursor, loaded, q, sortBy, filters, selectedIds, allMatching, loading, error,
    load, loadMore, setQuery, setSort, setFilter, toggleFilter, isOn, setSelected, selectAllMatching, clearSelection, upsert, prepend, find, urlState, applyUrlState, query,
  };
}
