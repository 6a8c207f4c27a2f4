/**
 * The access token, kept in memory only (never in localStorage, where any
 * injected script could read it). The refresh token is an httpOnly cookie the
 * page cannot read at all: after a reload the session comes back through
 * POST /auth/refresh, which the browser sends with that cookie.
 */
export interface TokenPair {
  accessToken: string;
}

/** What older versions kept in localStorage: removed on start so no refresh token lingers there. */
const LEGACY_KEY = 'relais.tokens';

let accessToken: string | null = null;

export const tokenStorage = {
  read(): TokenPair | null {
    return accessToken ? { accessToken } : null;
  },
  write(pair: TokenPair): void {
    accessToken = pair.accessToken;
  },
  clear(): void {
    accessToken = null;
  },
};

try {
  localStorage.removeItem(LEGACY_KEY);
} catch {
  // No storage (private mode, tests): nothing to clean.
}
