import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  user: string | undefined;
  raw: string;
}

export interface LoopbackSmtp {
  port: number;
  /** Mails the server accepted (answered 250 to): those it took responsibility for. */
  received: ReceivedMail[];
  /** Every message body transferred, accepted or not. */
  transfers: ReceivedMail[];
  /** The next `n` messages are refused with 451 (try again later). */
  failNext(n: number): void;
  /**
   * The next message `match` picks is kept waiting for the server's answer
   * until `release()`: a sender can die meanwhile. Accepted on release while
   * its sender is still connected; a sender gone by then never got the 250,
   * so, as SMTP defines it, the server did not take the message.
   */
  hold(match: (mail: ReceivedMail) => boolean): { received: Promise<ReceivedMail>; release: () => void; senderGone: Promise<void> };
  close(): Promise<void>;
}

interface Hold { match: (mail: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void; released: Promise<void>; gone: () => void }

/** A loopback SMTP server (smtp-server): it authenticates relais / smtp-secret and refuses nobody@example.test. */
export async function startLoopbackSmtp(): Promise<LoopbackSmtp> {
  const received: ReceivedMail[] = [];
  const transfers: ReceivedMail[] = [];
  const holds: Hold[] = [];
  const closed = new Map<string, () => void>();
  const whenClosed = new Map<string, Promise<void>>();
  let temporaryFailures = 0;
  const server = new SMTPServer({
    secure: false, disabledCommands: ['STARTTLS'], allowInsecureAuth: true, authMethods: ['PLAIN', 'LOGIN'], logger: false,
    onConnect(session, callback) {
      whenClosed.set(session.id, new Promise((resolve) => closed.set(session.id, resolve)));
      callback();
    },
    onClose(session) {
      closed.get(session.id)?.();
    },
    onAuth(auth, _session, callback) {
      if (auth.username === 'relais' && auth.password === 'smtp-secret') callback(null, { user: 'relais' });
      else callback(new Error('Invalid username or password'));
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (address.address === 'nobody@example.test') return callback(Object.assign(new Error('5.1.1 No such mailbox'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        void (async () => {
          if (temporaryFailures > 0) {
            temporaryFailures -= 1;
            return callback(Object.assign(new Error('4.3.0 Try again later'), { responseCode: 451 }));
          }
          const mail: ReceivedMail = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address),
            user: session.user as string | undefined, raw: Buffer.concat(chunks).toString('utf8'),
          };
          transfers.push(mail);
          const held = holds.findIndex((h) => h.match(mail));
          if (held >= 0) {
            const [hold] = holds.splice(held, 1);
            hold!.resolve(mail);
            void whenClosed.get(session.id)!.then(hold!.gone);
            const gone = await Promise.race([hold!.released.then(() => false), whenClosed.get(session.id)!.then(() => true)]);
            if (gone) return callback(new Error('the sender left before the answer'));
          }
          received.push(mail);
          callback();
        })();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    transfers,
    failNext: (n) => { temporaryFailures = n; },
    hold(match) {
      let resolve!: (m: ReceivedMail) => void;
      let release!: () => void;
      let gone!: () => void;
      const receivedMail = new Promise<ReceivedMail>((r) => { resolve = r; });
      const senderGone = new Promise<void>((r) => { gone = r; });
      holds.push({ match, resolve, released: new Promise<void>((r) => { release = r; }), gone });
      return { received: receivedMail, release, senderGone };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A header of a raw message, unfolded. */
export function mailHeader(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  return head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.slice(name.length + 1).trim();
}
