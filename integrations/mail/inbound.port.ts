/**
 * The inbound mail port: how mail people send reaches the platform. The SMTP adapter
 * (inbound-smtp.adapter.ts) receives it on a port of ours; IMAP and Microsoft Graph adapters
 * (later) would fetch it from a mailbox. Every adapter hands each message to the same sink, and
 * only acknowledges it (SMTP's 250, IMAP's \Deleted, Graph's move) once the sink resolved: the
 * sink stores it durably first, so a mail acknowledged is never lost.
 */
export interface InboundEnvelope {
  /** The envelope sender (MAIL FROM), null for a bounce (MAIL FROM:<>). */
  mailFrom: string | null;
  /** The envelope recipients (RCPT TO), each accepted by `acceptsRecipient`. */
  recipients: string[];
}

export type StoreResult =
  | { ok: true }
  /** Not stored: `permanent` is refused for good (5xx), otherwise the sender tries again later (4xx). */
  | { ok: false; permanent: boolean; message: string };

export interface InboundMailSink {
  /** Whether mail to this address is taken (an organisation's intake address), asked before the message is sent. */
  acceptsRecipient(address: string): Promise<boolean>;
  /** Stores the message (its raw RFC 5322 bytes); resolves once it is durable. */
  store(envelope: InboundEnvelope, raw: Buffer): Promise<StoreResult>;
}

export interface InboundMailListener {
  /** The port it listens on (the one the system chose when asked for 0). */
  readonly port: number;
  close(): Promise<void>;
}
