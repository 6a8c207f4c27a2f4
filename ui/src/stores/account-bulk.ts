import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { accountsApi, type AccountStatus } from '@/api/accounts.api';
import { useAccountEditorStore } from './account-editor';
import { useAccountsStore } from './accounts';
import { describeError } from './describe-error';

export interface BulkResult {
  id: string;
  label: string;
  ok: boolean;
  message: string | null;
}

/** Bulk actions on the selected accounts, one PATCH per row with that row's version. */
export const useAccountBulkStore = defineStore('account-bulk', () => {
  const running = shallowRef(false);
  const done = shallowRef(0);
  const total = shallowRef(0);
  const results = ref<BulkResult[]>([]);
  const accounts = useAccountsStore();
  const editor = useAccountEditorStore();

  async function changeStatus(ids: string[], status: AccountStatus): Promise<void> {
    if (running.value || !ids.length) return;
    running.value = true;
    done.value = 0;
    total.value = ids.length;
    results.value = [];
    const failed: string[] = [];
    for (const id of ids) {
      const row = accounts.find(id);
      const version = editor.entries[id]?.record?.version ?? row?.version;
      const label = row ? `${row.number} · ${row.name}` : id;
      try {
        if (version === undefined) throw new Error('unknown version');
        const updated = row?.status === status ? row : await accountsApi.update(id, { status }, version);
        accounts.upsert(updated);
        editor.syncRecord(updated, ['status']);
        results.value.push({ id, label, ok: true, message: null });
      } catch (e) {
        failed.push(id);
        results.value.push({ id, label, ok: false, message: describeError(e) });
      }
      done.value += 1;
    }
    // Failed rows stay selected so they can be retried.
    accounts.selectedIds = failed;
    running.value = false;
  }

  function dismiss(): void {
    results.value = [];
  }

  return { running, done, total, results, changeStatus, dismiss };
});
