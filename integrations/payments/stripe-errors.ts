import type { PaymentsFailure, PaymentsFailureReason } from './payments.port';

/**
 * How a failed Stripe call is classified (STYLE §7). Pinned by
 * stripe-errors.test.ts: changing what is retried is a deliberate decision.
 * Stripe's error types: https://docs.stripe.com/api/errors
 */

/** HTTP statuses worth retrying: throttling, lock timeouts and server-side failures. */
export const STRIPE_TRANSIENT_STATUSES = [409, 429, 500, 502, 503, 504] as const;

/** The SDK's error classes, by their `type`, and what each means to us. */
export const STRIPE_ERROR_TYPES: Record<string, PaymentsFailureReason> = {
  StripeConnectionError: 'unavailable',
  StripeRateLimitError: 'unavailable',
  StripeAPIError: 'unavailable',
  StripeAuthenticationError: 'misconfigured',
  StripePermissionError: 'misconfigured',
  StripeInvalidRequestError: 'rejected',
  StripeIdempotencyError: 'rejected',
  StripeCardError: 'rejected',
};

interface StripeErrorLike {
  type?: string;
  statusCode?: number;
  code?: string;
  message?: string;
}

export function classifyStripeError(error: unknown): PaymentsFailure {
  const e = (error ?? {}) as StripeErrorLike;
  const message = e.message?.split('\n')[0] ?? String(error);
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const code = e.code ?? (status !== undefined ? `HTTP ${status}` : e.type);
  if (status !== undefined && (STRIPE_TRANSIENT_STATUSES as readonly number[]).includes(status)) {
    return { ok: false, reason: 'unavailable', retryable: true, code, message: `Stripe answered ${status}: ${message}` };
  }
  const known = e.type ? STRIPE_ERROR_TYPES[e.type] : undefined;
  if (known) return { ok: false, reason: known, retryable: known === 'unavailable', code, message };
  // No type we know and no status: most likely the network. Retrying is safe: every creation carries an idempotency key.
  return { ok: false, reason: 'unavailable', retryable: true, code, message };
}
