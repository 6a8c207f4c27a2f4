/** The session's token pair, kept in localStorage so a reload stays signed in. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

const KEY = 'relais.tokens';

export const tokenStorage = {
  read(): TokenPair | null {
    try {
      const raw = localStorage.getItem(KEY);
      if (!raw) return null;
      const parsed = JSON.parse(raw) as Partial<TokenPair>;
      return parsed.accessToken && parsed.refreshToken ? { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken } : null;
    } catch {
      return null;
    }
  },
  write(pair: TokenPair): void {
    localStorage.setItem(KEY, JSON.stringify({ accessToken: pair.accessToken, refreshToken: pair.refreshToken }));
  },
  clear(): void {
    localStorage.removeItem(KEY);
  },
};
