import { defineAsyncComponent } from 'vue';
import type { RouteLocationRaw } from 'vue-router';
import type { UiModulePart } from '@/modules/ui-parts';
import type { BulkSelection } from '@/shared/bulk';

const COMPANIES: readonly [string, string] = ['school.companies', 'read'];
const SMS: readonly [string, string] = ['school.student-sms', 'create'];

/** The student list's selection as the SMS page's recipients: the ticked students, or the promotion the whole list is filtered on. */
function smsTo(selection: BulkSelection): RouteLocationRaw {
  const { filters } = selection.query(null);
  if (selection.allMatching && /^\d{4}$/.test(filters.promotion ?? '')) return { name: 'school-sms', query: { promotion: filters.promotion } };
  return { name: 'school-sms', query: { students: selection.selectedIds.join(',') } };
}

/**
 * The companies screens (ADR 0052): « Entreprises » (search, saved companies with contacts, students and
 * introductions, the GetEnt migration) and « SMS aux étudiants » (a promotion, or the student list's selection:
 * its « Envoyer un SMS » opens the page with `?students=` or, when every student of a promotion is selected, `?promotion=`). Texts in companies.fr.ts / companies.en.ts, under `school.companies.…`.
 */
export const companiesUiPart: UiModulePart = {
  key: 'companies',
  routes: [
    { path: 'school/companies', name: 'school-companies', component: () => import('./CompaniesPage.vue'), meta: { permission: COMPANIES } },
    { path: 'school/sms', name: 'school-sms', component: () => import('./StudentSmsPage.vue'), meta: { permission: SMS } },
  ],
  bulkActions: [{ list: 'school-students', key: 'school-sms', label: 'school.companies.sms.action', icon: 'mdi-message-text-outline', permission: SMS, open: smsTo }],
  accountBlocks: [{ key: 'school-introductions', component: defineAsyncComponent(() => import('./AccountIntroductionsBlock.vue')), permission: ['school.introduction', 'read'] }],
  nav: [
    { route: 'school-companies', icon: 'mdi-domain', label: 'school.companies.nav.companies', testId: 'nav-school-companies', permission: COMPANIES },
    { route: 'school-sms', icon: 'mdi-message-text-outline', label: 'school.companies.nav.sms', testId: 'nav-school-sms', permission: SMS },
  ],
};
