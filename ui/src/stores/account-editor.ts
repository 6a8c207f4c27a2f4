import { defineStore } from 'pinia';
import { reactive } from 'vue';
import { accountsApi, type Account, type AccountPatch } from '@/api/accounts.api';
import { ApiError } from '@/api/problem';
import { fieldOf, parseInput, toInput, type EditableField } from '@/core/account-fields';
import { i18n } from '@/plugins/i18n';
import { useAccountDetailsStore } from './account-details';
import { useAccountsStore } from './accounts';
import { describeError } from './describe-error';
import { draftStorage, type Draft } from './draft-storage';
import { useRequestState } from './request-state';

export type SaveStatus = 'idle' | 'dirty' | 'saving' | 'saved' | 'error' | 'conflict';

export interface EditorEntry {
  /** The record as last read from or saved to the server. */
  record: Account | null;
  /** What the user typed and the server has not accepted yet. */
  draft: Draft | null;
  status: SaveStatus;
  message: string | null;
  loadError: string | null;
  /** Field name → message, from local parsing or from a 400. */
  fieldErrors: Record<string, string>;
  /** After a 412: the record as now stored by someone else. */
  conflict: Account | null;
}

export interface ConflictRow {
  key: EditableField;
  mine: string;
  theirs: string;
}

export const AUTOSAVE_DELAY_MS = 800;

/**
 * Inline editing with autosave. Drafts live here and in sessionStorage until the server
 * accepts them; each PATCH carries only changed fields and the draft's base version
 * (If-Match), so a concurrent change surfaces as a conflict instead of being overwritten.
 */
