/** Waits before sending a change again after a failure: 1 s, 2 s, 4 s… at most 60 s. */
export const BACKOFF_MAX_MS = 60_000;

export function backoffDelay(attempts: number): number {
  if (attempts <= 0) return 0;
  return Math.min(BACKOFF_MAX_MS, 1_000 * 2 ** (attempts - 1));
}

/**
 * A failure to try again later: no network (0), a request timeout (408), too many requests (429),
 * the server failing (5xx), or the session to renew (401: the client renews it, or the person signs in again).
 */
export function isTransient(status: number): boolean {
  return status === 0 || status === 401 || status === 408 || status === 429 || status >= 500;
}
