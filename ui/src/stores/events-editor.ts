import { defineStore } from 'pinia';
import { reactive } from 'vue';
import { recordsApi, type EventsKind, type EventsRecordOf } from '@/api/events.api';
import { ApiError } from '@/api/problem';
import { fieldOf, parseInput, toInput, type EventsField } from '@/events/fields';
import { DEFAULT_TIME_ZONE } from '@/events/format';
import { i18n } from '@/plugins/i18n';
import { describeError } from './describe-error';
import type { Draft } from './draft-storage';
import { useEventsDetailsStore } from './events-details';
import { useEventsListOf } from './events-lists';
import { useRequestState } from './request-state';
import { useSessionStore } from './session';
import type { SaveStatus } from './account-editor';

export type AnyEventsRecord = EventsRecordOf[EventsKind];

export interface EventsEditorEntry {
  kind: EventsKind;
  /** The record as last read from or saved to the server. */
  record: AnyEventsRecord | null;
  /** What the user typed and the server has not accepted yet. */
  draft: Draft | null;
  status: SaveStatus;
  message: string | null;
  loadError: string | null;
  /** Field name → message, from local parsing or from a 400. */
  fieldErrors: Record<string, string>;
  /** After a 412: the record as now stored by someone else. */
  conflict: AnyEventsRecord | null;
}

export interface EventsConflictRow {
  key: string;
  mine: string;
  theirs: string;
}

export const AUTOSAVE_DELAY_MS = 800;
const DRAFT_PREFIX = 'relais.events-draft.';

/** Unsaved typing per record, per browser tab (a reload never loses it). */
const drafts = {
  read(id: string): Draft | null {
    try {
      const raw = sessionStorage.getItem(DRAFT_PREFIX + id);
      if (!raw) return null;
      const draft = JSON.parse(raw) as Draft;
      return typeof draft.baseVersion === 'number' && draft.fields && typeof draft.fields === 'object' ? draft : null;
    } catch {
      return null;
    }
  },
  write(id: string, draft: Draft | null): void {
    if (draft && Object.keys(draft.fields).length) sessionStorage.setItem(DRAFT_PREFIX + id, JSON.stringify(draft));
    else sessionStorage.removeItem(DRAFT_PREFIX + id);
  },
};

const valueAt = (record: AnyEventsRecord, key: string): unknown => (record as unknown as Record<string, unknown>)[key];

/**
 * Inline editing with autosave for clients, contracts and events, as for accounts: drafts
 * live here and in sessionStorage until the server accepts them; each PATCH carries only
 * the changed fields and the draft's base version (If-Match), so a concurrent change
 * surfaces as the conflict prompt instead of being overwritten.
 */
