import type { UiModulePart } from '@/modules/ui-parts';

const COMPANIES: readonly [string, string] = ['school.companies', 'read'];
const SMS: readonly [string, string] = ['school.student-sms', 'create'];

/**
 * The companies screens (ADR 0052): « Entreprises » (search, saved companies with contacts, students and
 * introductions, the GetEnt migration) and « SMS aux étudiants » (a promotion, or the student list's selection
 * passed as `?students=`). Texts in companies.fr.ts / companies.en.ts, under `school.companies.…`.
 */
export const companiesUiPart: UiModulePart = {
  key: 'companies',
  routes: [
    { path: 'school/companies', name: 'school-companies', component: () => import('./CompaniesPage.vue'), meta: { permission: COMPANIES } },
    { path: 'school/sms', name: 'school-sms', component: () => import('./StudentSmsPage.vue'), meta: { permission: SMS } },
  ],
  nav: [
    { route: 'school-companies', icon: 'mdi-domain', label: 'school.companies.nav.companies', testId: 'nav-school-companies', permission: COMPANIES },
    { route: 'school-sms', icon: 'mdi-message-text-outline', label: 'school.companies.nav.sms', testId: 'nav-school-sms', permission: SMS },
  ],
};
