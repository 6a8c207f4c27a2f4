import { defineStore } from 'pinia';
import { documentApi, type AnyBillingDocument, type BillingKind } from '@/billing/billing.api';
import { fieldOf, parseInput, toInput, type BillingField } from '@/billing/fields';
import { i18n } from '@/plugins/i18n';
import { useRecordEditor, type EditorEntry } from '@/shared/record-editor';
import { DEFAULT_TIME_ZONE } from '@/shared/time-zone';
import { createDraftStorage } from '@/stores/draft-storage';
import { useSessionStore } from '@/stores/session';
import { useBillingDetailsStore } from './billing-details';
import { useBillingListOf } from './billing-lists';

export type BillingEditorEntry = EditorEntry<AnyBillingDocument> & { kind: BillingKind };

/** Unsaved typing per document, per browser tab (a reload never loses a line being typed). */
const drafts = createDraftStorage('relais.billing-draft.');

const valueAt = (record: AnyBillingDocument, key: string): unknown => (record as unknown as Record<string, unknown>)[key];

/** `line:3` → « Ligne 3 : incomplète ou invalide » ; the shared parse errors by their key. */
function parseError(error: string): string {
  const line = /^line:(\d+)$/.exec(error);
  if (line) return i18n.global.t('billing.lines.rowInvalid', { n: Number(line[1]) });
  return i18n.global.t(`billing.parse.${error}`);
}

/**
 * Inline editing with autosave of draft quotes, invoices and credit notes: the shared record editor
 * (drafts in sessionStorage, If-Match, the 412 conflict prompt), the lines being one of the fields.
 * An issued document is never edited (the panel shows it read only; the API refuses with 409).
 */
export const useBillingEditorStore = defineStore('billing-editor', () => {
  const details = useBillingDetailsStore();
  const session = useSessionStore();
  const zone = () => session.me?.tenant.timeZone || DEFAULT_TIME_ZONE;

  const editor = useRecordEditor<AnyBillingDocument, BillingField, { kind: BillingKind }>({
    drafts,
    fieldOf: (target, key) => fieldOf(target.kind, key),
    toInput: (_target, field, record) => toInput(field, valueAt(record, field.key), zone()),
    parseInput: (_target, field, text) => parseInput(field, text, zone()),
    parseError,
    get: (target, id): Promise<AnyBillingDocument> => documentApi(target.kind).get(id),
    update: (target, id, patch, baseVersion): Promise<AnyBillingDocument> => documentApi(target.kind).update(id, patch, baseVersion),
    stored: (target, record) => (useBillingListOf(target.kind).upsert as (r: AnyBillingDocument) => void)(record),
    refreshHistory: (target, id) => details.refreshHistory(target.kind, id),
    invalidMessage: (target, e) => {
      if (!e.fieldProblems.length) return null;
      // A line's problem (`lines.2.vatExemptionReason`) is told with its line number, in the API's words.
      const lines = e.fieldProblems.filter((p) => p.field.startsWith('lines.'));
      if (lines.length) {
        return lines.map((p) => i18n.global.t('billing.lines.rowProblem', { n: Number(p.field.split('.')[1]) + 1, message: p.message })).join(' ; ');
      }
      const shown = new Set(target.draft ? Object.keys(target.draft.fields) : []);
      const elsewhere = e.fieldProblems.filter((p) => !shown.has(p.field));
      return elsewhere.length ? `${i18n.global.t('save.invalid')} ${elsewhere.map((p) => `${p.field} : ${p.message}`).join(' ; ')}` : i18n.global.t('save.invalid');
    },
  });

  return {
    ...editor.common,
    entry: (kind: BillingKind, id: string) => editor.entry(id, { kind }),
    open: (kind: BillingKind, id: string) => editor.open(id, { kind }),
    /** A document changed by an action (issue, send, payment): the new version becomes the base. */
    replace: (kind: BillingKind, record: AnyBillingDocument) => editor.replace(record, { kind }),
  };
});
