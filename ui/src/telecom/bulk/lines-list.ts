import { defineStore } from 'pinia';
import { useRecordList } from '@/shared/record-list';
import { linesApi, type TelecomLine } from './lines.api';

/** The telecom lines' list: search (number, user), quick filters by status (in the URL), by number. */
export const useTelecomLinesStore = defineStore('telecom-lines', () => useRecordList<TelecomLine>({
  sortable: ['number', 'createdAt', 'updatedAt'],
  defaultSort: { key: 'number', order: 'asc' },
  stillMatches: (row, filters) => !filters.status || filters.status.split(',').includes(row.status),
  fetch: (query, signal) => linesApi.list(query, signal),
}));
