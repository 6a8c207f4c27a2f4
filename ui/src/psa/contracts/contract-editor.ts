import { defineStore } from 'pinia';
import { i18n } from '@/plugins/i18n';
import { useRecordEditor } from '@/shared/record-editor';
import { DEFAULT_TIME_ZONE } from '@/shared/time-zone';
import { createDraftStorage } from '@/stores/draft-storage';
import { useSessionStore } from '@/stores/session';
import { contractFieldOf, contractToInput, parseContractInput, type ContractField } from './contract-fields';
import { contractsApi, type Contract } from './contracts.api';
import { useContractsStore } from './contracts-list';

/** Unsaved typing per contract, per browser tab (a reload never loses it). */
const drafts = createDraftStorage('relais.psa-contract-draft.');

const valueAt = (record: Contract, key: string): unknown => (record as unknown as Record<string, unknown>)[key];

/**
 * A contract's panel edited inline with autosave: the shared record editor (drafts in
 * sessionStorage, each PATCH with If-Match, the 412 conflict prompt), the API's field problems
 * shown on their fields in French.
 */
export const useContractEditorStore = defineStore('psa-contract-editor', () => {
  const session = useSessionStore();
  const zone = () => session.me?.tenant.timeZone || DEFAULT_TIME_ZONE;

  const editor = useRecordEditor<Contract, ContractField>({
    drafts,
    fieldOf: (_target, key) => contractFieldOf(key),
    toInput: (_target, field, record) => contractToInput(field, valueAt(record, field.key), zone()),
    parseInput: (_target, field, text) => parseContractInput(field, text, zone()),
    parseError: (error) => i18n.global.t(`psa.contracts.parse.${error}`),
    get: (_target, id) => contractsApi.get(id),
    update: (_target, id, patch, baseVersion) => contractsApi.update(id, patch as Partial<Contract>, baseVersion),
    stored: (_target, record) => useContractsStore().upsert(record),
    refreshHistory: () => Promise.resolve(),
    invalidMessage: (target, e) => {
      if (!e.fieldProblems.length) return null;
      const shown = new Set(target.draft ? Object.keys(target.draft.fields) : []);
      const elsewhere = e.fieldProblems.filter((p) => !shown.has(p.field));
      return elsewhere.length ? `${i18n.global.t('save.invalid')} ${elsewhere.map((p) => p.message).join(' ; ')}` : i18n.global.t('save.invalid');
    },
  });

  return {
    ...editor.common,
    open: (id: string) => editor.open(id, {}),
    /** A contract changed by an action (a pack bought): the new version becomes the base. */
    replace: (record: Contract) => editor.replace(record, {}),
  };
});
