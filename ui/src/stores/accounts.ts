import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { accountsApi, type Account, type AccountSort, type AccountStatus } from '@/api/accounts.api';
import { useRecordList } from '@/shared/record-list';

export type { SortItem } from '@/shared/record-list';

/** The accounts list: filters, loaded pages and selection survive navigation. */
export const useAccountsStore = defineStore('accounts', () => {
  const status = shallowRef<AccountStatus | null>(null);
  const selectedIds = ref<string[]>([]);

  const list = useRecordList<Account>({
    sortable: ['name', 'number', 'createdAt', 'updatedAt'],
    defaultSort: { key: 'name', order: 'asc' },
    fetch: ({ q, sort, cursor }, signal) => accountsApi.list({ q, status: status.value, sort: sort as AccountSort, cursor }, signal),
    onLoaded: (items) => {
      const present = new Set(items.map((a) => a.id));
      selectedIds.value = selectedIds.value.filter((id) => present.has(id));
    },
  });

  function setStatus(value: AccountStatus | null): void {
    status.value = value;
    void list.load();
  }

  const { items, nextCursor, loaded, q, sortBy, loading, error, load, loadMore, setQuery, setSort, upsert, prepend, find } = list;
  return { items, nextCursor, loaded, q, status, sortBy, selectedIds, loading, error, load, loadMore, setQuery, setStatus, setSort, upsert, prepend, find };
});
