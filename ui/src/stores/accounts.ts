import { defineStore } from 'pinia';
import { computed } from 'vue';
import { accountsApi, type Account, type AccountSort, type AccountStatus } from '@/api/accounts.api';
import { useRecordList } from '@/shared/record-list';

export type { SortItem } from '@/shared/record-list';

/** The accounts list: search, status filter (both in the URL), loaded pages and selection survive navigation. */
export const useAccountsStore = defineStore('accounts', () => {
  const list = useRecordList<Account>({
    sortable: ['name', 'number', 'createdAt', 'updatedAt'],
    defaultSort: { key: 'name', order: 'asc' },
    fetch: ({ q, sort, cursor, filters }, signal) =>
      accountsApi.list({ q, status: (filters.status as AccountStatus | undefined) ?? null, sort: sort as AccountSort, cursor }, signal),
  });

  const status = computed(() => (list.filters.value.status as AccountStatus | undefined) ?? null);

  function setStatus(value: AccountStatus | null): void {
    list.setFilter('status', value);
  }

  return { ...list, status, setStatus };
});
