/**
 * The mail port (DESIGN §7). Like the SMS port, expected failures are typed
 * results; the send activity decides what is retried.
 */
export type MailProvider = 'sandbox' | 'smtp';

/** A file sent with a mail (an invoice's PDF). */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface MailSendRequest {
  to: string;
  from: string;
  subject: string;
  text: string;
  /**
   * Message-ID header, derived from our message id: a resend after a crash
   * carries the same one, which lets mail systems recognise the duplicate.
   */
  messageId: string;
  /** Our message id (the sandbox keys its outbox on it). */
  reference: string;
  attachments?: MailAttachment[];
  /** Threading (RFC 5322 §3.6.4): the Message-ID this mail answers, and the thread's ids, oldest first. */
  inReplyTo?: string;
  references?: string[];
  /** Where answers go, when not to `from` (a ticket's mail: the organisation's intake address). */
  replyTo?: string;
}

export type MailFailureReason = 'invalid_address' | 'rejected' | 'misconfigured' | 'unavailable';

/** What a simulated mail server (the sandbox) "sent": the caller keeps the copy (the organisation's sandbox outbox). */
export interface SimulatedMail {
  reference: string;
  messageIdHeader: string;
  recipient: string;
  sender: string;
  subject: string;
  body: string;
  /** What was attached: names, types and sizes (the bytes are not kept). */
  attachments?: Array<{ filename: string; contentType: string; sizeBytes: number }>;
}

export type MailSendResult =
  | { ok: true; providerMessageId: string; simulated?: SimulatedMail }
  | { ok: false; reason: MailFailureReason; retryable: boolean; code?: string; message: string };

export interface MailPort {
  readonly provider: MailProvider;
  send(request: MailSendRequest): Promise<MailSendResult>;
}
