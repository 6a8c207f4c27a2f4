import { defineStore } from 'pinia';
import { useRecordList } from '@/shared/record-list';
import { studentsApi, type Student } from './students.api';

/** The registry's list: search by name, quick filters by status, promotion and cursus (in the URL, saved views), by name. */
export const useStudentsStore = defineStore('school-students', () => useRecordList<Student>({
  sortable: ['lastName', 'number', 'createdAt', 'updatedAt'],
  defaultSort: { key: 'lastName', order: 'asc' },
  stillMatches: (row, filters) => (!filters.status || filters.status.split(',').includes(row.status))
    && (!filters.promotion || filters.promotion.split(',').includes(String(row.promotion)))
    && (!filters.cursus || filters.cursus === row.cursus),
  fetch: (query, signal) => studentsApi.list(query, signal),
}));
