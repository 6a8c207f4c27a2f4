import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { accountsApi, type Account, type AccountSort, type AccountStatus } from '@/api/accounts.api';
import { useRequestState } from './request-state';

export interface SortItem {
  key: string;
  order?: boolean | 'asc' | 'desc';
}

const SORTABLE = new Set(['name', 'number', 'createdAt', 'updatedAt']);

function sortParam(sortBy: SortItem[]): AccountSort {
  const first = sortBy[0];
  if (!first || !SORTABLE.has(first.key)) return 'name';
  return (first.order === 'desc' ? `-${first.key}` : first.key) as AccountSort;
}

/** The accounts list: filters, loaded pages and selection survive navigation. */
export const useAccountsStore = defineStore('accounts', () => {
  const items = ref<Account[]>([]);
  const nextCursor = shallowRef<string | null>(null);
  const loaded = shallowRef(false);
  const q = shallowRef('');
  const status = shallowRef<AccountStatus | null>(null);
  const sortBy = ref<SortItem[]>([{ key: 'name', order: 'asc' }]);
  const selectedIds = ref<string[]>([]);
  const { loading, error, run } = useRequestState();

  let generation = 0;
  let controller: AbortController | null = null;
  let debounce: ReturnType<typeof setTimeout> | undefined;

  function query(cursor: string | null) {
    return { q: q.value.trim() || undefined, status: status.value, sort: sortParam(sortBy.value), cursor };
  }

  /** First page for the current filters; an older answer arriving late is ignored. */
  async function load(): Promise<void> {
    clearTimeout(debounce);
    controller?.abort();
    controller = new AbortController();
    const mine = ++generation;
    const signal = controller.signal;
    const page = await run(() => accountsApi.list(query(null), signal));
    if (!page || mine !== generation) return;
    items.value = page.items;
    nextCursor.value = page.nextCursor;
    loaded.value = true;
    const present = new Set(page.items.map((a) => a.id));
    selectedIds.value = selectedIds.value.filter((id) => present.has(id));
  }

  async function loadMore(): Promise<void> {
    if (!nextCursor.value || loading.value) return;
    const mine = generation;
    const page = await run(() => accountsApi.list(query(nextCursor.value)));
    if (!page || mine !== generation) return;
    const known = new Set(items.value.map((a) => a.id));
    items.value.push(...page.items.filter((a) => !known.has(a.id)));
    nextCursor.value = page.nextCursor;
  }

  /** Quick filter: shown at once, applied 300 ms after the last keystroke. */
  function setQuery(text: string | null): void {
    q.value = text ?? '';
    clearTimeout(debounce);
    debounce = setTimeout(() => void load(), 300);
  }

  function setStatus(value: AccountStatus | null): void {
    status.value = value;
    void load();
  }

  function setSort(value: SortItem[]): void {
    sortBy.value = value;
    void load();
  }

  /** A record saved elsewhere (panel, bulk action) replaces its row. */
  function upsert(account: Account): void {
    const index = items.value.findIndex((a) => a.id === account.id);
    if (index >= 0 && items.value[index]!.version <= account.version) items.value[index] = account;
  }

  function find(id: string): Account | undefined {
    return items.value.find((a) => a.id === id);
  }

  return { items, nextCursor, loaded, q, status, sortBy, selectedIds, loading, error, load, loadMore, setQuery, setStatus, setSort, upsert, find };
});