export const useAccountEditorStore = defineStore('account-editor', () => {
  const entries = reactive<Record<string, EditorEntry>>({});
  const { loading, run } = useRequestState();
  const accounts = useAccountsStore();
  const details = useAccountDetailsStore();

  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const inFlight = new Set<string>();
  const saveAgain = new Set<string>();

  function entry(id: string): EditorEntry {
    if (!entries[id]) {
      const draft = draftStorage.read(id);
      entries[id] = { record: null, draft, status: draft ? 'dirty' : 'idle', message: null, loadError: null, fieldErrors: {}, conflict: null };
    }
    return entries[id];
  }

  function persist(id: string): void {
    draftStorage.write(id, entries[id]?.draft ?? null);
  }

  /** Drops draft fields that now equal the stored value. */
  function prune(target: EditorEntry): void {
    if (!target.draft || !target.record) return;
    for (const [key, text] of Object.entries(target.draft.fields)) {
      const field = fieldOf(key);
      if (!field || text === toInput(field, target.record[field.key])) delete target.draft.fields[key];
    }
    if (!Object.keys(target.draft.fields).length) target.draft = null;
  }

  async function open(id: string): Promise<void> {
    const target = entry(id);
    target.loadError = null;
    let failure: string | null = null;
    const fetched = await run(() => accountsApi.get(id), (e) => {
      failure = describeError(e);
      return failure;
    });
    if (!fetched) {
      target.loadError = failure;
      return;
    }
    if (!inFlight.has(id) && (!target.record || fetched.version >= target.record.version)) target.record = fetched;
    accounts.upsert(fetched);
    // A draft restored from sessionStorage is saved again at once (If-Match = its own base version).
    if (target.draft && target.status !== 'conflict' && !inFlight.has(id)) {
      prune(target);
      persist(id);
      if (target.draft) {
        target.status = 'dirty';
        schedule(id, 0);
      }
    }
  }

  function valueOf(id: string, key: EditableField): string {
    const target = entries[id];
    const text = target?.draft?.fields[key];
    if (text !== undefined) return text;
    const field = fieldOf(key);
    return field && target?.record ? toInput(field, target.record[key]) : '';
  }

  function isChanged(id: string, key: EditableField): boolean {
    return entries[id]?.draft?.fields[key] !== undefined;
  }

  function schedule(id: string, delay = AUTOSAVE_DELAY_MS): void {
    clearTimeout(timers.get(id));
    timers.set(id, setTimeout(() => {
      timers.delete(id);
      void save(id);
    }, delay));
  }

  /** One keystroke: keep it in the draft, save 800 ms after the last one. */
  function edit(id: string, key: EditableField, text: string): void {
    const target = entry(id);
    const field = fieldOf(key);
    if (!target.record || !field || target.status === 'conflict') return;
    target.draft ??= { baseVersion: target.record.version, fields: {} };
    if (text === toInput(field, target.record[key])) delete target.draft.fields[key];
    else target.draft.fields[key] = text;
    delete target.fieldErrors[key];
    target.message = null;
    if (!Object.keys(target.draft.fields).length) target.draft = null;
    persist(id);
    if (inFlight.has(id)) return void schedule(id);
    if (target.draft) {
      target.status = 'dirty';
      schedule(id);
    } else {
      clearTimeout(timers.get(id));
      target.status = Object.keys(target.fieldErrors).length ? 'error' : 'idle';
    }
  }

  /** Save now (on blur, on closing the panel). */
  function flush(id: string): Promise<void> {
    clearTimeout(timers.get(id));
    timers.delete(id);
    return save(id);
  }

  function flushAll(): Promise<void[]> {
    return Promise.all(Object.keys(entries).map((id) => flush(id)));
  }

  function buildPatch(target: EditorEntry): { patch: AccountPatch; sent: Record<string, string> } {
    const patch: Record<string, unknown> = {};
    const sent: Record<string, string> = {};
    for (const [key, text] of Object.entries(target.draft?.fields ?? {})) {
      const field = fieldOf(key);
      if (!field) continue;
      const parsed = parseInput(field, text);
      if (!parsed.ok) {
        target.fieldErrors[key] = i18n.global.t(`errors.${parsed.error}`);
        continue;
      }
      patch[key] = parsed.value;
      sent[key] = text;
    }
    return { patch: patch as AccountPatch, sent };
  }

  function settle(target: EditorEntry): void {
    const remaining = Object.keys(target.draft?.fields ?? {});
    if (!remaining.length) {
      target.status = 'saved';
      target.message = null;
    } else if (remaining.every((key) => target.fieldErrors[key])) {
      target.status = 'error';
      target.message = i18n.global.t('save.invalid');
    } else {
      target.status = 'dirty';
    }
  }

  function accept(id: string, target: EditorEntry, updated: Account, sent: Record<string, string>): void {
    target.record = updated;
    if (target.draft) {
      // Keep whatever was typed while the request was in flight.
      for (const [key, text] of Object.entries(sent)) {
        if (target.draft.fields[key] === text) delete target.draft.fields[key];
        delete target.fieldErrors[key];
      }
      target.draft.baseVersion = updated.version;
      if (!Object.keys(target.draft.fields).length) target.draft = null;
    }
    persist(id);
    accounts.upsert(updated);
    void details.refreshHistory(id);
  }

  function reject(target: EditorEntry, e: unknown): void {
    if (e instanceof ApiError && e.isStaleVersion && e.problem.current) {
      target.conflict = e.problem.current as Account;
      target.status = 'conflict';
      target.message = null;
      return;
    }
    target.status = 'error';
    if (e instanceof ApiError && e.status === 400 && e.fieldProblems.length) {
      for (const problem of e.fieldProblems) target.fieldErrors[problem.field] = problem.message;
      target.message = i18n.global.t('save.invalid');
    } else {
      target.message = i18n.global.t('save.failed', { message: describeError(e) });
    }
  }

  async function save(id: string): Promise<void> {
    const target = entries[id];
    if (!target?.record || !target.draft || target.status === 'conflict') return;
    if (inFlight.has(id)) {
      saveAgain.add(id);
      return;
    }
    const { patch, sent } = buildPatch(target);
    if (!Object.keys(patch).length) return settle(target);

    inFlight.add(id);
    target.status = 'saving';
    target.message = null;
    try {
      const updated = await accountsApi.update(id, patch, target.draft.baseVersion);
      accept(id, target, updated, sent);
      settle(target);
    } catch (e) {
      reject(target, e);
    } finally {
      inFlight.delete(id);
      // Keystrokes that arrived during the request are saved right after it.
      if (saveAgain.delete(id) && (target.status as SaveStatus) === 'dirty') void save(id);
    }
  }

  function conflictRows(id: string): ConflictRow[] {
    const target = entries[id];
    if (!target?.conflict || !target.draft) return [];
    const current = target.conflict;
    return Object.entries(target.draft.fields).flatMap(([key, mine]) => {
      const field = fieldOf(key);
      return field ? [{ key: field.key, mine, theirs: toInput(field, current[field.key]) }] : [];
    });
  }

  /** "Garder mes modifications": rebase the draft on their version and save it again. */
  async function keepMine(id: string): Promise<void> {
    const target = entries[id];
    const current = target?.conflict;
    if (!target || !current) return;
    target.record = current;
    target.conflict = null;
    if (target.draft) target.draft.baseVersion = current.version;
    prune(target);
    persist(id);
    accounts.upsert(current);
    void details.refreshHistory(id);
    if (!target.draft) return settle(target);
    target.status = 'dirty';
    await save(id);
  }

  /** "Prendre leur version": drop the draft and show what is stored. */
  function takeTheirs(id: string): void {
    const target = entries[id];
    const current = target?.conflict;
    if (!target || !current) return;
    clearTimeout(timers.get(id));
    target.record = current;
    target.conflict = null;
    target.draft = null;
    target.fieldErrors = {};
    target.message = null;
    target.status = 'idle';
    persist(id);
    accounts.upsert(current);
    void details.refreshHistory(id);
  }

  /** A save made elsewhere (bulk action): rebase an untouched draft so it does not conflict with ourselves. */
  function syncRecord(updated: Account, changedKeys: string[]): void {
    const target = entries[updated.id];
    if (!target?.record || updated.version < target.record.version || inFlight.has(updated.id)) return;
    const previous = target.record.version;
    target.record = updated;
    const draft = target.draft;
    if (draft && draft.baseVersion === previous && !changedKeys.some((key) => key in draft.fields)) {
      draft.baseVersion = updated.version;
      persist(updated.id);
    }
  }

  return { entries, loading, entry, open, valueOf, isChanged, edit, flush, flushAll, save, conflictRows, keepMine, takeTheirs, syncRecord };
});
