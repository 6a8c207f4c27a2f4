import { withHttpRetries } from './http-retry';
import { PortRefusedError, PortRetryableError } from './port-errors';

/**
 * The HTTP transport of the telecom vendors' adapters (ADR 0042): JSON in and out, the adapter's auth
 * headers, and the vendors' shared retry loop (integrations/http-retry.ts):
 *  - 429, 500, 502, 503, 504 and network failures are tried again in place; after `maxAttempts`, or a
 *    wait longer than `maxWaitMs`: PortRetryableError (the activity retries later);
 *  - any other 4xx/5xx: PortRefusedError with the vendor's own words quoted in a French and English reason.
 * Nothing is logged here: a request may carry a phone number, and credentials always.
 */
export const RETRIED_STATUSES = [429, 502, 503, 504] as const;

export interface VendorHttpOptions {
  /** The vendor's name as people read it in a refusal (« SNAIC »). */
  vendor: string;
  baseUrl: string;
  headers: () => Record<string, string>;
  timeoutMs?: number;
  maxAttempts?: number;
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** The vendor's error code and message from an error body. */
  errorOf?: (body: Record<string, unknown>) => { code: string; message: string };
}

export interface VendorRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string>;
  json?: unknown;
  headers?: Record<string, string>;
}

export type VendorAnswer = { status: number; body: Record<string, unknown> };

const defaultErrorOf = (body: Record<string, unknown>) => ({
  code: String(body.code ?? body.error ?? 'refused'),
  message: String(body.message ?? body.error_description ?? body.detail ?? body.error ?? JSON.stringify(body).slice(0, 200)),
});

export function createVendorHttp(options: VendorHttpOptions) {
  const base = options.baseUrl.replace(/\/$/, '');
  const errorOf = options.errorOf ?? defaultErrorOf;

  async function once(request: VendorRequest): Promise<Response> {
    const url = new URL(`${base}${request.path}`);
    for (const [k, v] of Object.entries(request.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers(), ...(request.headers ?? {}) };
    let body: string | undefined;
    if (request.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(request.json);
    }
    return fetch(url, { method: request.method, headers, body, signal: AbortSignal.timeout(options.timeoutMs ?? 20_000) });
  }

  /** Answers 2xx bodies; `accept` lists other statuses the adapter reads itself (a 409 on a replayed reference). */
  return async function call(request: VendorRequest, accept: readonly number[] = []): Promise<VendorAnswer> {
    const answer = await withHttpRetries<VendorAnswer, PortRefusedError | PortRetryableError>(options, () => once(request), (status, body, ok) => {
      if (ok || accept.includes(status)) return { value: { status, body } };
      if ((RETRIED_STATUSES as readonly number[]).includes(status) || status === 500) {
        return { failure: new PortRetryableError(`${options.vendor} answered ${status}.`, status), retry: true };
      }
      if (status === 401 || status === 403) {
        return {
          retry: false,
          failure: new PortRefusedError('misconfigured', {
            fr: `${options.vendor} refuse nos identifiants (${status}) : vérifiez la connexion dans Télécom → Connexions.`,
            en: `${options.vendor} refuses our credentials (${status}): check the connection in Telecom → Connections.`,
          }, status),
        };
      }
      const { code, message } = errorOf(body);
      return { failure: new PortRefusedError(code, { fr: `${options.vendor} refuse : ${message}`, en: `${options.vendor} refuses: ${message}` }, status), retry: false };
    }, (cause) => new PortRetryableError(cause === 'not called' ? `${options.vendor} was not called.` : `${options.vendor} could not be reached (${cause}).`));
    if ('value' in answer) return answer.value;
    throw answer.failure;
  };
}

export type VendorCall = ReturnType<typeof createVendorHttp>;

/** Cents as vendors write amounts: a decimal string in euros ("12.50"). */
export function euros(cents: number): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A vendor's decimal euros ("12.5", "12.50", 12.5) back to cents, exactly. */
export function cents(value: unknown): number {
  const match = /^(-)?(\d+)(?:\.(\d{1,3}))?$/.exec(String(value ?? '0').trim());
  if (!match) return 0;
  const thousandths = Number(match[2]) * 1000 + Number((match[3] ?? '').padEnd(3, '0'));
  const rounded = Math.round(thousandths / 10);
  return match[1] ? -rounded : rounded;
}
