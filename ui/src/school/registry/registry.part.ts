import type { UiModulePart } from '@/modules/ui-parts';

const READ: readonly [string, string] = ['school.student', 'read'];

/**
 * The student registry's screens (texts in registry.fr.ts / registry.en.ts, under `school.registry.…`): « Étudiants »
 * for the administrative side (the student side has its portal), a student in the Ctrl+K search by name, « Nouvel
 * étudiant » in the palette for the student office.
 */
export const registryUiPart: UiModulePart = {
  key: 'registry',
  routes: [
    { path: 'school/students/:id?', name: 'school-students', component: () => import('./StudentsPage.vue'), meta: { permission: READ } },
  ],
  nav: [{ route: 'school-students', icon: 'mdi-account-school-outline', label: 'school.registry.nav', testId: 'nav-school-students', permission: READ }],
  searchKinds: [{
    type: 'school-student', label: 'school.registry.nav', icon: 'mdi-account-school-outline',
    to: (hit) => ({ name: 'school-students', params: { id: hit.id } }),
    present: (hit, t) => ({ title: hit.title, subtitle: [t('school.registry.number', { number: hit.number }), hit.subtitle].filter(Boolean).join(' · ') }),
  }],
  commands: [{ key: 'school-new-student', label: 'school.registry.create', icon: 'mdi-account-plus-outline', to: { name: 'school-students', query: { new: '1' } }, permission: ['school.student', 'create'] }],
  home: [{ route: 'school-students', roles: ['direction', 'school-lead', 'school-office', 'teacher'], permission: READ }],
};
