/**
 * The SMS port (DESIGN §7). Adapters answer expected failures as typed results
 * instead of throwing, so the caller (the send activity) decides what is
 * retried: an invalid number is refused for good, an outage is retried.
 */
export type SmsProvider = 'sandbox' | 'twilio';

/** Statuses as Twilio names them; the sandbox simulates the same life cycle. */
export const SMS_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'failed', 'undelivered'] as const;
export type SmsStatus = (typeof SMS_STATUSES)[number];

export interface SmsSendRequest {
  /** E.164, already normalised and checked by the caller. */
  to: string;
  body: string;
  /** Our message id: the sandbox keys its outbox on it; Twilio never sees it. */
  reference: string;
  /** Where the provider posts status changes (Twilio's StatusCallback). */
  statusCallbackUrl?: string;
}

export type SmsFailureReason =
  /** The provider says the number cannot receive SMS. */
  | 'invalid_number'
  /** The recipient replied STOP at the provider. */
  | 'opted_out'
  /** Refused for a reason that retrying will not fix (content, permissions). */
  | 'rejected'
  /** Our credentials or sender are wrong: an administrator must fix the settings. */
  | 'misconfigured'
  /** Outage, timeout, throttling: worth retrying later. */
  | 'unavailable';

/**
 * What a simulated provider (the sandbox) "sent", and the statuses it will
 * report next through its status callbacks: the caller keeps the copy (the
 * organisation's sandbox outbox); a simulation writes nothing itself.
 */
export interface SimulatedSms {
  reference: string;
  sid: string;
  recipient: string;
  sender: string | null;
  body: string;
  statusCallback: string | null;
  lifecycle: Array<{ status: SmsStatus; errorCode?: string }>;
}

export type SmsSendResult =
  | { ok: true; providerMessageId: string; status: SmsStatus; simulated?: SimulatedSms }
  | { ok: false; reason: SmsFailureReason; retryable: boolean; code?: string; message: string };

export interface SmsLookup {
  reference: string;
  to: string;
  body: string;
  /** When the earlier attempt began: only messages created since then can be ours. */
  since: Date;
  /** Provider ids already recorded for other messages: never adopt one of them. */
  excludeIds: string[];
}

export type SmsLookupResult =
  | { ok: true; found: { providerMessageId: string; status: SmsStatus } | null }
  | { ok: false; message: string };

export interface SmsPort {
  readonly provider: SmsProvider;
  send(request: SmsSendRequest): Promise<SmsSendResult>;
  /**
   * After an attempt whose outcome was never recorded (the worker died between
   * the call and the write), asks the provider whether that message exists, so
   * that a retry adopts it instead of sending it again.
   */
  findSent(lookup: SmsLookup): Promise<SmsLookupResult>;
}
