import { createRouter, createWebHistory } from 'vue-router';
import { commsRoutes } from '@/comms/routes';
import { processRoutes } from '@/process/routes';
import { OFFLINE_LAST_KEY, useSessionStore } from '@/stores/session';
import { landingRoute } from './landing';
import pinia from './pinia';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
    /** `[resource, action]` the user needs, from /auth/me permissions. */
    permission?: readonly [string, string];
    /**
     * Works from the device's own copy (the audits' capture on site, ADR 0036): reloaded while the
     * network is away, it opens without the session, which comes back with the network.
     */
    offline?: boolean;
  }
}

/** The app shell's route: the installed modules add their screens under it (modules/install.ts). */
export const SHELL_ROUTE = 'shell';

const router = createRouter({
  history: createWebHistory('/'),
  routes: [
    { path: '/login', name: 'login', component: () => import('@/identity/LoginPage.vue'), meta: { public: true } },
    {
      path: '/',
      name: SHELL_ROUTE,
      component: () => import('@/shell/AppShell.vue'),
      children: [
        { path: '', name: 'home', component: () => import('@/shell/HomePage.vue') },
        // One route for the list and its side panel: opening a panel never remounts the list.
        {
          path: 'accounts/:id?',
          name: 'accounts',
          component: () => import('@/core/AccountsPage.vue'),
          meta: { permission: ['core.account', 'read'] },
        },
        ...processRoutes,
        ...commsRoutes,
        // The second site's state (ADR 0021), for whoever manages users and the audit log.
        // The platform's backups and restore drills (ADR 0020), for whoever manages users.
        { path: 'backups', name: 'backups', component: () => import('@/system/BackupsPage.vue'), meta: { permission: ['backup.backup', 'read'] } },
        { path: 'second-site', name: 'second-site', component: () => import('@/system/SecondSitePage.vue'), meta: { permission: ['identity.audit-log', 'read'] } },
      ],
    },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
});

/**
 * The last screen that works offline the person opened on this browser (`OFFLINE_LAST_KEY`, a path with
 * ids only): the app opened without network and without a session (a tablet on a client's site, the
 * installed app) goes back to it instead of waiting for the server. Forgotten at sign-out.
 */
const offline = () => typeof navigator !== 'undefined' && !navigator.onLine;

router.beforeEach(async (to) => {
  const session = useSessionStore(pinia);
  if (to.meta.public) {
    return to.name === 'login' && session.me ? { name: 'home' } : true;
  }
  if (!session.signedIn) return { name: 'login', query: { redirect: to.fullPath } };
  if (!session.me && offline()) {
    if (to.meta.offline) return true;
    const last = localStorage.getItem(OFFLINE_LAST_KEY);
    if (last && last !== to.fullPath) return last;
  }
  if (!session.me && !(await session.loadMe())) return { name: 'login', query: { redirect: to.fullPath } };
  if (to.name === 'home') {
    const route = await landingRoute(session);
    if (route) return { name: route };
  }
  const needed = to.meta.permission;
  if (needed && !session.can(needed[0], needed[1])) return { name: 'home' };
  return true;
});

router.afterEach((to, _from, failure) => {
  if (!failure && to.meta.offline) localStorage.setItem(OFFLINE_LAST_KEY, to.fullPath);
});

export default router;
