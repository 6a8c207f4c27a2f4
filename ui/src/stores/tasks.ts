import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { ApiError } from '@/api/problem';
import { tasksApi, type Task, type TaskCounts, type TaskQuery, type TaskSort } from '@/api/process.api';
import { i18n } from '@/plugins/i18n';
import { describeError } from './describe-error';
import { useRequestState } from './request-state';

const TASK_SORTS: readonly TaskSort[] = ['dueAt', '-priority', 'createdAt', '-createdAt'];

/**
 * « À faire » (what I may act on: mine and my roles' unclaimed, where the list opens),
 * « Assignées à moi », « Toutes » (process owners).
 */
export type TaskTab = 'todo' | 'mine' | 'all';

export interface CompletionResult {
  ok: boolean;
  /** Server-side field errors (400), by field name. */
  fieldErrors: Record<string, string>;
  /** A message for the person (409, 403, network…). */
  message: string | null;
}

/** The task list: tab, filters and rows survive navigation; actions replace or remove rows. */
export const useTasksStore = defineStore('tasks', () => {
  const items = ref<Task[]>([]);
  const loaded = shallowRef(false);
  const tab = shallowRef<TaskTab>('todo');
  /** Open tasks per tab (the tabs show them); null until known. */
  const counts = ref<TaskCounts | null>(null);
  const processKey = shallowRef<string | null>(null);
  const sort = shallowRef<TaskSort>('dueAt');
  /** The task being claimed, released or completed. */
  const busyId = shallowRef<string | null>(null);
  const actionError = ref<string | null>(null);
  const { loading, error, run } = useRequestState();

  let generation = 0;
  let controller: AbortController | null = null;

  function query(): TaskQuery {
    const q: TaskQuery = { status: 'open', sort: sort.value, processKey: processKey.value };
    if (tab.value === 'mine') q.assignee = 'me';
    if (tab.value === 'todo') q.candidate = 'me';
    return q;
  }

  async function load(): Promise<void> {
    controller?.abort();
    controller = new AbortController();
    const mine = ++generation;
    const signal = controller.signal;
    void loadCounts(signal, mine);
    const page = await run(() => tasksApi.list(query(), signal));
    if (!page || mine !== generation) return;
    items.value = page.items;
    loaded.value = true;
  }

  /** The tabs' counts: a failure leaves them out, the list still shows. */
  async function loadCounts(signal?: AbortSignal, mine = generation): Promise<void> {
    try {
      const next = await tasksApi.counts(processKey.value, signal);
      if (mine === generation) counts.value = next;
    } catch {
      // Counts are a hint: the tabs show without them.
    }
  }

  /** The view in the URL (`?tab=all&process=…&sort=-priority`; defaults left out). */
  function urlState(): Record<string, string> {
    const state: Record<string, string> = {};
    if (tab.value !== 'todo') state.tab = tab.value;
    if (processKey.value) state.process = processKey.value;
    if (sort.value !== 'dueAt') state.sort = sort.value;
    return state;
  }

  /** Takes the view from the URL; true when it changed. */
  function applyUrlState(state: Record<string, string>): boolean {
    const before = JSON.stringify(urlState());
    tab.value = state.tab === 'mine' || state.tab === 'all' ? state.tab : 'todo';
    processKey.value = state.process || null;
    sort.value = (TASK_SORTS as readonly string[]).includes(state.sort ?? '') ? state.sort as TaskSort : 'dueAt';
    return JSON.stringify(urlState()) !== before;
  }

  function setTab(value: TaskTab): void {
    tab.value = value;
    void load();
  }

  function setProcessKey(value: string | null): void {
    processKey.value = value || null;
    void load();
  }

  function setSort(value: TaskSort): void {
    sort.value = value;
    void load();
  }

  function upsert(task: Task): void {
    const index = items.value.findIndex((t) => t.id === task.id);
    if (index >= 0) items.value[index] = { ...items.value[index], ...task };
  }

  function remove(id: string): void {
    items.value = items.value.filter((t) => t.id !== id);
  }

  function find(id: string): Task | undefined {
    return items.value.find((t) => t.id === id);
  }

  async function act(id: string, call: () => Promise<Task>): Promise<Task | undefined> {
    busyId.value = id;
    actionError.value = null;
    try {
      const task = await call();
      upsert(task);
      // A released task leaves « Assignées à moi »; a claimed one stays in the other tabs.
      if (tab.value === 'mine' && !task.assignee) remove(id);
      void loadCounts();
      return task;
    } catch (e) {
      actionError.value = describeError(e);
      // Someone else acted first: show the list as it is now.
      if (e instanceof ApiError && (e.status === 409 || e.status === 404)) void load();
      return undefined;
    } finally {
      busyId.value = null;
    }
  }

  const claim = (id: string) => act(id, () => tasksApi.claim(id));
  const release = (id: string) => act(id, () => tasksApi.release(id));

  async function complete(id: string, data: Record<string, unknown>): Promise<CompletionResult> {
    busyId.value = id;
    try {
      await tasksApi.complete(id, data);
      remove(id);
      void loadCounts();
      return { ok: true, fieldErrors: {}, message: null };
    } catch (e) {
      const fieldErrors: Record<string, string> = {};
      if (e instanceof ApiError && e.status === 400) {
        for (const problem of e.fieldProblems) {
          for (const field of problem.field.split(',').map((f) => f.trim())) fieldErrors[field] = problem.message;
        }
      }
      if (e instanceof ApiError && (e.status === 409 || e.status === 404)) void load();
      let message = describeError(e);
      if (e instanceof ApiError && e.status === 400 && Object.keys(fieldErrors).length) message = i18n.global.t('errors.validation');
      if (e instanceof ApiError && e.status === 409) message = e.problem.detail ?? message;
      return { ok: false, fieldErrors, message };
    } finally {
      busyId.value = null;
    }
  }

  return {
    items, loaded, tab, counts, processKey, sort, busyId, actionError, loading, error,
    load, urlState, applyUrlState, setTab, setProcessKey, setSort, upsert, remove, find, claim, release, complete,
  };
});
