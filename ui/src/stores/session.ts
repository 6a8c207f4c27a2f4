import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { authApi, type Me, type TenantChoice } from '@/api/auth.api';
import { refreshTokens } from '@/api/client';
import { ApiError } from '@/api/problem';
import { tokenStorage } from '@/api/tokens';
import { i18n } from '@/plugins/i18n';
import { useRequestState } from './request-state';

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

  async function loadMe(): Promise<boolean> {
    // A reloaded page has no access token: the refresh cookie, if there is one, brings the session back quietly.
    if (!tokenStorage.read() && !(await refreshTokens().catch(() => false))) {
      expire();
      return false;
    }
    const result = await run(() => authApi.me());
    if (result) me.value = result;
    return result !== undefined;
  }

  /** The refresh token was refused: forget the session, keep everything else (drafts included). */
  function expire(): void {
    me.value = null;
    signedIn.value = false;
  }

  /** Ends the session on the server (refresh cookie revoked and cleared, access token deny-listed), then here. */
  async function logout(): Promise<void> {
    await authApi.logout().catch(() => undefined);
    tokenStorage.clear();
    expire();
  }

  return { me, signedIn, tenantChoices, loading, error, can, login, loadMe, expire, logout };
});
