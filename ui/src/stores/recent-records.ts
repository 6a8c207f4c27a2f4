import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { useSessionStore } from './session';

/** A record opened lately: the list route that shows it and its id (ids only: no names are stored). */
export interface RecentRecord {
  route: string;
  id: string;
}

const LIMIT = 8;

/**
 * The records a person opened lately, newest first, kept in this browser per user and
 * organisation (localStorage, ids only) for the Ctrl+K palette. Titles seen during this visit
 * are remembered in memory only, to label them.
 */
export const useRecentRecordsStore = defineStore('recent-records', () => {
  const session = useSessionStore();
  const items = ref<RecentRecord[]>([]);
  const titles = ref<Record<string, string>>({});

  const storageKey = () => (session.me ? `relais.recent.${session.me.tenant.id}.${session.me.user.id}` : null);

  function read(): void {
    const key = storageKey();
    try {
      const raw = key ? localStorage.getItem(key) : null;
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      items.value = Array.isArray(parsed)
        ? parsed.filter((r): r is RecentRecord => typeof r?.route === 'string' && typeof r?.id === 'string').slice(0, LIMIT)
        : [];
    } catch {
      items.value = [];
    }
  }

  watch(() => session.me?.user.id, read, { immediate: true });

  function remember(route: string, id: string): void {
    items.value = [{ route, id }, ...items.value.filter((r) => !(r.route === route && r.id === id))].slice(0, LIMIT);
    const key = storageKey();
    try {
      if (key) localStorage.setItem(key, JSON.stringify(items.value));
    } catch {
      // A full or disabled storage only loses the recent list.
    }
  }

  /** The title a panel showed for a record (this visit only). */
  function label(id: string, title: string): void {
    if (title) titles.value = { ...titles.value, [id]: title };
  }

  return { items, titles, remember, label };
});
