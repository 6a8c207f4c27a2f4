import type { MailFailureReason } from './mail.port';

/**
 * How a failed SMTP submission is classified (STYLE §7), pinned by
 * smtp-errors.test.ts. SMTP says it itself: 4xx replies are temporary, 5xx
 * permanent; connection-level failures are transient.
 */
export const TRANSIENT_SMTP_CODES = ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE'] as const;
export const MISCONFIGURED_SMTP_CODES = ['EAUTH', 'ENOAUTH', 'ETLS', 'EENVELOPE'] as const;

export interface SmtpErrorLike {
  code?: string;
  responseCode?: number;
  message?: string;
}

export function classifySmtpError(error: unknown): { reason: MailFailureReason; retryable: boolean; code?: string; message: string } {
  const e = (error ?? {}) as SmtpErrorLike;
  const message = e.message ?? String(error);
  if (typeof e.responseCode === 'number') {
    const code = String(e.responseCode);
    if (e.responseCode >= 400 && e.responseCode < 500) return { reason: 'unavailable', retryable: true, code, message };
    // 550/553: no such mailbox or bad address; 535: authentication; other 5xx: refused for good.
    if (e.responseCode === 550 || e.responseCode === 553 || e.responseCode === 501) return { reason: 'invalid_address', retryable: false, code, message };
    if (e.responseCode === 535 || e.responseCode === 530) return { reason: 'misconfigured', retryable: false, code, message };
    if (e.responseCode >= 500) return { reason: 'rejected', retryable: false, code, message };
  }
  if (e.code && (MISCONFIGURED_SMTP_CODES as readonly string[]).includes(e.code)) return { reason: 'misconfigured', retryable: false, code: e.code, message };
  if (e.code && (TRANSIENT_SMTP_CODES as readonly string[]).includes(e.code)) return { reason: 'unavailable', retryable: true, code: e.code, message };
  return { reason: 'unavailable', retryable: true, code: e.code, message };
}
