import { classifyTwilioError, TRANSIENT_HTTP_STATUSES, TRANSIENT_NETWORK_CODES } from './twilio-errors';

describe('Twilio error classification', () => {
  it('pins the list of transient errors (changing it is a decision, not an accident)', () => {
    expect([...TRANSIENT_NETWORK_CODES]).toEqual([
      'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND',
      'ENETUNREACH', 'EHOSTUNREACH', 'ERR_NETWORK', 'ERR_SOCKET_CONNECTION_TIMEOUT',
    ]);
    expect([...TRANSIENT_HTTP_STATUSES]).toEqual([408, 429, 500, 502, 503, 504]);
    for (const code of TRANSIENT_NETWORK_CODES) expect(classifyTwilioError({ code })).toMatchObject({ reason: 'unavailable', retryable: true });
    for (const status of TRANSIENT_HTTP_STATUSES) expect(classifyTwilioError({ status, message: 'x' })).toMatchObject({ reason: 'unavailable', retryable: true });
  });

  it('never retries what retrying cannot fix', () => {
    expect(classifyTwilioError({ status: 400, code: 21211, message: "The 'To' number is not valid" })).toMatchObject({ reason: 'invalid_number', retryable: false, code: '21211' });
    expect(classifyTwilioError({ status: 400, code: 21610, message: 'unsubscribed' })).toMatchObject({ reason: 'opted_out', retryable: false });
    expect(classifyTwilioError({ status: 401, code: 20003, message: 'Authenticate' })).toMatchObject({ reason: 'misconfigured', retryable: false });
    expect(classifyTwilioError({ status: 403, message: 'forbidden' })).toMatchObject({ reason: 'misconfigured', retryable: false });
    expect(classifyTwilioError({ status: 400, code: 21617, message: 'body too long' })).toMatchObject({ reason: 'rejected', retryable: false });
  });

  it('treats Twilio\'s own throttling code as transient even with a 4xx status', () => {
    expect(classifyTwilioError({ status: 400, code: 20429, message: 'Too many requests' })).toMatchObject({ reason: 'unavailable', retryable: true });
  });
});
