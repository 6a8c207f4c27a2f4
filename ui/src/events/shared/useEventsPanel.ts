import { computed, watch } from 'vue';
import type { EventsKind, EventsRecordOf } from '@/events/events.api';
import { useEventsDetailsStore } from '@/events/stores/events-details';
import { useEventsEditorStore } from '@/events/stores/events-editor';

/**
 * The record a side panel shows: opened in the editor with its details when the id
 * changes; leaving a record saves what was typed (the draft stays in the store either way).
 * `onChange` runs on every change (to reset the panel's notices, load pickers).
 */
export function useEventsPanel<K extends EventsKind>(kind: K, recordId: () => string | null, onChange?: (id: string | null) => void) {
  const editor = useEventsEditorStore();
  const details = useEventsDetailsStore();

  const record = computed(() => {
    const id = recordId();
    return ((id ? editor.entries[id]?.record : null) ?? null) as EventsRecordOf[K] | null;
  });
  const related = computed(() => {
    const id = recordId();
    return id ? details.byId[id] : undefined;
  });

  watch(recordId, (id, previous) => {
    if (previous) void editor.flush(previous);
    onChange?.(id);
    if (id) {
      editor.entry(kind, id);
      void editor.open(kind, id);
      void details.load(kind, id);
    }
  }, { immediate: true });

  return { editor, details, record, related };
}
