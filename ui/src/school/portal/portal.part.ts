import { defineAsyncComponent } from 'vue';
import type { UiModulePart } from '@/modules/ui-parts';

const STUDENT_SIDE = ['student', 'alumnus'] as const;
const PORTAL: readonly [string, string] = ['school.portal', 'read'];
/** Teachers, the student office and its head import GetEtu's grades. */
const GRADES_IMPORT: readonly [string, string] = ['school.grade', 'create'];

/**
 * The student and alumnus portal (issue 18, ADR 0053): its pages, reached from the menu by the student side only
 * (which holds no staff permission, so it sees nothing else), landing on « Mon profil »; and the office's
 * « Demandes de correction » and the staff's « Import des notes » (GetEtu). « Mes données » is the GDPR context's own page (access and portability download).
 */
export const portalUiPart: UiModulePart = {
  key: 'portal',
  routes: [
    { path: 'portal', name: 'school-portal', component: () => import('./PortalProfilePage.vue'), meta: { permission: PORTAL } },
    { path: 'portal/grades', name: 'school-portal-grades', component: () => import('./PortalGradesPage.vue'), meta: { permission: PORTAL } },
    { path: 'portal/alumni', name: 'school-portal-alumni', component: () => import('./PortalAlumniPage.vue'), meta: { permission: PORTAL } },
    { path: 'portal/companies', name: 'school-portal-companies', component: () => import('./PortalCompaniesPage.vue'), meta: { permission: PORTAL } },
    { path: 'portal/consents', name: 'school-portal-consents', component: () => import('./PortalConsentsPage.vue'), meta: { permission: PORTAL } },
    { path: 'school/grades-import', name: 'school-grades-import', component: () => import('./GradesImportPage.vue'), meta: { permission: GRADES_IMPORT } },
    { path: 'school/correction-requests', name: 'school-correction-requests', component: () => import('./CorrectionRequestsPage.vue'), meta: { permission: ['school.correction-request', 'read'] } },
  ],
  nav: [
    { route: 'school-portal', icon: 'mdi-account-school-outline', label: 'school.portal.nav.profile', testId: 'nav-portal-profile', permission: PORTAL, roles: STUDENT_SIDE },
    { route: 'school-portal-grades', icon: 'mdi-school-outline', label: 'school.portal.nav.grades', testId: 'nav-portal-grades', permission: PORTAL, roles: STUDENT_SIDE },
    { route: 'school-portal-alumni', icon: 'mdi-account-group-outline', label: 'school.portal.nav.alumni', testId: 'nav-portal-alumni', permission: PORTAL, roles: STUDENT_SIDE },
    { route: 'school-portal-companies', icon: 'mdi-domain', label: 'school.portal.nav.companies', testId: 'nav-portal-companies', permission: PORTAL, roles: STUDENT_SIDE },
    { route: 'school-portal-consents', icon: 'mdi-shield-check-outline', label: 'school.portal.nav.consents', testId: 'nav-portal-consents', permission: PORTAL, roles: STUDENT_SIDE },
    { route: 'my-data', icon: 'mdi-download-outline', label: 'school.portal.nav.myData', testId: 'nav-portal-my-data', permission: PORTAL, roles: STUDENT_SIDE },
    { route: 'school-grades-import', icon: 'mdi-file-upload-outline', label: 'school.portal.nav.gradesImport', testId: 'nav-school-grades-import', permission: GRADES_IMPORT },
    { route: 'school-correction-requests', icon: 'mdi-file-document-edit-outline', label: 'school.portal.nav.requests', testId: 'nav-school-correction-requests', permission: ['school.correction-request', 'read'] },
  ],
  home: [{ route: 'school-portal', roles: STUDENT_SIDE, permission: PORTAL }],
  // The office's pending correction requests above its tasks.
  taskBlocks: [{ key: 'school-pending-corrections', component: defineAsyncComponent(() => import('./PendingCorrectionsCard.vue')), permission: ['school.correction-request', 'update'] }],
};
