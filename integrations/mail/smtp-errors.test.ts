import { classifySmtpError, MISCONFIGURED_SMTP_CODES, TRANSIENT_SMTP_CODES } from './smtp-errors';

describe('SMTP error classification', () => {
  it('pins the transient and misconfiguration lists', () => {
    expect([...TRANSIENT_SMTP_CODES]).toEqual(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE']);
    expect([...MISCONFIGURED_SMTP_CODES]).toEqual(['EAUTH', 'ENOAUTH', 'ETLS', 'EENVELOPE']);
    for (const code of TRANSIENT_SMTP_CODES) expect(classifySmtpError({ code })).toMatchObject({ retryable: true });
    for (const code of MISCONFIGURED_SMTP_CODES) expect(classifySmtpError({ code })).toMatchObject({ reason: 'misconfigured', retryable: false });
  });

  it('follows SMTP reply classes: 4xx retried, 5xx not', () => {
    expect(classifySmtpError({ code: 'EMESSAGE', responseCode: 451 })).toMatchObject({ reason: 'unavailable', retryable: true });
    expect(classifySmtpError({ code: 'EENVELOPE', responseCode: 550 })).toMatchObject({ reason: 'invalid_address', retryable: false });
    expect(classifySmtpError({ code: 'EAUTH', responseCode: 535 })).toMatchObject({ reason: 'misconfigured', retryable: false });
    expect(classifySmtpError({ code: 'EMESSAGE', responseCode: 554 })).toMatchObject({ reason: 'rejected', retryable: false });
  });
});
