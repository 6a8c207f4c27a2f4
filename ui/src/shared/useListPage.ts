import { computed, onMounted, shallowRef } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { useDisplay } from 'vuetify';

/**
 * A list page with the open record beside it: the open id is in the URL (`<route>/:id`, so a
 * reload reopens it), the list loads once (coming back keeps what was loaded and filtered),
 * and a snackbar says what was just done.
 */
export function useListPage(routeName: string, list: { loaded: boolean; load(): Promise<void> }) {
  const route = useRoute();
  const router = useRouter();
  const { xlAndUp } = useDisplay();

  const openId = computed(() => (typeof route.params.id === 'string' && route.params.id ? route.params.id : null));
  /** With the side panel open (below xl), the list keeps its essential columns. */
  const compact = computed(() => !!openId.value && !xlAndUp.value);
  const snackbar = shallowRef(false);
  const snackbarText = shallowRef('');

  function open(id: string): void {
    void router.push({ name: routeName, params: { id } });
  }

  function close(): void {
    void router.push({ name: routeName });
  }

  function notify(text: string): void {
    snackbarText.value = text;
    snackbar.value = true;
  }

  onMounted(() => {
    if (!list.loaded) void list.load();
  });

  return { openId, compact, open, close, snackbar, snackbarText, notify };
}
