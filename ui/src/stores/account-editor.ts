import { defineStore } from 'pinia';
import { accountsApi, type Account, type AccountPatch } from '@/api/accounts.api';
import { fieldOf, parseInput, toInput } from '@/core/account-fields';
import { i18n } from '@/plugins/i18n';
import { useRecordEditor } from '@/shared/record-editor';
import { useAccountDetailsStore } from './account-details';
import { useAccountsStore } from './accounts';
import { draftStorage } from './draft-storage';

export type { SaveStatus } from '@/shared/record-editor';

/**
 * Inline editing of accounts with autosave, If-Match and the 412 conflict prompt
 * (the shared record editor, fed with the accounts API, fields and lists).
 */
export const useAccountEditorStore = defineStore('account-editor', () => {
  const accounts = useAccountsStore();
  const details = useAccountDetailsStore();

  const editor = useRecordEditor<Account, NonNullable<ReturnType<typeof fieldOf>>>({
    drafts: draftStorage,
    fieldOf: (_target, key) => fieldOf(key),
    toInput: (_target, field, record) => toInput(field, record[field.key]),
    parseInput: (_target, field, text) => parseInput(field, text),
    parseError: (error) => i18n.global.t(`errors.${error}`),
    get: (_target, id) => accountsApi.get(id),
    update: (_target, id, patch, baseVersion) => accountsApi.update(id, patch as AccountPatch, baseVersion),
    stored: (_target, record) => accounts.upsert(record),
    refreshHistory: (_target, id) => details.refreshHistory(id),
    invalidMessage: (_target, e) => (e.status === 400 && e.fieldProblems.length ? i18n.global.t('save.invalid') : null),
  });

  return {
    ...editor.common,
    flushAll: editor.flushAll,
    syncRecord: editor.syncRecord,
    entry: (id: string) => editor.entry(id, {}),
    open: (id: string) => editor.open(id, {}),
  };
});
