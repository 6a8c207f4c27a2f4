import { http } from './client';

/** Where an account's latest onboarding (core.account-onboarding) stands. */
export interface AccountOnboarding {
  id: string;
  status: 'running' | 'incident' | 'completed' | 'cancelled' | 'failed';
  startedAt: string;
  endedAt: string | null;
  openTasks: Array<{ id: string; name: string | null; elementId: string; dueAt: string | null }>;
}

const path = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}/onboarding`;

export const onboardingApi = {
  get: (accountId: string) => http.get<{ onboarding: AccountOnboarding | null }>(path(accountId)),
  /** `key`: one per click on « Lancer l'accueil », so a repeated click starts it once. */
  start: (accountId: string, key: string) => http.post<{ id: string; status: 'running' }>(path(accountId), {}, { idempotencyKey: key }),
};
