import { defineStore } from 'pinia';
import { recordsApi, type EventsKind, type EventsRecordOf } from '@/events/events.api';
import { useRecordList, type SortItem } from '@/shared/record-list';

interface ListOptions {
  /** Column keys the API sorts by (`sort=<key>` / `sort=-<key>`). */
  sortable: readonly string[];
  defaultSort: SortItem;
  /** A row changed here that no longer fits the filter chips leaves the list (an event just given a support under « Sans support »). */
  stillMatches?(row: Record<string, unknown>, filters: Record<string, string>): boolean;
}

const OPTIONS: Record<EventsKind, ListOptions> = {
  clients: { sortable: ['fullName', 'number', 'createdAt', 'updatedAt'], defaultSort: { key: 'fullName', order: 'asc' } },
  contracts: { sortable: ['number', 'amountDueCents', 'createdAt', 'updatedAt'], defaultSort: { key: 'number', order: 'desc' } },
  events: {
    sortable: ['startsAt', 'number', 'createdAt', 'updatedAt'],
    defaultSort: { key: 'startsAt', order: 'asc' },
    stillMatches: (row, filters) => !(filters.withoutSupport === 'true' && row.supportContactId) && !(filters.status && row.status !== filters.status),
  },
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
    // Filter chips are query parameters (`signed: 'false'`), kept in the URL with the search and sort.
    return useRecordList<Row>({
      ...options,
      stillMatches: options.stillMatches as ((row: Row, filters: Record<string, string>) => boolean) | undefined,
      fetch: (query, signal) => api.list(query, signal),
    });
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
