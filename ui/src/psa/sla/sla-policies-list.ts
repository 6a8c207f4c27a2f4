import { defineStore } from 'pinia';
import { useRecordList } from '@/shared/record-list';
import { slaApi, type SlaPolicy } from './sla.api';

/** The organisation's SLA policies, by name. */
export const useSlaPoliciesStore = defineStore('psa-sla-policies', () => useRecordList<SlaPolicy>({
  sortable: ['name'],
  defaultSort: { key: 'name', order: 'asc' },
  stillMatches: () => true,
  fetch: (query, signal) => slaApi.list(query, signal),
}));
