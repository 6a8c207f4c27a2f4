import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { ApiError } from '@/api/problem';
import { savedViewsApi, type SavedView, type ViewQuery } from '@/api/saved-views.api';
import { useRequestState } from './request-state';
import { useSessionStore } from './session';

/** A view as this browser kept it before views were saved on the server. */
interface LocalView {
  name: string;
  query: ViewQuery;
}

const byOwnerThenName = (a: SavedView, b: SavedView) =>
  Number(b.mine) - Number(a.mine) || a.name.localeCompare(b.name, 'fr', { sensitivity: 'base' });

/**
 * Views people save on a list (its search, sort and filters under a name), kept by the server
 * (`/api/v1/saved-views`): the person's own, on any browser, and those colleagues shared with the
 * organisation. Views an earlier version kept in this browser (localStorage, per user and
 * organisation) are sent to the server on the first load, then dropped from the browser.
 */
export const useSavedViewsStore = defineStore('saved-views', () => {
  const session = useSessionStore();
  const byList = ref<Record<string, SavedView[]>>({});
  const { loading, error, run } = useRequestState();
  let migration: Promise<void> | null = null;

  watch(() => `${session.me?.tenant.id}/${session.me?.user.id}`, () => {
    byList.value = {};
    migration = null;
  });

  const localKey = () => (session.me ? `relais.views.${session.me.tenant.id}.${session.me.user.id}` : null);

  function readLocal(key: string): Record<string, LocalView[]> {
    try {
      const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '{}');
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed as Record<string, LocalView[]> : {};
    } catch {
      return {};
    }
  }

  /**
   * Sends this browser's local views to the server once, then forgets them. A view the server
   * refuses (the name is already taken, it no longer reads as a view) is dropped; one it could
   * not receive (offline, server error) stays for the next visit.
   */
  async function migrateLocal(): Promise<void> {
    const key = localKey();
    if (!key || localStorage.getItem(key) === null) return;
    const left: Record<string, LocalView[]> = {};
    for (const [list, views] of Object.entries(readLocal(key))) {
      for (const view of Array.isArray(views) ? views : []) {
        if (typeof view?.name !== 'string' || !view.query || typeof view.query !== 'object') continue;
        try {
          await savedViewsApi.create({ list, name: view.name, query: view.query });
        } catch (e) {
          const refused = e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 401;
          if (!refused) (left[list] ??= []).push(view);
        }
      }
    }
    try {
      if (Object.keys(left).length) localStorage.setItem(key, JSON.stringify(left));
      else localStorage.removeItem(key);
    } catch {
      // A disabled storage: nothing more to forget.
    }
  }

  /** The views of a list (after moving this browser's local views to the server, once). */
  async function load(list: string): Promise<void> {
    migration ??= migrateLocal().catch(() => undefined);
    await migration;
    const page = await run(() => savedViewsApi.list(list));
    if (page) byList.value = { ...byList.value, [list]: page.items };
  }

  function of(list: string): SavedView[] {
    return byList.value[list] ?? [];
  }

  function put(view: SavedView): void {
    byList.value = { ...byList.value, [view.list]: [...of(view.list).filter((v) => v.id !== view.id), view].sort(byOwnerThenName) };
  }

  /** Saves a view of a list; throws the API's refusal (a name already taken…) for the dialog to show. */
  async function save(list: string, name: string, query: ViewQuery, shared: boolean, idempotencyKey: string): Promise<SavedView> {
    const created = await savedViewsApi.create({ list, name: name.trim(), query, shared }, idempotencyKey);
    put(created);
    return created;
  }

  /** Renames or shares a view of the person's; throws the API's refusal. */
  async function update(view: SavedView, changes: { name?: string; shared?: boolean }): Promise<SavedView> {
    const updated = await savedViewsApi.update(view, changes);
    put(updated);
    return updated;
  }

  /** Shares a view of the person's with the organisation, or no longer. */
  async function share(view: SavedView, shared: boolean): Promise<void> {
    const updated = await run(() => savedViewsApi.update(view, { shared }));
    if (updated) put(updated);
  }

  async function remove(view: SavedView): Promise<void> {
    const done = await run(async () => {
      await savedViewsApi.remove(view);
      return true;
    });
    if (done) byList.value = { ...byList.value, [view.list]: of(view.list).filter((v) => v.id !== view.id) };
  }

  return { loading, error, of, load, save, update, share, remove };
});
