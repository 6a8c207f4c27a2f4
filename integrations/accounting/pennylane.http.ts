import { withHttpRetries } from '../http-retry';
import type { AccountingFailure } from './accounting.port';

/**
 * Pennylane's REST transport (Company API v2): bearer token, JSON in and out
 * (multipart for files), and the vendors' shared retry loop (integrations/http-retry.ts),
 * pinned by pennylane.test.ts: 429 waits what `Retry-After` says (Pennylane allows
 * about 25 requests per 5 s), 5xx and network failures are tried again after 0.5 s,
 * 1 s, 2 s…, any other 4xx never (the request itself is wrong). After `maxAttempts`,
 * or a wait longer than `maxWaitMs`, the failure is answered as retryable: the
 * activity tries again later.
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

function failureOf(status: number, body: Record<string, unknown>): AccountingFailure {
  const detail = typeof body.error === 'string' ? body.error : typeof body.message === 'string' ? body.message : JSON.stringify(body).slice(0, 300);
  if (status === 401 || status === 403) return { ok: false, reason: 'misconfigured', retryable: false, status, message: `Pennylane refused our token (${status}): ${detail}` };
  if ((PENNYLANE_RETRIED_STATUSES as readonly number[]).includes(status)) return { ok: false, reason: 'unavailable', retryable: true, status, message: `Pennylane answered ${status}: ${detail}` };
  return { ok: false, reason: 'rejected', retryable: false, status, message: `Pennylane answered ${status}: ${detail}` };
}

export function createPennylaneHttp(options: PennylaneHttpOptions) {
  const base = (options.apiBaseUrl ?? PENNYLANE_API_BASE_URL).replace(/\/$/, '');

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
    const answer = await withHttpRetries<PennylaneAnswer, PennylaneAnswer>(options, () => once(request), (status, body, ok) => {
      if (ok) return { value: { ok: true, status, body } };
      const failure = { ...failureOf(status, body), body };
      return { failure, retry: failure.retryable };
    }, (cause) => ({ ok: false, reason: 'unavailable', retryable: true, message: cause === 'not called' ? 'Pennylane was not called.' : `Pennylane could not be reached (${cause}).` }));
    return 'value' in answer ? answer.value : answer.failure;
  };
}

export type PennylaneCall = ReturnType<typeof createPennylaneHttp>;
