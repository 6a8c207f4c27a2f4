import { defineStore } from 'pinia';
import { recordsApi, type EventsKind, type EventsRecordOf } from '@/events/events.api';
import { fieldOf, parseInput, toInput, type EventsField } from '@/events/fields';
import { i18n } from '@/plugins/i18n';
import { useRecordEditor, type EditorEntry } from '@/shared/record-editor';
import { createDraftStorage } from '@/stores/draft-storage';
import { useEventsDetailsStore } from './events-details';
import { useEventsListOf } from './events-lists';
import { useSessionStore } from '@/stores/session';
import { DEFAULT_TIME_ZONE } from '@/shared/time-zone';

export type AnyEventsRecord = EventsRecordOf[EventsKind];
export type EventsEditorEntry = EditorEntry<AnyEventsRecord> & { kind: EventsKind };

/** Unsaved typing per record, per browser tab (a reload never loses it). */
const drafts = createDraftStorage('relais.events-draft.');

const valueAt = (record: AnyEventsRecord, key: string): unknown => (record as unknown as Record<string, unknown>)[key];

/**
 * Inline editing with autosave for clients, contracts and events: the shared record
 * editor (drafts in sessionStorage, If-Match, the 412 conflict prompt), with each entry
 * remembering its kind for the API, the fields and the lists.
 */
export const useEventsEditorStore = defineStore('events-editor', () => {
  const details = useEventsDetailsStore();
  const session = useSessionStore();
  const zone = () => session.me?.tenant.timeZone || DEFAULT_TIME_ZONE;

  const editor = useRecordEditor<AnyEventsRecord, EventsField, { kind: EventsKind }>({
    drafts,
    fieldOf: (target, key) => fieldOf(target.kind, key),
    toInput: (_target, field, record) => toInput(field, valueAt(record, field.key), zone()),
    parseInput: (_target, field, text) => parseInput(field, text, zone()),
    parseError: (error) => i18n.global.t(`events.parse.${error}`),
    get: (target, id): Promise<AnyEventsRecord> => recordsApi(target.kind).get(id),
    update: (target, id, patch, baseVersion): Promise<AnyEventsRecord> => recordsApi(target.kind).update(id, patch, baseVersion),
    stored: (target, record) => (useEventsListOf(target.kind).upsert as (r: AnyEventsRecord) => void)(record),
    refreshHistory: (target, id) => details.refreshHistory(target.kind, id),
    invalidMessage: (target, e) => {
      if (!e.fieldProblems.length) return null;
      const shown = new Set(target.draft ? Object.keys(target.draft.fields) : []);
      const elsewhere = e.fieldProblems.filter((p) => !shown.has(p.field));
      return elsewhere.length ? `${i18n.global.t('save.invalid')} ${elsewhere.map((p) => `${p.field} : ${p.message}`).join(' ; ')}` : i18n.global.t('save.invalid');
    },
  });

  return {
    ...editor.common,
    entry: (kind: EventsKind, id: string) => editor.entry(id, { kind }),
    open: (kind: EventsKind, id: string) => editor.open(id, { kind }),
    /** A record changed by an action (sign, close, payment): the new version becomes the base. */
    replace: (kind: EventsKind, record: AnyEventsRecord) => editor.replace(record, { kind }),
  };
});
