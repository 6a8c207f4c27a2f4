import { defineStore } from 'pinia';
import { ref, shallowRef, type Ref } from 'vue';
import { recordsApi, type EventsKind, type EventsRecordOf } from '@/api/events.api';
import { useRequestState } from './request-state';
import type { SortItem } from './accounts';

interface ListOptions {
  /** Column keys the API sorts by (`sort=<key>` / `sort=-<key>`). */
  sortable: readonly string[];
  defaultSort: SortItem;
}

const OPTIONS: Record<EventsKind, ListOptions> = {
  clients: { sortable: ['fullName', 'number', 'createdAt', 'updatedAt'], defaultSort: { key: 'fullName', order: 'asc' } },
  contracts: { sortable: ['number', 'amountDueCents', 'createdAt', 'updatedAt'], defaultSort: { key: 'number', order: 'desc' } },
  events: { sortable: ['startsAt', 'number', 'createdAt', 'updatedAt'], defaultSort: { key: 'startsAt', order: 'asc' } },
};

/**
 * One list per record kind (clients, contracts, events): search, filter chips, sort,
 * loaded pages. They survive navigation; a record saved elsewhere replaces its row.
 */
function defineEventsList<K extends EventsKind>(kind: K) {
  type Row = EventsRecordOf[K];
  const options = OPTIONS[kind];

  return defineStore(`events-${kind}`, () => {
    const items = ref([]) as Ref<Row[]>;
    const api = recordsApi(kind);
    const nextCursor = shallowRef<string | null>(null);
    const loaded = shallowRef(false);
    const q = shallowRef('');
    /** Active filter chips, as query parameters (`signed: 'false'`). */
    const filters = ref<Record<string, string>>({});
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

    function query(cursor: string | null) {
      return { q: q.value.trim() || undefined, sort: sortParam(), cursor, filters: { ...filters.value } };
    }

    /** First page for the current search and filters; an older answer arriving late is ignored. */
    async function load(): Promise<void> {
      clearTimeout(debounce);
      controller?.abort();
      controller = new AbortController();
      const mine = ++generation;
      const signal = controller.signal;
      const page = await run(() => api.list(query(null), signal));
      if (!page || mine !== generation) return;
      items.value = page.items;
      nextCursor.value = page.nextCursor;
      loaded.value = true;
    }

    async function loadMore(): Promise<void> {
      if (!nextCursor.value || loading.value) return;
      const mine = generation;
      const page = await run(() => api.list(query(nextCursor.value)));
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

    /** A filter parameter set or removed (chips of the same parameter replace each other). */
    function setFilter(key: string, value: string | null): void {
      const next = { ...filters.value };
      if (value === null) delete next[key];
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

    function setSort(value: SortItem[]): void {
      sortBy.value = value.length ? value : [options.defaultSort];
      void load();
    }

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

    return { items, nextCursor, loaded, q, filters, sortBy, loading, error, load, loadMore, setQuery, setFilter, toggleFilter, isOn, setSort, upsert, prepend, find };
  });
}

export const useEventClientsStore = defineEventsList('clients');
export const useEventContractsStore = defineEventsList('contracts');
export const useEventEventsStore = defineEventsList('events');

/** The list store of a kind (the editor and the dialogs update rows through it). */
export function useEventsListOf(kind: EventsKind) {
  switch (kind) {
    case 'clients': return useEventClientsStore();
    case 'contracts': return useEventContractsStore();
    case 'events': return useEventEventsStore();
  }
}
