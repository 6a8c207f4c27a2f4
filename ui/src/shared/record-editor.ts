import { reactive } from 'vue';
import { ApiError } from '@/api/problem';
import { i18n } from '@/plugins/i18n';
import { describeError } from '@/stores/describe-error';
import type { Draft } from '@/stores/draft-storage';
import { useRequestState } from '@/stores/request-state';

export type SaveStatus = 'idle' | 'dirty' | 'saving' | 'saved' | 'error' | 'conflict';

export interface VersionedRecord {
  id: string;
  version: number;
}

export interface EditorEntry<R> {
  /** The record as last read from or saved to the server. */
  record: R | null;
  /** What the user typed and the server has not accepted yet. */
  draft: Draft | null;
  status: SaveStatus;
  message: string | null;
  loadError: string | null;
  /** Field name → message, from local parsing or from a 400. */
  fieldErrors: Record<string, string>;
  /** After a 412: the record as now stored by someone else. */
  conflict: R | null;
}

export interface ConflictRow {
  key: string;
  mine: string;
  theirs: string;
}

export type ParseOutcome = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * What differs between record types; `E` is the entry (EditorEntry plus whatever the
 * caller keeps on it, such as the events record kind).
 */
export interface RecordEditorOptions<R extends VersionedRecord, F, E extends EditorEntry<R>> {
  drafts: { read(id: string): Draft | null; write(id: string, draft: Draft | null): void };
  fieldOf(target: E, key: string): F | undefined;
  /** The stored value as the text an input shows. */
  toInput(target: E, field: F, record: R): string;
  parseInput(target: E, field: F, text: string): ParseOutcome;
  /** The message for a local parse failure. */
  parseError(error: string): string;
  get(target: E, id: string): Promise<R>;
  update(target: E, id: string, patch: Record<string, unknown>, baseVersion: number): Promise<R>;
  /** A fresh copy of the record: update the lists that show it. */
  stored(target: E, record: R): void;
  refreshHistory(target: E, id: string): Promise<unknown>;
  /** The status message for a response with field problems, or null when it is not one to show field by field. */
  invalidMessage(target: E, e: ApiError): string | null;
}

/** The editor's surface the shared components (save status, conflict dialog, inputs) use. */
export interface RecordEditor {
  entries: Record<string, EditorEntry<unknown>>;
  valueOf(id: string, key: string): string;
  isChanged(id: string, key: string): boolean;
  /** `autosave: false`: kept in the draft, saved by the next flush (fields saved together, like a date range). */
  edit(id: string, key: string, text: string, autosave?: boolean): void;
  flush(id: string): Promise<void>;
  conflictRows(id: string): ConflictRow[];
  keepMine(id: string): Promise<void>;
  takeTheirs(id: string): void;
}

export const AUTOSAVE_DELAY_MS = 800;

/**
 * The usual `invalidMessage` of an editor: a 400's field problems go to their fields, and the status message names
 * those on fields the panel does not show (null for a refusal without field problems).
 */
export function fieldProblemsMessage(target: EditorEntry<unknown>, e: ApiError): string | null {
  if (!e.fieldProblems.length) return null;
  const shown = new Set(target.draft ? Object.keys(target.draft.fields) : []);
  const elsewhere = e.fieldProblems.filter((p) => !shown.has(p.field));
  return elsewhere.length ? `${i18n.global.t('save.invalid')} ${elsewhere.map((p) => p.message).join(' ; ')}` : i18n.global.t('save.invalid');
}

/**
 * Inline editing with autosave, for a Pinia setup store. Drafts live here and in
 * sessionStorage until the server accepts them; each PATCH carries only changed fields
 * and the draft's base version (If-Match), so a concurrent change surfaces as a conflict
 * (412) instead of being overwritten.
 */
