import { defineStore } from 'pinia';
import { i18n } from '@/plugins/i18n';
import { fieldProblemsMessage, useRecordEditor } from '@/shared/record-editor';
import { createDraftStorage } from '@/stores/draft-storage';
import { parseStudentInput, studentFieldOf, studentToInput, type StudentField } from './student-fields';
import { studentsApi, type Student } from './students.api';
import { useStudentsStore } from './students-list';

/** Unsaved typing per student, per browser tab (a reload never loses it). */
const drafts = createDraftStorage('relais.school-student-draft.');

const valueAt = (record: Student, key: string): unknown => (record as unknown as Record<string, unknown>)[key];

/** The list and the panel keep the NIR masked (as the API answers it unless « Afficher » asks it opened). */
const masked = (record: Student): Student => ({ ...record, nir: record.nir ? `${'•'.repeat(11)}${record.nir.slice(-4)}` : record.nir });

/**
 * A student's panel edited inline with autosave: the shared record editor (drafts in sessionStorage, each PATCH
 * with If-Match, the 412 conflict prompt), the API's field problems (a French postal code, a phone) on their fields.
 */
export const useStudentEditorStore = defineStore('school-student-editor', () => {
  const editor = useRecordEditor<Student, StudentField>({
    drafts,
    fieldOf: (_target, key) => studentFieldOf(key),
    toInput: (_target, field, record) => studentToInput(field, valueAt(record, field.key)),
    parseInput: (_target, field, text) => parseStudentInput(field, text),
    parseError: (error) => i18n.global.t(`school.registry.parse.${error}`),
    // « Afficher » reads it opened on demand, in StudentNir.vue only.
    get: async (_target, id) => masked(await studentsApi.get(id)),
    update: (_target, id, patch, baseVersion) => studentsApi.update(id, patch, baseVersion),
    stored: (_target, record) => useStudentsStore().upsert(masked(record)),
    refreshHistory: () => Promise.resolve(),
    invalidMessage: fieldProblemsMessage,
  });

  return {
    ...editor.common,
    open: (id: string) => editor.open(id, {}),
    /** A student changed by an action (its NIR corrected): the new version becomes the base, the NIR kept masked. */
    replace: (record: Student) => editor.replace(masked(record), {}),
  };
});
