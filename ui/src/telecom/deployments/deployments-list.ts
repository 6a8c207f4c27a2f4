import { defineStore } from 'pinia';
import { useRecordList } from '@/shared/record-list';
import { deploymentsApi, type Deployment } from './deployments.api';

/** The deployments' list: search, quick filters by status (in the URL), newest number first. */
export const useDeploymentsStore = defineStore('telecom-deployments', () => useRecordList<Deployment>({
  sortable: ['number', 'createdAt', 'updatedAt'],
  defaultSort: { key: 'number', order: 'desc' },
  stillMatches: (row, filters) => !filters.status || filters.status.split(',').includes(row.status),
  fetch: (query, signal) => deploymentsApi.list(query, signal),
}));
