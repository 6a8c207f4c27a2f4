import { onBeforeUnmount, onMounted } from 'vue';
import { useSearchStore } from '@/stores/search';

/** Ctrl+K (Cmd+K on a Mac) opens the global search from anywhere. */
export function useSearchHotkey(): void {
  const search = useSearchStore();

  function onKeydown(event: KeyboardEvent): void {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
      event.preventDefault();
      search.show();
    }
  }

  onMounted(() => window.addEventListener('keydown', onKeydown));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown));
}
