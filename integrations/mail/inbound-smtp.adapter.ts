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
}

/** An SMTP reply the sender reads: code and RFC 3463 enhanced status in the text. */
function reply(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

/**
 * Receives mail over SMTP (smtp-server) for a sink. It answers 250 to a message only once the sink
 * stored it; 552 to a message over `maxBytes` (read to its end and dropped, never stored); 550 to a
 * recipient the sink does not take; 451 when the sink could not store it (the sender retries).
 * No AUTH and no STARTTLS: it listens where senders are trusted to reach it (loopback in the embedded
 * default and tests, behind the organisation's mail relay otherwise).
 */
export async function listenInboundSmtp(options: InboundSmtpOptions, sink: InboundMailSink): Promise<InboundMailListener> {
  const maxRecipients = options.maxRecipients ?? 20;
  const server = new SMTPServer({
    name: options.serverName ?? 'relais-mail-intake',
    banner: 'Relais mail intake',
    size: options.maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
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