export const useEventsEditorStore = defineStore('events-editor', () => {
  const entries = reactive<Record<string, EventsEditorEntry>>({});
  const { loading, run } = useRequestState();
  const details = useEventsDetailsStore();
  const session = useSessionStore();

  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const inFlight = new Set<string>();
  const saveAgain = new Set<string>();

  const zone = () => session.me?.tenant.timeZone || DEFAULT_TIME_ZONE;
  const fieldFor = (target: EventsEditorEntry, key: string): EventsField | undefined => fieldOf(target.kind, key);
  const inputOf = (target: EventsEditorEntry, field: EventsField, record: AnyEventsRecord) => toInput(field, valueAt(record, field.key), zone());

  function upsertRow(kind: EventsKind, record: AnyEventsRecord): void {
    (useEventsListOf(kind).upsert as (r: AnyEventsRecord) => void)(record);
  }

  function entry(kind: EventsKind, id: string): EventsEditorEntry {
    if (!entries[id]) {
      const draft = drafts.read(id);
      entries[id] = { kind, record: null, draft, status: draft ? 'dirty' : 'idle', message: null, loadError: null, fieldErrors: {}, conflict: null };
    }
    return entries[id];
  }

  function persist(id: string): void {
    drafts.write(id, entries[id]?.draft ?? null);
  }

  /** Drops draft fields that now equal the stored value. */
  function prune(target: EventsEditorEntry): void {
    if (!target.draft || !target.record) return;
    for (const [key, text] of Object.entries(target.draft.fields)) {
      const field = fieldFor(target, key);
      if (!field || text === inputOf(target, field, target.record)) delete target.draft.fields[key];
    }
    if (!Object.keys(target.draft.fields).length) target.draft = null;
  }

  async function open(kind: EventsKind, id: string): Promise<void> {
    const target = entry(kind, id);
    target.loadError = null;
    let failure: string | null = null;
    const fetched = await run((): Promise<AnyEventsRecord> => recordsApi(kind).get(id), (e) => {
      failure = describeError(e);
      return failure;
    });
    if (!fetched) {
      target.loadError = failure;
      return;
    }
    if (!inFlight.has(id) && (!target.record || fetched.version >= target.record.version)) target.record = fetched;
    upsertRow(kind, fetched);
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
  function replace(kind: EventsKind, record: AnyEventsRecord): void {
    const target = entry(kind, record.id);
    if (target.record && record.version < target.record.version) return;
    target.record = record;
    if (target.draft) {
      target.draft.baseVersion = record.version;
      prune(target);
      persist(record.id);
    }
    upsertRow(kind, record);
    void details.refreshHistory(kind, record.id);
  }

  function valueOf(id: string, key: string): string {
    const target = entries[id];
    if (!target) return '';
    const text = target.draft?.fields[key];
    if (text !== undefined) return text;
    const field = fieldFor(target, key);
    return field && target.record ? inputOf(target, field, target.record) : '';
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

  /** One keystroke: keep it in the draft, save 800 ms after the last one. */
  function edit(id: string, key: string, text: string): void {
    const target = entries[id];
    if (!target?.record || target.status === 'conflict') return;
    const field = fieldFor(target, key);
    if (!field) return;
    target.draft ??= { baseVersion: target.record.version, fields: {} };
    if (text === inputOf(target, field, target.record)) delete target.draft.fields[key];
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

  /** Save now (leaving a field, choosing in a picker, closing the panel). */
  function flush(id: string): Promise<void> {
    clearTimeout(timers.get(id));
    timers.delete(id);
    return save(id);
  }

  function buildPatch(target: EventsEditorEntry): { patch: Record<string, unknown>; sent: Record<string, string> } {
    const patch: Record<string, unknown> = {};
    const sent: Record<string, string> = {};
    for (const [key, text] of Object.entries(target.draft?.fields ?? {})) {
      const field = fieldFor(target, key);
      if (!field) continue;
      const parsed = parseInput(field, text, zone());
      if (!parsed.ok) {
        target.fieldErrors[key] = i18n.global.t(`events.parse.${parsed.error}`);
        continue;
      }
      patch[key] = parsed.value;
      sent[key] = text;
    }
    return { patch, sent };
  }

  function settle(target: EventsEditorEntry): void {
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

  function accept(id: string, target: EventsEditorEntry, updated: AnyEventsRecord, sent: Record<string, string>): void {
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
    upsertRow(target.kind, updated);
    void details.refreshHistory(target.kind, id);
  }

  function reject(target: EventsEditorEntry, e: unknown): void {
    if (e instanceof ApiError && e.isStaleVersion && e.problem.current) {
      target.conflict = e.problem.current as AnyEventsRecord;
      target.status = 'conflict';
      target.message = null;
      return;
    }
    target.status = 'error';
    if (e instanceof ApiError && e.fieldProblems.length) {
      const shown = new Set((target.draft ? Object.keys(target.draft.fields) : []));
      for (const problem of e.fieldProblems) target.fieldErrors[problem.field] = problem.message;
      const elsewhere = e.fieldProblems.filter((p) => !shown.has(p.field));
      target.message = elsewhere.length ? `${i18n.global.t('save.invalid')} ${elsewhere.map((p) => `${p.field} : ${p.message}`).join(' ; ')}` : i18n.global.t('save.invalid');
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
      const updated = await recordsApi(target.kind).update(id, patch, target.draft.baseVersion);
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

  function conflictRows(id: string): EventsConflictRow[] {
    const target = entries[id];
    if (!target?.conflict || !target.draft) return [];
    const current = target.conflict;
    return Object.entries(target.draft.fields).flatMap(([key, mine]) => {
      const field = fieldFor(target, key);
      return field ? [{ key, mine, theirs: inputOf(target, field, current) }] : [];
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
    upsertRow(target.kind, current);
    void details.refreshHistory(target.kind, id);
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
    upsertRow(target.kind, current);
    void details.refreshHistory(target.kind, id);
  }

  return { entries, loading, entry, open, replace, valueOf, isChanged, edit, flush, save, conflictRows, keepMine, takeTheirs };
});
