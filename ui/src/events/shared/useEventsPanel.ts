import { computed } from 'vue';
import type { EventsKind, EventsRecordOf } from '@/events/events.api';
import { useEventsDetailsStore } from '@/events/stores/events-details';
import { useEventsEditorStore } from '@/events/stores/events-editor';
import { useRecordPanel } from '@/shared/useRecordPanel';

/**
 * The client, contract or event a side panel shows (shared/useRecordPanel.ts): opened in the
 * events editor with its related records and timeline. `onChange` runs on every change.
 */
export function useEventsPanel<K extends EventsKind>(kind: K, recordId: () => string | null, onChange?: (id: string | null) => void) {
  const editor = useEventsEditorStore();
  const details = useEventsDetailsStore();

  const { record } = useRecordPanel(recordId, {
    record: (id) => (editor.entries[id]?.record ?? null) as EventsRecordOf[K] | null,
    flush: (id) => editor.flush(id),
    onChange,
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

  return { editor, details, record, related };
}
