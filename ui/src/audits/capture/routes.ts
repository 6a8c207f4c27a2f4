import type { RouteRecordRaw } from 'vue-router';
import { onSignOut, onSignOutCheck } from '@/stores/session';

/** The capture on site: one mission's screen, which works offline (ADR 0036). */
export const captureRoutes: RouteRecordRaw[] = [
  {
    path: 'audits/missions/:id/capture',
    name: 'audits-capture',
    component: () => import('./CapturePage.vue'),
    meta: { permission: ['audits.mission', 'read'], offline: true },
  },
];

// A shared tablet: signing out sends what is queued if it can, then destroys the person's local copy.
onSignOut(async (me) => (await import('./useCapture')).forgetCaptureData(me));
// …and asks first when changes would be lost (offline, in conflict or refused).
onSignOutCheck(async (me) => (await import('./useCapture')).signOutWarning(me));
