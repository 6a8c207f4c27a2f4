import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP server that answers like Twilio's Messages API (2010-04-01):
 * form-encoded POST with basic auth to create a message, GET to list them,
 * Twilio's JSON and error bodies. It records every request as received, so a
 * test checks what the adapter really sent.
 */
export interface ReceivedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  form: URLSearchParams;
}

interface StoredMessage {
  sid: string;
  to: string;
  from: string | null;
  body: string;
  status: string;
  messagingServiceSid: string | null;
  dateCreated: Date;
}

export interface LoopbackTwilio {
  url: string;
  accountSid: string;
  authToken: string;
  requests: ReceivedRequest[];
  messages: StoredMessage[];
  /** Creations received (POSTs to Messages.json), answered or not. */
  creations(): ReceivedRequest[];
  /** The next creation is stored but its answer withheld until `release()`: a worker can die meanwhile. */
  holdNextCreation(): { received: Promise<ReceivedRequest>; release: () => void };
  /** The next creations answer this HTTP status with Twilio's error body. */
  failNextCreations(count: number, status: number, code: number): void;
  close(): Promise<void>;
}

const rfc2822 = (d: Date) => d.toUTCString().replace('GMT', '+0000');

function messageJson(accountSid: string, m: StoredMessage) {
  const uri = `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}.json`;
  return {
    account_sid: accountSid, api_version: '2010-04-01', body: m.body, date_created: rfc2822(m.dateCreated), date_sent: null,
    date_updated: rfc2822(m.dateCreated), direction: 'outbound-api', error_code: null, error_message: null, from: m.from,
    messaging_service_sid: m.messagingServiceSid, num_media: '0', num_segments: '1', price: null, price_unit: 'USD',
    sid: m.sid, status: m.status, subresource_uris: { media: uri.replace('.json', '/Media.json') }, to: m.to, uri,
  };
}

function twilioError(res: http.ServerResponse, status: number, code: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }));
}

export async function startLoopbackTwilio(): Promise<LoopbackTwilio> {
  const accountSid = `AC${crypto.randomBytes(16).toString('hex')}`;
  const authToken = crypto.randomBytes(16).toString('hex');
  const requests: ReceivedRequest[] = [];
  const messages: StoredMessage[] = [];
  let hold: { resolve: (r: ReceivedRequest) => void; released: Promise<void> } | null = null;
  let failures: { count: number; status: number; code: number } = { count: 0, status: 0, code: 0 };
  const base = `/2010-04-01/Accounts/${accountSid}/Messages.json`;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://loopback');
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const received: ReceivedRequest = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, rawBody, form: new URLSearchParams(rawBody) };
        requests.push(received);
        const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
        if (req.headers.authorization !== expected) return twilioError(res, 401, 20003, 'Authenticate');
        if (url.pathname !== base) return twilioError(res, 404, 20404, 'The requested resource was not found');
        if (req.method === 'GET') {
          const to = url.searchParams.get('To');
          const list = messages.filter((m) => !to || m.to === to).slice().reverse().map((m) => messageJson(accountSid, m));
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ messages: list, end: list.length - 1, first_page_uri: `${base}?PageSize=50&Page=0`, next_page_uri: null, page: 0, page_size: 50, previous_page_uri: null, start: 0, uri: `${base}?PageSize=50&Page=0` }));
          return;
        }
        if (req.method !== 'POST') return twilioError(res, 405, 20004, 'Method not allowed');
        if (req.headers['content-type'] !== 'application/x-www-form-urlencoded') return twilioError(res, 400, 20001, 'Expected a form');
        if (failures.count > 0) {
          failures.count -= 1;
          return twilioError(res, failures.status, failures.code, 'Simulated failure');
        }
        const to = received.form.get('To') ?? '';
        if (!/^\+[1-9]\d{6,14}$/.test(to)) return twilioError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
        const message: StoredMessage = {
          sid: `SM${crypto.randomBytes(16).toString('hex')}`, to, from: received.form.get('From'), body: received.form.get('Body') ?? '',
          status: 'queued', messagingServiceSid: received.form.get('MessagingServiceSid'), dateCreated: new Date(),
        };
        messages.push(message);
        if (hold) {
          const current = hold;
          hold = null;
          current.resolve(received);
          await current.released;
        }
        if (res.destroyed) return;
        res.writeHead(201, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(messageJson(accountSid, message)));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    accountSid, authToken, requests, messages,
    creations: () => requests.filter((r) => r.method === 'POST' && r.path === base),
    holdNextCreation() {
      let resolve!: (r: ReceivedRequest) => void;
      let release!: () => void;
      const received = new Promise<ReceivedRequest>((r) => { resolve = r; });
      const released = new Promise<void>((r) => { release = r; });
      hold = { resolve, released };
      return { received, release };
    },
    failNextCreations(count, status, code) {
      failures = { count, status, code };
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
