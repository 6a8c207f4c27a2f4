import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { authApi, type Me, type TenantChoice } from '@/api/auth.api';
import { refreshTokens } from '@/api/client';
import { ApiError } from '@/api/problem';
import { tokenStorage } from '@/api/tokens';
import { i18n } from '@/plugins/i18n';
import { useRequestState } from './request-state';

/** Waits between attempts to restore a session while the API is out of reach: quickly at first, then every 30 s. */
const RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000];

/** A failure that says nothing of the session: the server out of reach (0), overloaded (429) or failing (5xx, its database away). */
function isMomentary(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 0 || e.status === 429 || e.status >= 500);
}

/** Where the router keeps the last screen that works offline (`meta.offline`) the person opened here. */
export const OFFLINE_LAST_KEY = 'relais.offline.last';

/**
 * What a module finishes or forgets when the person signs out, before the session ends (the offline
 * capture sends its queue, then destroys the person's local copy on a shared tablet).
 */
const signOutHandlers: Array<(me: Me | null) => Promise<void>> = [];
export function onSignOut(handler: (me: Me | null) => Promise<void>): void {
  signOutHandlers.push(handler);
}

/** What signing out would lose, asked before (the capture's changes still unsent): a sentence each, or null. */
const signOutChecks: Array<(me: Me | null) => Promise<string | null>> = [];
export function onSignOutCheck(check: (me: Me | null) => Promise<string | null>): void {
  signOutChecks.push(check);
}
export async function signOutWarnings(me: Me | null): Promise<string[]> {
  const answers = await Promise.all(signOutChecks.map((check) => check(me).catch(() => null)));
  return answers.filter((a): a is string => !!a);
}

/** Who is signed in, in which organisation, and what they may do. */
export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null);
  /**
   * Whether a session may exist. Starts true: the refresh token is an httpOnly
   * cookie the page cannot see, so only asking (/auth/me, refreshing on its
   * 401) tells; a refused refresh sets it to false (expire).
   */
  const signedIn = shallowRef(true);
  /** Offered after a 409: the email exists in several organisations. */
  const tenantChoices = ref<TenantChoice[]>([]);
  const { loading, error, run } = useRequestState();

  const permissions = computed(() => me.value?.permissions ?? {});
  function can(resource: string, action: string): boolean {
    return permissions.value[resource]?.includes(action) ?? false;
  }

  function explainLogin(e: unknown): string | undefined {
    if (!(e instanceof ApiError)) return undefined;
    const t = i18n.global.t;
    if (e.status === 401) return t('login.badCredentials');
    if (e.status === 409 && Array.isArray(e.problem.tenants)) {
      tenantChoices.value = e.problem.tenants as TenantChoice[];
      return t('login.chooseTenant');
    }
    return undefined;
  }

  async function login(email: string, password: string, tenant?: string): Promise<boolean> {
    const pair = await run(() => authApi.login({ email, password, ...(tenant ? { tenant } : {}) }), explainLogin);
    if (!pair) return false;
    tokenStorage.write(pair);
    signedIn.value = true;
    tenantChoices.value = [];
    return loadMe();
  }

  /**
   * Restoring the session found the API (or its database) out of reach: the
   * person is not signed out (their refresh cookie still holds), the page says
   * so and tries again by itself (`nextAttemptAt`), or at once with `retryNow`.
   */
  const unavailable = shallowRef(false);
  const nextAttemptAt = shallowRef<number | null>(null);
  let wakeUp: (() => void) | null = null;

  /** One attempt: 'ok', 'signed-out' (the refresh refused: only a 400/401 says so), 'failed' (/auth/me refused), or 'unavailable'. */
  async function restoreOnce(): Promise<'ok' | 'signed-out' | 'failed' | 'unavailable'> {
    // A reloaded page has no access token: the refresh cookie, if there is one, brings the session back quietly.
    if (!tokenStorage.read()) {
      try {
        if (!(await refreshTokens())) return 'signed-out';
      } catch (e) {
        return isMomentary(e) ? 'unavailable' : 'signed-out';
      }
    }
    let momentary = false;
    const result = await run(() => authApi.me(), (e) => {
      momentary = isMomentary(e);
      return undefined;
    });
    if (result) me.value = result;
    return result ? 'ok' : momentary ? 'unavailable' : 'failed';
  }

  async function loadMe(): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      const outcome = await restoreOnce();
      if (outcome !== 'unavailable') {
        unavailable.value = false;
        nextAttemptAt.value = null;
        if (outcome === 'signed-out') expire();
        return outcome === 'ok';
      }
      unavailable.value = true;
      error.value = null;
      const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]!;
      nextAttemptAt.value = Date.now() + delay;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        wakeUp = () => { clearTimeout(timer); resolve(); };
      });
      wakeUp = null;
      nextAttemptAt.value = null;
    }
  }

  /** Tries again now instead of waiting for the next attempt. */
  function retryNow(): void {
    wakeUp?.();
  }

  /** The refresh token was refused: forget the session, keep everything else (drafts included). */
  function expire(): void {
    me.value = null;
    signedIn.value = false;
  }

  /** Ends the session on the server (refresh cookie revoked and cleared, access token deny-listed), then here. */
  async function logout(): Promise<void> {
    const who = me.value;
    await Promise.all(signOutHandlers.map((handler) => handler(who).catch(() => undefined)));
    await authApi.logout().catch(() => undefined);
    tokenStorage.clear();
    // The screen the app would reopen offline (plugins/router.ts): not for the next person.
    localStorage.removeItem(OFFLINE_LAST_KEY);
    expire();
  }

  return { me, signedIn, tenantChoices, loading, error, unavailable, nextAttemptAt, can, login, loadMe, retryNow, expire, logout };
});
