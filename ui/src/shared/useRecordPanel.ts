import { computed, watch } from 'vue';

/**
 * The record a side panel shows, for any module's editor: opened with its details when the id
 * changes, and leaving a record saves what was typed (the draft stays in the store either way).
 * `onChange` runs on every change (to reset the panel's notices, load pickers).
 */
export function useRecordPanel<R>(recordId: () => string | null, io: {
  record(id: string): R | null;
  open(id: string): void;
  flush(id: string): Promise<void>;
  onChange?(id: string | null): void;
}) {
  const record = computed(() => {
    const id = recordId();
    return id ? io.record(id) : null;
  });

  watch(recordId, (id, previous) => {
    if (previous) void io.flush(previous);
    io.onChange?.(id);
    if (id) io.open(id);
  }, { immediate: true });

  return { record };
}
