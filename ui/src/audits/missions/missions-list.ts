import { defineStore } from 'pinia';
import { useRecordList } from '@/shared/record-list';
import { missionsApi, type Mission } from './missions.api';

/** The missions' list: search, quick filters by status and « Mes missions » (in the URL), newest number first. */
export const useMissionsStore = defineStore('audits-missions', () => useRecordList<Mission>({
  sortable: ['number', 'createdAt', 'updatedAt'],
  defaultSort: { key: 'number', order: 'desc' },
  stillMatches: (row, filters) => !filters.status || filters.status.split(',').includes(row.status),
  fetch: (query, signal) => missionsApi.list(query, signal),
}));
