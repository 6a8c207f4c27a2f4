import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type { ListUrlState } from '@/shared/record-list';
import { useSessionStore } from './session';

export interface SavedView {
  name: string;
  /** The list's URL parameters (search, sort, filters). */
  query: ListUrlState;
}

/**
 * Views a person saved on a list (its search, sort and filters under a name). Local views: kept in
 * this browser only (localStorage, per user and organisation), said so wherever they are shown;
 * not shared with other devices or people (a link to the view is).
 */
export const useSavedViewsStore = defineStore('saved-views', () => {
  const session = useSessionStore();
  const byList = ref<Record<string, SavedView[]>>({});
  const storageKey = () => (session.me ? `relais.views.${session.me.tenant.id}.${session.me.user.id}` : null);

  function read(): void {
    const key = storageKey();
    try {
      const parsed: unknown = key ? JSON.parse(localStorage.getItem(key) ?? '{}') : {};
      byList.value = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed as Record<string, SavedView[]> : {};
    } catch {
      byList.value = {};
    }
  }

  watch(() => session.me?.user.id, read, { immediate: true });

  function write(): void {
    const key = storageKey();
    try {
      if (key) localStorage.setItem(key, JSON.stringify(byList.value));
    } catch {
      // A full or disabled storage keeps the views for this visit only.
    }
  }

  function of(list: string): SavedView[] {
    return byList.value[list] ?? [];
  }

  /** Saves (or replaces, same name) a view of a list. */
  function save(list: string, name: string, query: ListUrlState): void {
    const trimmed = name.trim();
    if (!trimmed) return;
    byList.value = { ...byList.value, [list]: [...of(list).filter((v) => v.name !== trimmed), { name: trimmed, query: { ...query } }] };
    write();
  }

  function remove(list: string, name: string): void {
    byList.value = { ...byList.value, [list]: of(list).filter((v) => v.name !== name) };
    write();
  }

  return { of, save, remove };
});
