import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { freePort, isPortFree } from '../../scripts/services/ports';
import { ROOT } from '../support/paths';

interface Run { child: ChildProcess; output: () => string; exited: Promise<number | null> }

function start(env: NodeJS.ProcessEnv): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: ROOT, env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => { output += c.toString(); });
  child.stderr!.on('data', (c: Buffer) => { output += c.toString(); });
  return { child, output: () => output, exited: new Promise((r) => child.once('exit', (code) => r(code))) };
}

async function waitFor(run: Run, text: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!run.output().includes(text)) {
    if (run.child.exitCode !== null) throw new Error(`start exited (${run.child.exitCode}) before "${text}":\n${run.output()}`);
    if (Date.now() > deadline) throw new Error(`no "${text}" after ${timeoutMs} ms:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** `npm start` as a new user runs it: everything up, Ctrl+C stops it all, the next start keeps the data. */
describe('the start command', () => {
  const dataDir = path.join(process.env.RELAIS_DATA_DIR!, 'start-command');
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    env = {
      RELAIS_DATA_DIR: dataDir, PORT: String(await freePort()), RELAIS_PG_PORT: String(await freePort()),
      RELAIS_TEMPORAL_PORT: String(await freePort()), RELAIS_TEMPORAL_UI_PORT: String(await freePort()),
      // The test environment's services must not be picked up instead of the embedded ones.
      DATABASE_URL: '', DATABASE_ADMIN_URL: '', TEMPORAL_ADDRESS: '', JWT_SECRET: '', RELAIS_SECRET_KEY: '',
      // Reuse the Temporal CLI this machine already has.
      TEMPORAL_CLI: process.env.TEMPORAL_CLI ?? '',
    };
  });

  it('starts PostgreSQL, Temporal, the API and the worker with demo logins, stops on Ctrl+C, and reuses the data next time', async () => {
    const first = start(env);
    await waitFor(first, 'Relais is running');
    expect(first.output()).toContain('sales@epic-events.demo');
    expect(first.output()).toContain('relais-demo-2026');
    const base = `http://127.0.0.1:${env.PORT}`;
    expect((await fetch(`${base}/api/v1/health`)).status).toBe(200);
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'sales@epic-events.demo', password: 'relais-demo-2026' }) });
    const { accessToken } = await login.json() as { accessToken: string };
    const created = await fetch(`${base}/api/v1/accounts`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: JSON.stringify({ name: 'Persiste après redémarrage' }) });
    expect(created.status).toBe(201);
    expect((await fetch(`${base}/`)).headers.get('content-type')).toMatch(/text\/html/);

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('stopped.');
    for (const port of [env.PORT, env.RELAIS_PG_PORT, env.RELAIS_TEMPORAL_PORT]) expect(await isPortFree(Number(port))).toBe(true);

    const second = start(env);
    await waitFor(second, 'Relais is running');
    expect(second.output()).not.toContain('applied');
    const again = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'sales@epic-events.demo', password: 'relais-demo-2026' }) });
    const token = (await again.json() as { accessToken: string }).accessToken;
    const list = await fetch(`${base}/api/v1/accounts?q=${encodeURIComponent('Persiste')}`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await list.json()) as { items: Array<{ name: string }> }).items.map((a) => a.name)).toEqual(['Persiste après redémarrage']);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('says which port is taken and how to choose another, instead of a stack trace', async () => {
    const blocker = net.createServer();
    const port = await freePort();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', () => r()));
    try {
      const run = start({ ...env, PORT: String(port) });
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain(`Port ${port} needed by the Relais API is already in use`);
      expect(run.output()).toContain('PORT=<port>');
      expect(run.output()).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });

  it('says how to get the Temporal CLI when it cannot be found', async () => {
    const run = start({ ...env, TEMPORAL_CLI: path.join(dataDir, 'no-such-temporal') });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/TEMPORAL_CLI=.*no-such-temporal is not an executable file/);
    expect(run.output()).not.toMatch(/\n\s+at /);
  });
});
