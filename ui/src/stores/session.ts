import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { authApi, type Me, type TenantChoice } from '@/api/auth.api';
import { ApiError } from '@/api/problem';
import { tokenStorage } from '@/api/tokens';
import { i18n } from '@/plugins/i18n';
import { useRequestState } from './request-state';

/** Who is signed in, in which organisation, and what they may do. */
export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null);
  const signedIn = shallowRef(tokenStorage.read() !== null);
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
    const result = await run(() => authApi.me());
    if (result) me.value = result;
    return result !== undefined;
  }

  /** The refresh token was refused: forget the session, keep everything else (drafts included). */
  function expire(): void {
    me.value = null;
    signedIn.value = false;
  }

  async function logout(): Promise<void> {
    const pair = tokenStorage.read();
    tokenStorage.clear();
    expire();
    if (pair) await authApi.logout(pair.refreshToken).catch(() => undefined);
  }

  return { me, signedIn, tenantChoices, loading, error, can, login, loadMe, expire, logout };
});
