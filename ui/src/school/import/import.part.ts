import type { UiModulePart } from '@/modules/ui-parts';

const IMPORT: readonly [string, string] = ['school.import', 'read'];

/** « Import du référentiel » (ADR 0050) for the student office and its head (texts in import.fr.ts / import.en.ts, under `school.import.…`). */
export const importUiPart: UiModulePart = {
  key: 'import',
  routes: [
    { path: 'school/import/:runId?', name: 'school-import', component: () => import('./ImportPage.vue'), meta: { permission: IMPORT } },
  ],
  nav: [{ route: 'school-import', icon: 'mdi-file-excel-outline', label: 'school.import.nav.import', testId: 'nav-school-import', permission: IMPORT }],
  commands: [{ key: 'school-import', label: 'school.import.nav.import', icon: 'mdi-file-upload-outline', to: { name: 'school-import' }, permission: ['school.import', 'create'] }],
};
