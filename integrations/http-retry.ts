/**
 * The retry loop every vendor's HTTP transport shares (Pennylane's, the telecom vendors'): one request
 * sent again while the vendor says to wait, the others answered at once.
 *  - 429: wait what `Retry-After` says (seconds or an HTTP date; 1 s when absent);
 *  - a status the transport calls retryable, and network failures: wait 0.5 s, 1 s, 2 s…;
 *  - after `maxAttempts`, or a wait longer than `maxWaitMs`, the last failure is answered (the
 *    activity that called tries again later).
 * The transport decides what a status means (`read`); nothing is logged here (requests carry
 * credentials, and often a person's data).
 */
export interface HttpRetryOptions {
  maxAttempts?: number;
  /** The longest single wait honoured in place (a longer Retry-After ends the call). */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** What a transport reads in one answer: its value, or a failure, retried in place or not. */
export type HttpReading<T, F> = { value: T } | { failure: F; retry: boolean };

/** Seconds or an HTTP date, as RFC 9110 allows; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** A JSON body, or the start of a text one as `{ message }`, or `{}` when empty. */
async function bodyOf(response: Response): Promise<Record<string, unknown>> {
  const text = await response.text();
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    return { message: text.slice(0, 300) };
  }
}

const sleeping = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function withHttpRetries<T, F>(
  options: HttpRetryOptions,
  send: () => Promise<Response>,
  read: (status: number, body: Record<string, unknown>, ok: boolean) => HttpReading<T, F>,
  unreachable: (cause: string) => F,
): Promise<{ value: T } | { failure: F }> {
  const maxAttempts = options.maxAttempts ?? 4;
  const maxWaitMs = options.maxWaitMs ?? 30_000;
  const sleep = options.sleep ?? sleeping;
  let last: F = unreachable('not called');
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const backoff = 500 * 2 ** (attempt - 1);
    let wait = backoff;
    let response: Response | undefined;
    let body: Record<string, unknown> = {};
    try {
      response = await send();
      body = await bodyOf(response);
    } catch (error) {
      response = undefined;
      last = unreachable((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name);
    }
    if (response) {
      const reading = read(response.status, body, response.ok);
      if ('value' in reading) return reading;
      if (!reading.retry) return { failure: reading.failure };
      last = reading.failure;
      if (response.status === 429) wait = retryAfterMs(response.headers.get('retry-after')) ?? 1000;
    }
    if (attempt === maxAttempts || wait > maxWaitMs) break;
    await sleep(wait);
  }
  return { failure: last };
}
