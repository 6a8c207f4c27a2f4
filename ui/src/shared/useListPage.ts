import { computed, onMounted, shallowRef, watch } from 'vue';
import { useRoute, useRouter, type LocationQuery } from 'vue-router';
import { useDisplay } from 'vuetify';
import { useRecentRecordsStore } from '@/stores/recent-records';
import type { ListUrlState } from './record-list';

/** What a list page needs of its list store. */
export interface ListPageList {
  loaded: boolean;
  load(): Promise<void>;
  urlState(): ListUrlState;
  applyUrlState(state: ListUrlState): boolean;
}

/**
 * Query parameters of the open record's panel, not of the list's view: an account's open site
 * (`/accounts/:id?site=…`, AccountSites.vue). The list leaves them alone and drops them when
 * another record opens or the panel closes.
 */
export const PANEL_PARAMS = new Set(['site']);

function stateOf(query: LocationQuery): ListUrlState {
  const state: ListUrlState = {};
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string' && key !== 'new' && !PANEL_PARAMS.has(key)) state[key] = value;
  }
  return state;
}

/** The panel's own parameters of a query, kept when the list's view changes the URL. */
function panelOf(query: LocationQuery): LocationQuery {
  return Object.fromEntries(Object.entries(query).filter(([key]) => PANEL_PARAMS.has(key)));
}

const same = (a: ListUrlState, b: ListUrlState) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/**
 * The view of a list in the URL (`?q=…&sort=…&<filter>=…`): the URL wins when it names a view
 * (a reload, a shared link, back/forward), else the list's own view goes into the URL, and the
 * URL follows every change (replace: no history entry per keystroke). `?new=1` calls `onCreate`
 * and leaves the URL. `loadOnMount: false` when the page loads the list itself.
 */
export function useListUrl(routeName: string, list: ListPageList, options: { onCreate?(): void; loadOnMount?: boolean } = {}): void {
  const route = useRoute();
  const router = useRouter();
  const loadOnMount = options.loadOnMount ?? true;

  function syncFromUrl(): void {
    const fromUrl = stateOf(route.query);
    const creating = route.query.new === '1';
    if (Object.keys(fromUrl).length) {
      const changed = list.applyUrlState(fromUrl);
      if (loadOnMount && (changed || !list.loaded)) void list.load();
    } else if (loadOnMount && !list.loaded) {
      void list.load();
    } else if (Object.keys(list.urlState()).length && !creating) {
      void router.replace({ query: { ...list.urlState(), ...panelOf(route.query) } });
    }
    // `?new=1` beside a view (« Nouvelle facture » from an account: `?client=…&new=1`): the view is
    // taken first, so the create dialog may read it (its client), then `new` leaves the URL.
    if (creating) {
      options.onCreate?.();
      void router.replace({ query: { ...list.urlState(), ...panelOf(route.query) } });
    }
  }

  onMounted(syncFromUrl);

  // Search, sort and filters as they change: the URL follows (replace: no history entry per keystroke).
  watch(() => list.urlState(), (state) => {
    if (route.name === routeName && !same(state, stateOf(route.query))) void router.replace({ query: { ...state, ...panelOf(route.query) } });
  }, { deep: true });

  // Back/forward between views of the same list.
  watch(() => route.query, (query) => {
    if (route.name !== routeName) return;
    if (query.new === '1') {
      // A « Nouveau … » command: the create dialog opens over the view as it is.
      options.onCreate?.();
      void router.replace({ query: list.urlState() });
      return;
    }
    const fromUrl = stateOf(query);
    if (!same(fromUrl, list.urlState()) && list.applyUrlState(fromUrl)) void list.load();
  });
}

/**
 * A list page with the open record beside it: the open id is in the URL (`<route>/:id`, so a
 * reload reopens it), and so are the search, sort and filters (`?q=…&status=…`: a reload keeps
 * the view, a link shares it). The list loads once (coming back keeps what was loaded and
 * filtered), `?new=1` opens the create dialog (the Ctrl+K palette's « Nouveau … »), opened
 * records join the person's recent records, and a snackbar says what was just done.
 */
export function useListPage(routeName: string, list: ListPageList) {
  const route = useRoute();
  const router = useRouter();
  const { xlAndUp } = useDisplay();
  const recent = useRecentRecordsStore();

  const openId = computed(() => (typeof route.params.id === 'string' && route.params.id ? route.params.id : null));
  /** With the side panel open (below xl), the list keeps its essential columns. */
  const compact = computed(() => !!openId.value && !xlAndUp.value);
  const snackbar = shallowRef(false);
  const snackbarText = shallowRef('');
  const creating = shallowRef(false);

  /** The view's parameters, kept when a panel opens or closes. */
  const viewQuery = () => list.urlState();

  function open(id: string): void {
    void router.push({ name: routeName, params: { id }, query: viewQuery() });
  }

  function close(): void {
    void router.push({ name: routeName, query: viewQuery() });
  }

  function notify(text: string): void {
    snackbarText.value = text;
    snackbar.value = true;
  }

  useListUrl(routeName, list, { onCreate: () => { creating.value = true; } });

  watch(openId, (id) => {
    if (id) recent.remember(routeName, id);
  }, { immediate: true });

  return { openId, compact, open, close, snackbar, snackbarText, notify, creating };
}
