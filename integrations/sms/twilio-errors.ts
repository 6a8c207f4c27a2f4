import type { SmsFailureReason } from './sms.port';

/**
 * How a failed Twilio call is classified (STYLE §7). These lists are pinned by
 * twilio-errors.test.ts: changing what is retried is a deliberate decision.
 */

/** Network failures worth retrying: the request may not have reached Twilio, or its answer was lost. */
export const TRANSIENT_NETWORK_CODES = [
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND',
  'ENETUNREACH', 'EHOSTUNREACH', 'ERR_NETWORK', 'ERR_SOCKET_CONNECTION_TIMEOUT',
] as const;

/** HTTP statuses worth retrying: throttling and server-side failures. */
export const TRANSIENT_HTTP_STATUSES = [408, 429, 500, 502, 503, 504] as const;

/** Twilio error codes (https://www.twilio.com/docs/api/errors) with a meaning of their own. */
export const TWILIO_ERROR_REASONS: Record<number, SmsFailureReason> = {
  20003: 'misconfigured', // authentication failed
  20404: 'misconfigured', // account or resource not found
  21211: 'invalid_number', // invalid 'To' phone number
  21214: 'invalid_number', // 'To' number cannot be reached
  21612: 'invalid_number', // cannot route to this number
  21614: 'invalid_number', // 'To' is not a mobile number
  21408: 'rejected', // no permission to send to this region
  21606: 'misconfigured', // 'From' is not a valid sender for this account
  21659: 'misconfigured', // 'From' is not a Twilio number
  21610: 'opted_out', // the recipient replied STOP
  20429: 'unavailable', // too many requests
};

export interface TwilioErrorLike {
  status?: number;
  code?: number | string;
  message?: string;
}

export interface ClassifiedError {
  reason: SmsFailureReason;
  retryable: boolean;
  code?: string;
  message: string;
}

export function classifyTwilioError(error: unknown): ClassifiedError {
  const e = (error ?? {}) as TwilioErrorLike;
  const message = e.message ?? String(error);
  if (typeof e.code === 'string' && (TRANSIENT_NETWORK_CODES as readonly string[]).includes(e.code)) {
    return { reason: 'unavailable', retryable: true, code: e.code, message: `Twilio could not be reached (${e.code}).` };
  }
  const twilioCode = typeof e.code === 'number' ? e.code : undefined;
  const known = twilioCode !== undefined ? TWILIO_ERROR_REASONS[twilioCode] : undefined;
  if (known) return { reason: known, retryable: known === 'unavailable', code: String(twilioCode), message };
  if (typeof e.status === 'number') {
    if ((TRANSIENT_HTTP_STATUSES as readonly number[]).includes(e.status)) {
      return { reason: 'unavailable', retryable: true, code: twilioCode !== undefined ? String(twilioCode) : `HTTP ${e.status}`, message: `Twilio answered ${e.status}: ${message}` };
    }
    if (e.status === 401 || e.status === 403) return { reason: 'misconfigured', retryable: false, code: `HTTP ${e.status}`, message: `Twilio refused our credentials: ${message}` };
    if (e.status >= 400 && e.status < 500) return { reason: 'rejected', retryable: false, code: twilioCode !== undefined ? String(twilioCode) : `HTTP ${e.status}`, message };
  }
  // Unknown failure with no status: most likely the network; retrying is the safe side (the
  // activity reconciles with Twilio before any new attempt, so a retry never sends twice).
  return { reason: 'unavailable', retryable: true, code: typeof e.code === 'string' ? e.code : undefined, message };
}
