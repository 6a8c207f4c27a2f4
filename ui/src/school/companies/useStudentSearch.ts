import { shallowRef } from 'vue';
import { companiesApi } from './companies.api';

/** Students found by name as picker items (« Ada Kerouac · 2026 »), for the introduction and SMS dialogs. */
export function useStudentSearch() {
  const items = shallowRef<Array<{ title: string; value: string }>>([]);
  const loading = shallowRef(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  function search(q: string | null): void {
    clearTimeout(timer);
    if (!q || q.trim().length < 2) return;
    timer = setTimeout(async () => {
      loading.value = true;
      try {
        const page = await companiesApi.students(q.trim());
        const known = new Map(items.value.map((i) => [i.value, i]));
        for (const s of page.items) known.set(s.id, { title: `${s.firstName} ${s.lastName}${s.promotion ? ` · ${s.promotion}` : ''}`, value: s.id });
        items.value = [...known.values()];
      } finally {
        loading.value = false;
      }
    }, 250);
  }
  return { items, loading, search };
}
