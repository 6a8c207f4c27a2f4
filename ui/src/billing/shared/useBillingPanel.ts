import { computed, shallowRef, type WritableComputedRef } from 'vue';
import type { BillingKind, BillingRecordOf } from '@/billing/billing.api';
import { liveTotals, rowsOf } from '@/billing/lines';
import { useBillingDetailsStore } from '@/billing/stores/billing-details';
import { useBillingEditorStore } from '@/billing/stores/billing-editor';
import { useRecordPanel } from '@/shared/useRecordPanel';

/**
 * The document a side panel shows (shared/useRecordPanel.ts): opened in the billing editor with its
 * payments, credit notes or invoices and its timeline; its totals, live from the lines being typed
 * while it is a draft, as stored once issued; which of its dialogs is open (`dialogOf(name)`, a
 * v-model) and the notice of its last action, both reset when another document opens.
 */
export function useBillingPanel<K extends BillingKind, D extends string>(kind: K, recordId: () => string | null) {
  const editor = useBillingEditorStore();
  const details = useBillingDetailsStore();
  const dialog = shallowRef<D | null>(null);
  const notice = shallowRef<string | null>(null);

  const { record } = useRecordPanel(recordId, {
    record: (id) => (editor.entries[id]?.record ?? null) as BillingRecordOf[K] | null,
    flush: (id) => editor.flush(id),
    onChange: () => {
      dialog.value = null;
      notice.value = null;
    },
    open: (id) => {
      editor.entry(kind, id);
      void editor.open(kind, id);
      void details.load(kind, id);
    },
  });
  const related = computed(() => {
    const id = recordId();
    return id ? details.byId[id] : undefined;
  });
  const isDraft = computed(() => record.value?.status === 'draft');

  const totals = computed(() => {
    const id = recordId();
    const current = record.value;
    if (!id || !current) return { totals: null, pending: 0, live: false };
    if (!isDraft.value) return { totals: current, pending: 0, live: false };
    return { ...liveTotals(rowsOf(editor.valueOf(id, 'lines'))), live: true };
  });

  function dialogOf(name: D): WritableComputedRef<boolean> {
    return computed({ get: () => dialog.value === name, set: (open: boolean) => { dialog.value = open ? name : null; } });
  }

  /** An action's answer: the document as it now is (panel, list, timeline) and what was done. */
  function updated(next: BillingRecordOf[K], text: string): void {
    editor.replace(kind, next);
    notice.value = text;
  }

  return { editor, details, record, related, isDraft, totals, dialog, notice, dialogOf, updated };
}
