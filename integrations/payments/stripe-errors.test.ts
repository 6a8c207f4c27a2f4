import { classifyStripeError, STRIPE_ERROR_TYPES, STRIPE_TRANSIENT_STATUSES } from './stripe-errors';

describe('Stripe error classification', () => {
  it('pins what is retried (changing it is a decision, not an accident)', () => {
    expect([...STRIPE_TRANSIENT_STATUSES]).toEqual([409, 429, 500, 502, 503, 504]);
    expect(STRIPE_ERROR_TYPES).toEqual({
      StripeConnectionError: 'unavailable', StripeRateLimitError: 'unavailable', StripeAPIError: 'unavailable',
      StripeAuthenticationError: 'misconfigured', StripePermissionError: 'misconfigured',
      StripeInvalidRequestError: 'rejected', StripeIdempotencyError: 'rejected', StripeCardError: 'rejected',
    });
    for (const statusCode of STRIPE_TRANSIENT_STATUSES) expect(classifyStripeError({ type: 'StripeAPIError', statusCode, message: 'x' })).toMatchObject({ reason: 'unavailable', retryable: true });
    expect(classifyStripeError({ type: 'StripeConnectionError', message: 'socket hang up' })).toMatchObject({ reason: 'unavailable', retryable: true });
  });

  it('never retries what retrying cannot fix', () => {
    expect(classifyStripeError({ type: 'StripeAuthenticationError', statusCode: 401, message: 'Invalid API Key provided' })).toMatchObject({ reason: 'misconfigured', retryable: false });
    expect(classifyStripeError({ type: 'StripePermissionError', statusCode: 403, message: 'restricted key' })).toMatchObject({ reason: 'misconfigured', retryable: false });
    expect(classifyStripeError({ type: 'StripeInvalidRequestError', statusCode: 400, code: 'parameter_missing', message: 'Missing required param' }))
      .toMatchObject({ reason: 'rejected', retryable: false, code: 'parameter_missing' });
    expect(classifyStripeError({ type: 'StripeIdempotencyError', statusCode: 400, message: 'Keys for idempotent requests…' })).toMatchObject({ reason: 'rejected', retryable: false });
  });
});
