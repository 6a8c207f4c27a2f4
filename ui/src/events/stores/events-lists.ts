import { defineStore } from 'pinia';
import { ref } from 'vue';
import { recordsApi, type EventsKind, type EventsRecordOf } from '@/events/events.api';
import { useRecordList, type SortItem } from '@/shared/record-list';

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
    const api = recordsApi(kind);
    /** Active filter chips, as query parameters (`signed: 'false'`). */
    const filters = ref<Record<string, string>>({});
    const list = useRecordList<Row>({
      ...options,
      fetch: (query, signal) => api.list({ ...query, filters: { ...filters.value } }, signal),
    });

    /** A filter parameter set or removed (chips of the same parameter replace each other). */
    function setFilter(key: string, value: string | null): void {
      const next = { ...filters.value };
      if (value === null) delete next[key];
      else next[key] = value;
      filters.value = next;
      void list.load();
    }

    function toggleFilter(key: string, value: string): void {
      setFilter(key, filters.value[key] === value ? null : value);
    }

    function isOn(key: string, value: string): boolean {
      return filters.value[key] === value;
    }

    /** No sort chosen: back to the list's default order. */
    function setSort(value: SortItem[]): void {
      list.setSort(value.length ? value : [options.defaultSort]);
    }

    const { items, nextCursor, loaded, q, sortBy, loading, error, load, loadMore, setQuery, upsert, prepend, find } = list;
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
