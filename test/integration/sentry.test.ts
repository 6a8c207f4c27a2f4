import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import request from 'supertest';
import { DEMO_PASSWORD, demoEmail } from '../../db/seeds/demo-tenants';
import { ROOT } from '../support/paths';

interface Received { path: string; raw: string }
interface EnvelopeItem { header: { type?: string }; payload: Record<string, unknown> }
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SentryEvent = Record<string, any>;

/**
 * What Sentry really receives: a loopback server speaks Sentry's envelope
 * endpoint, and a separate process (test/support/sentry-probe-server.ts)
 * starts the SDK with initSentry('api') as the API does. An unexpected error
 * in a request that carries a password, an email and a bearer token must
 * arrive with none of them.
 */
describe('Sentry reporting', () => {
  let sentry: http.Server;
  const received: Received[] = [];
  let probe: ChildProcess;
  let probeUrl: string;
  let probeOutput = '';

  // Built at run time, so that no source line the SDK may quote as context contains them.
  const email = `${['jeanne', 'dupont'].join('.')}.${crypto.randomBytes(3).toString('hex')}@${['mairie', 'quimper'].join('-')}.fr`;
  const password = `pw-${crypto.randomBytes(12).toString('hex')}`;
  const token = `tok-${crypto.randomBytes(24).toString('hex')}`;

  beforeAll(async () => {
    sentry = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const raw = (req.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(body) : body).toString('utf8');
        received.push({ path: req.url ?? '', raw });
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => sentry.listen(0, '127.0.0.1', resolve));
    const { port } = sentry.address() as AddressInfo;

    probe = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'test/support/sentry-probe-server.ts')], {
      cwd: ROOT,
      env: { ...process.env, SENTRY_DSN: `http://public@127.0.0.1:${port}/1`, PROBE_EMAIL: email, no_proxy: '127.0.0.1', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    probeUrl = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        probeOutput += chunk.toString();
        const match = /PROBE_PORT=(\d+)/.exec(probeOutput);
        if (match) resolve(`http://127.0.0.1:${match[1]}`);
      };
      probe.stdout!.on('data', onData);
      probe.stderr!.on('data', onData);
      probe.once('exit', (code) => reject(new Error(`the probe server exited (${code}): ${probeOutput}`)));
    });
  });

  afterAll(async () => {
    if (probe && probe.exitCode === null) {
      const exited = new Promise((resolve) => probe.once('exit', resolve));
      probe.kill('SIGTERM');
      await exited;
    }
    sentry.closeAllConnections();
    await new Promise((resolve) => sentry.close(resolve));
  });

  async function flush(): Promise<void> {
    const res = await request(probeUrl).post('/__flush');
    expect(res.body).toEqual({ flushed: true });
  }

  function items(from: number): EnvelopeItem[] {
    const out: EnvelopeItem[] = [];
    for (const envelope of received.slice(from)) {
      // An envelope: its header line, then each item's header line and payload line.
      const lines = envelope.raw.split('\n').filter(Boolean);
      for (let i = 1; i + 1 < lines.length; i += 2) out.push({ header: JSON.parse(lines[i]!), payload: JSON.parse(lines[i + 1]!) });
    }
    return out;
  }

  function errorEvent(from: number, type: string, valueStart: string): SentryEvent | undefined {
    return items(from).filter((i) => i.header.type === 'event').map((i) => i.payload as SentryEvent)
      .find((e) => e.exception?.values?.some((v: { type?: string; value?: string }) => v.type === type && v.value?.startsWith(valueStart)));
  }

  it('sends an unexpected error to the envelope endpoint, with its type, and without the password, email or bearer token', async () => {
    const from = received.length;
    const res = await request(probeUrl).post(`/probe/invitations?email=${encodeURIComponent(email)}`)
      .set('Authorization', `Bearer ${token}`).set('Cookie', `session=${token}`)
      .send({ email, password, lastName: 'Dupont' });
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(res.body)).not.toContain(email);
    await flush();

    expect(received.length).toBeGreaterThan(from);
    expect(received.every((r) => new URL(r.path, 'http://sentry').pathname === '/api/1/envelope/')).toBe(true);
    const event = errorEvent(from, 'InvitationError', 'Could not send the invitation to');
    expect(event).toBeDefined();
    expect(event!.level).toBe('error');
    expect(event!.exception.values.find((v: { type: string }) => v.type === 'InvitationError').value).toBe('Could not send the invitation to [email]');
    // The request was reported, with its secrets taken out rather than never collected.
    expect(event!.request).toMatchObject({ method: 'POST', url: expect.stringMatching(/\/probe\/invitations$/), query_string: '[redacted]' });
    expect(event!.request.headers).toMatchObject({ authorization: '[redacted]', cookie: '[redacted]' });
    expect(event!.request).not.toHaveProperty('data');
    expect(event!.request).not.toHaveProperty('cookies');

    const raw = received.slice(from).map((r) => r.raw).join('\n');
    for (const secret of [email, encodeURIComponent(email), password, token, 'Dupont']) expect(raw).not.toContain(secret);
  });

  it('reports an unexpected failure inside the real API without the caller\'s access token or email', async () => {
    const login = await request(probeUrl).post('/api/v1/auth/login').send({ email: demoEmail('manager', 'softwhere'), password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    const { accessToken } = login.body as { accessToken: string };
    const from = received.length;
    const res = await request(probeUrl).post(`/api/v1/smoke-runs?notify=${encodeURIComponent(email)}`).set('Authorization', `Bearer ${accessToken}`).send({});
    expect(res.status).toBe(500);
    await flush();

    const event = errorEvent(from, 'Error', 'Temporal refused the start requested for');
    expect(event).toBeDefined();
    expect(event!.exception.values.map((v: { value: string }) => v.value)).toContain('Temporal refused the start requested for [email]');
    expect(event!.request.headers).toMatchObject({ authorization: '[redacted]' });
    // The user's id, and nothing else about them.
    expect(login.body.userId).toMatch(/^[0-9a-f-]{36}$/);
    expect(event!.user).toEqual({ id: login.body.userId });
    const raw = received.slice(from).map((r) => r.raw).join('\n');
    for (const secret of [email, encodeURIComponent(email), accessToken, accessToken.split('.')[1]!]) expect(raw).not.toContain(secret);
  });
});
