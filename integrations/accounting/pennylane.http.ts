import type { AccountingFailure } from './accounting.port';

/**
 * Pennylane's REST transport (Company API v2): bearer token, JSON in and out
 * (multipart for files), and its retry rules, pinned by pennylane.test.ts:
 *  - 429: wait what `Retry-After` says (seconds or an HTTP date; 1 s when
 *    absent) and try again — Pennylane allows about 25 requests per 5 s;
 *  - 5xx and network failures: try again after 0.5 s, 1 s, 2 s…;
 *  - any other 4xx: never retried (the request itself is wrong).
 * After `maxAttempts`, or a wait longer than `maxWaitMs`, the failure is
 * answered as retryable: the activity tries again later.
 */
export const PENNYLANE_API_BASE_URL = 'https://app.pennylane.com/api/external/v2';

/** Statuses retried in place. */
export const PENNYLANE_RETRIED_STATUSES = [429, 500, 502, 503, 504] as const;

export interface PennylaneHttpOptions {
  apiToken: string;
  apiBaseUrl?: string;
  timeoutMs?: number;
  maxAttempts?: number;
  /** The longest single wait honoured in place (a longer Retry-After ends the call as retryable). */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface PennylaneRequest {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  query?: Record<string, string>;
  json?: unknown;
  file?: { field: string; content: Buffer; filename: string; contentType: string };
}

export type PennylaneAnswer = { ok: true; status: number; body: Record<string, unknown> } | (AccountingFailure & { status?: number; body?: Record<string, unknown> });

/** Seconds or an HTTP date, as RFC 9110 allows; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function failureOf(status: number, body: Record<string, unknown>): AccountingFailure {
  const detail = typeof body.error === 'string' ? body.error : typeof body.message === 'string' ? body.message : JSON.stringify(body).slice(0, 300);
  if (status === 401 || status === 403) return { ok: false, reason: 'misconfigured', retryable: false, status, message: `Pennylane refused our token (${status}): ${detail}` };
  if ((PENNYLANE_RETRIED_STATUSES as readonly number[]).includes(status)) return { ok: false, reason: 'unavailable', retryable: true, status, message: `Pennylane answered ${status}: ${detail}` };
  return { ok: false, reason: 'rejected', retryable: false, status, message: `Pennylane answered ${status}: ${detail}` };
}

export function createPennylaneHttp(options: PennylaneHttpOptions) {
  const base = (options.apiBaseUrl ?? PENNYLANE_API_BASE_URL).replace(/\/$/, '');
  const maxAttempts = options.maxAttempts ?? 4;
  const maxWaitMs = options.maxWaitMs ?? 30_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  async function once(request: PennylaneRequest): Promise<Response> {
    const url = new URL(`${base}${request.path}`);
    for (const [k, v] of Object.entries(request.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { Authorization: `Bearer ${options.apiToken}`, Accept: 'application/json' };
    let body: string | FormData | undefined;
    if (request.file) {
      const form = new FormData();
      form.append(request.file.field, new Blob([new Uint8Array(request.file.content)], { type: request.file.contentType }), request.file.filename);
      form.append('filename', request.file.filename);
      body = form;
    } else if (request.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(request.json);
    }
    return fetch(url, { method: request.method, headers, body, signal: AbortSignal.timeout(options.timeoutMs ?? 20_000) });
  }

  return async function call(request: PennylaneRequest): Promise<PennylaneAnswer> {
    let last: PennylaneAnswer = { ok: false, reason: 'unavailable', retryable: true, message: 'Pennylane was not called.' };
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      let wait: number;
      try {
        const response = await once(request);
        const text = await response.text();
        let body: Record<string, unknown> = {};
        try {
          body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
        } catch {
          body = { error: text.slice(0, 300) };
        }
        if (response.ok) return { ok: true, status: response.status, body };
        last = { ...failureOf(response.status, body), body };
        if (!last.retryable) return last;
        wait = response.status === 429 ? (retryAfterMs(response.headers.get('retry-after')) ?? 1000) : 500 * 2 ** (attempt - 1);
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
        last = { ok: false, reason: 'unavailable', retryable: true, message: `Pennylane could not be reached (${cause}).` };
        wait = 500 * 2 ** (attempt - 1);
      }
      if (attempt === maxAttempts || wait > maxWaitMs) break;
      await sleep(wait);
    }
    return last;
  };
}

export type PennylaneCall = ReturnType<typeof createPennylaneHttp>;
