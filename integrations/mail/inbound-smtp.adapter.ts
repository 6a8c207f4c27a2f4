import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { InboundMailListener, InboundMailSink } from './inbound.port';

export interface InboundSmtpOptions {
  host: string;
  /** 0: a port the system chooses (tests). */
  port: number;
  /** The largest message taken, in bytes (advertised as SIZE; a bigger one is refused with 552). */
  maxBytes: number;
  /** Recipients per message (RCPT TO beyond it: 452, the sender sends the rest in another transaction). */
  maxRecipients?: number;
  /** The name the server greets with. */
  serverName?: string;
  /** Connections served at once. */
  maxClients?: number;
  /** PEM certificate and key: STARTTLS is offered (the sender upgrades the connection). */
  tls?: { cert: Buffer; key: Buffer };
  /** Senders must authenticate (AUTH PLAIN / LOGIN) before MAIL FROM; with `tls`, only after STARTTLS. */
  auth?: { user: string; password: string };
}

/** Compares secrets in a time that does not depend on where they differ (their digests, so lengths leak nothing either). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => crypto.createHash('sha256').update(value).digest();
  return crypto.timingSafeEqual(digest(given), digest(expected));
}

/** An SMTP reply the sender reads: code and RFC 3463 enhanced status in the text. */
function reply(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

/**
 * Receives mail over SMTP (smtp-server) for a sink. It answers 250 to a message only once the sink
 * stored it; 552 to a message over `maxBytes` (read to its end and dropped, never stored); 550 to a
 * recipient the sink does not take; 451 when the sink could not store it (the sender retries).
 * By default no AUTH and no STARTTLS: it listens where senders are trusted to reach it (loopback in the
 * embedded default and tests, behind the organisation's mail relay). With `tls` it offers STARTTLS; with
 * `auth` a sender must authenticate first (530 otherwise, 535 for wrong credentials), and when a
 * certificate is set, only over TLS (538 before STARTTLS): a password never crosses in clear.
 */
export async function listenInboundSmtp(options: InboundSmtpOptions, sink: InboundMailSink): Promise<InboundMailListener> {
  const maxRecipients = options.maxRecipients ?? 20;
  const server = new SMTPServer({
    name: options.serverName ?? 'relais-mail-intake',
    banner: 'Relais mail intake',
    size: options.maxBytes,
    authOptional: !options.auth,
    disabledCommands: [...(options.auth ? [] : ['AUTH']), ...(options.tls ? [] : ['STARTTLS'])],
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    authMethods: ['PLAIN', 'LOGIN'],
    // Without a certificate there is no TLS to wait for (loopback, a trusted relay's network).
    allowInsecureAuth: !options.tls,
    onAuth(auth, _session, callback) {
      const expected = options.auth;
      const ok = expected !== undefined && sameSecret(auth.username ?? '', expected.user) && sameSecret(auth.password ?? '', expected.password);
      if (!ok) return callback(reply(535, '5.7.8 Authentication credentials invalid'));
      callback(null, { user: expected.user });
    },
    maxClients: options.maxClients ?? 50,
    logger: false,
    onRcptTo(address, session, callback) {
      if (session.envelope.rcptTo.length >= maxRecipients) return callback(reply(452, '4.5.3 Too many recipients'));
      sink.acceptsRecipient(address.address).then(
        (accepted) => callback(accepted ? undefined : reply(550, '5.1.1 No such mailbox here')),
        () => callback(reply(451, '4.3.0 Temporary failure, try again later')),
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // Past the limit the rest is read (SMTP has no way to stop a sender mid-message) but not kept.
        if (size <= options.maxBytes) chunks.push(chunk);
      });
      stream.once('error', () => callback(reply(451, '4.3.0 Temporary failure, try again later')));
      stream.once('end', () => {
        if (stream.sizeExceeded || size > options.maxBytes) return callback(reply(552, `5.3.4 Message too big (at most ${options.maxBytes} bytes)`));
        const envelope = {
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address || null : null,
          recipients: session.envelope.rcptTo.map((r) => r.address),
        };
        sink.store(envelope, Buffer.concat(chunks)).then(
          (stored) => callback(stored.ok ? undefined : reply(stored.permanent ? 554 : 451, `${stored.permanent ? '5.6.0' : '4.3.0'} ${stored.message}`)),
          () => callback(reply(451, '4.3.0 Temporary failure, try again later')),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
