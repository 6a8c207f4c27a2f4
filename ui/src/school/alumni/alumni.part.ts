import type { UiModulePart } from '@/modules/ui-parts';

const SEARCH: readonly [string, string] = ['school.alumni', 'read'];
const CONNECTION: readonly [string, string] = ['school.alumnet', 'read'];

/** The alumni screens (ADR 0051): the student office's « Alumni » search, the IT office's « Connexion Alumnet » (texts in alumni.fr.ts / alumni.en.ts, under `school.alumni.…`). */
export const alumniUiPart: UiModulePart = {
  key: 'alumni',
  routes: [
    { path: 'school/alumni', name: 'school-alumni', component: () => import('./AlumniPage.vue'), meta: { permission: SEARCH } },
    { path: 'school/alumnet', name: 'school-alumnet', component: () => import('./AlumnetConnectionPage.vue'), meta: { permission: CONNECTION } },
  ],
  nav: [
    { route: 'school-alumni', icon: 'mdi-account-tie-outline', label: 'school.alumni.nav.alumni', testId: 'nav-school-alumni', permission: SEARCH },
    { route: 'school-alumnet', icon: 'mdi-transit-connection-variant', label: 'school.alumni.nav.alumnet', testId: 'nav-school-alumnet', permission: CONNECTION },
  ],
};