export function useRecordEditor<R extends VersionedRecord, F, X extends object = object>(
  options: RecordEditorOptions<R, F, EditorEntry<R> & X>,
) {
  type E = EditorEntry<R> & X;
  const entries = reactive({}) as Record<string, E>;
  const { loading, run } = useRequestState();

  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const inFlight = new Set<string>();
  const saveAgain = new Set<string>();

  function entry(id: string, extra: X): E {
    if (!entries[id]) {
      const draft = options.drafts.read(id);
      entries[id] = { ...extra, record: null, draft, status: draft ? 'dirty' : 'idle', message: null, loadError: null, fieldErrors: {}, conflict: null } as E;
    }
    return entries[id];
  }

  function persist(id: string): void {
    options.drafts.write(id, entries[id]?.draft ?? null);
  }

  function storedInput(target: E, key: string, record: R): string | undefined {
    const field = options.fieldOf(target, key);
    return field === undefined ? undefined : options.toInput(target, field, record);
  }

  /** Drops draft fields that now equal the stored value. */
  function prune(target: E): void {
    if (!target.draft || !target.record) return;
    for (const [key, text] of Object.entries(target.draft.fields)) {
      const stored = storedInput(target, key, target.record);
      if (stored === undefined || text === stored) delete target.draft.fields[key];
    }
    if (!Object.keys(target.draft.fields).length) target.draft = null;
  }

  async function open(id: string, extra: X): Promise<void> {
    const target = entry(id, extra);
    target.loadError = null;
    let failure: string | null = null;
    const fetched = await run(() => options.get(target, id), (e) => {
      failure = describeError(e);
      return failure;
    });
    if (!fetched) {
      target.loadError = failure;
      return;
    }
    if (!inFlight.has(id) && (!target.record || fetched.version >= target.record.version)) target.record = fetched;
    options.stored(target, fetched);
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

  /** A record changed by an action (sign, close, payment): the new version becomes the base. */
  function replace(record: R, extra: X): void {
    const target = entry(record.id, extra);
    if (target.record && record.version < target.record.version) return;
    target.record = record;
    if (target.draft) {
      target.draft.baseVersion = record.version;
      prune(target);
      persist(record.id);
    }
    options.stored(target, record);
    void options.refreshHistory(target, record.id);
  }

  function valueOf(id: string, key: string): string {
    const target = entries[id];
    if (!target) return '';
    const text = target.draft?.fields[key];
    if (text !== undefined) return text;
    return target.record ? (storedInput(target, key, target.record) ?? '') : '';
  }

  function isChanged(id: string, key: string): boolean {
    return entries[id]?.draft?.fields[key] !== undefined;
  }

  function schedule(id: string, delay = AUTOSAVE_DELAY_MS): void {
    clearTimeout(timers.get(id));
    timers.set(id, setTimeout(() => {
      timers.delete(id);
      void save(id);
    }, delay));
  }

  /**
   * One keystroke: keep it in the draft, save 800 ms after the last one. Without `autosave`
   * (a field of a group saved together) it waits for the group's flush.
   */
  function edit(id: string, key: string, text: string, autosave = true): void {
    const target = entries[id];
    if (!target?.record || target.status === 'conflict') return;
    const stored = storedInput(target, key, target.record);
    if (stored === undefined) return;
    target.draft ??= { baseVersion: target.record.version, fields: {} };
    if (text === stored) delete target.draft.fields[key];
    else target.draft.fields[key] = text;
    delete target.fieldErrors[key];
    target.message = null;
    if (!Object.keys(target.draft.fields).length) target.draft = null;
    persist(id);
    if (!autosave) {
      clearTimeout(timers.get(id));
      timers.delete(id);
      if (target.draft) target.status = 'dirty';
      return;
    }
    if (inFlight.has(id)) return void schedule(id);
    if (target.draft) {
      target.status = 'dirty';
      schedule(id);
    } else {
      clearTimeout(timers.get(id));
      target.status = Object.keys(target.fieldErrors).length ? 'error' : 'idle';
    }
  }

  /** Save now (leaving a field, choosing in a picker, closing the panel). */
  function flush(id: string): Promise<void> {
    clearTimeout(timers.get(id));
    timers.delete(id);
    return save(id);
  }

  function flushAll(): Promise<void[]> {
    return Promise.all(Object.keys(entries).map((id) => flush(id)));
  }

  function buildPatch(target: E): { patch: Record<string, unknown>; sent: Record<string, string> } {
    const patch: Record<string, unknown> = {};
    const sent: Record<string, string> = {};
    for (const [key, text] of Object.entries(target.draft?.fields ?? {})) {
      const field = options.fieldOf(target, key);
      if (field === undefined) continue;
      const parsed = options.parseInput(target, field, text);
      if (!parsed.ok) {
        target.fieldErrors[key] = options.parseError(parsed.error);
        continue;
      }
      patch[key] = parsed.value;
      sent[key] = text;
    }
    return { patch, sent };
  }

  function settle(target: E): void {
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

  function accept(id: string, target: E, updated: R, sent: Record<string, string>): void {
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
    options.stored(target, updated);
    void options.refreshHistory(target, id);
  }

  function reject(target: E, e: unknown): void {
    if (e instanceof ApiError && e.isStaleVersion && e.problem.current) {
      target.conflict = e.problem.current as R;
      target.status = 'conflict';
      target.message = null;
      return;
    }
    target.status = 'error';
    const invalid = e instanceof ApiError ? options.invalidMessage(target, e) : null;
    if (e instanceof ApiError && invalid !== null) {
      for (const problem of e.fieldProblems) target.fieldErrors[problem.field] = problem.message;
      target.message = invalid;
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
      const updated = await options.update(target, id, patch, target.draft.baseVersion);
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
      const theirs = storedInput(target, key, current);
      return theirs === undefined ? [] : [{ key, mine, theirs }];
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
    options.stored(target, current);
    void options.refreshHistory(target, id);
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
    options.stored(target, current);
    void options.refreshHistory(target, id);
  }

  /** A save made elsewhere (bulk action): rebase an untouched draft so it does not conflict with ourselves. */
  function syncRecord(updated: R, changedKeys: string[]): void {
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

  return {
    /** What every editor store exposes as is. */
    common: { entries, loading, valueOf, isChanged, edit, flush, save, conflictRows, keepMine, takeTheirs },
    entry,
    open,
    replace,
    flushAll,
    syncRecord,
  };
}
