import { defineStore } from 'pinia';
import { useRecordList } from '@/shared/record-list';
import { contractsApi, type Contract } from './contracts.api';

/** The contracts' list: search, quick filters by type and status (in the URL), newest number first. */
export const useContractsStore = defineStore('psa-contracts', () => useRecordList<Contract>({
  sortable: ['number', 'remainingMinutes', 'startDate', 'createdAt'],
  defaultSort: { key: 'number', order: 'desc' },
  stillMatches: (row, filters) => (!filters.type || filters.type === row.type) && (!filters.status || filters.status === row.status),
  fetch: (query, signal) => contractsApi.list(query, signal),
}));
