import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { isAlive, type RunRecord } from '../../scripts/services/leftovers';
import { freePort, isPortFree } from '../../scripts/services/ports';
import { ROOT } from '../support/paths';

interface Run { child: ChildProcess; output: () => string; exited: Promise<number | null> }

const runs: Run[] = [];

function start(env: NodeJS.ProcessEnv): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: ROOT, env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => { output += c.toString(); });
  child.stderr!.on('data', (c: Buffer) => { output += c.toString(); });
  const run = { child, output: () => output, exited: new Promise<number | null>((r) => child.once('exit', (code) => r(code))) };
  runs.push(run);
  return run;
}

async function waitFor(run: Run, text: string, timeoutMs = 240_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!run.output().includes(text)) {
    if (run.child.exitCode !== null) throw new Error(`start exited (${run.child.exitCode}) before "${text}":\n${run.output()}`);
    if (Date.now() > deadline) throw new Error(`no "${text}" after ${timeoutMs} ms:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * `npm start` as a new user runs it: everything up, one piece dying stops it
 * all, the next start keeps the data and needs no cleaning after a crash.
 */
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

  /** The processes this start runs, from its run record (.relais/run.json). */
  const running = () => (JSON.parse(fs.readFileSync(path.join(dataDir, 'run.json'), 'utf8')) as RunRecord).processes;
  const signIn = async (base: string) => {
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'sales@epic-events.demo', password: 'relais-demo-2026' }) });
    return (await login.json() as { accessToken: string }).accessToken;
  };
  const portsFree = async () => {
    for (const port of [env.PORT, env.RELAIS_PG_PORT, env.RELAIS_TEMPORAL_PORT]) expect(await isPortFree(Number(port))).toBe(true);
  };

  it('starts everything with demo logins; killed itself, starts again with no cleaning and keeps the data; stops everything when the API dies', async () => {
    const first = start(env);
    await waitFor(first, 'press Ctrl+C to stop.');
    expect(first.output()).toContain('sales@epic-events.demo');
    expect(first.output()).toContain('relais-demo-2026');
    const base = `http://127.0.0.1:${env.PORT}`;
    expect((await fetch(`${base}/api/v1/health`)).status).toBe(200);
    const accessToken = await signIn(base);
    const created = await fetch(`${base}/api/v1/accounts`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: JSON.stringify({ name: 'Persiste après redémarrage' }) });
    expect(created.status).toBe(201);
    expect((await fetch(`${base}/`)).headers.get('content-type')).toMatch(/text\/html/);

    // The command itself is killed: PostgreSQL and Temporal are left running (the api and the worker
    // stop with it); the next start stops them and starts afresh, with nobody cleaning up by hand.
    const orphans = running();
    expect(orphans.map((p) => p.name).sort()).toEqual(['PostgreSQL', 'Temporal', 'api', 'worker']);
    first.child.kill('SIGKILL');
    await first.exited;
    const second = start(env);
    await waitFor(second, 'press Ctrl+C to stop.');
    expect(second.output()).toContain('an earlier start left running');
    expect(second.output()).not.toContain('applied');
    for (const p of orphans) expect(isAlive(p.pid)).toBe(false);
    const list = await fetch(`${base}/api/v1/accounts?q=${encodeURIComponent('Persiste')}`, { headers: { authorization: `Bearer ${await signIn(base)}` } });
    expect(((await list.json()) as { items: Array<{ name: string }> }).items.map((a) => a.name)).toEqual(['Persiste après redémarrage']);

    // The API dies: the worker, Temporal and PostgreSQL stop too, and the command ends (Ctrl+C takes the same way out).
    const processes = running();
    process.kill(processes.find((p) => p.name === 'api')!.pid, 'SIGKILL');
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain('api exited (SIGKILL); stopping everything.');
    expect(second.output()).toContain('stopped.');
    for (const p of processes) expect(isAlive(p.pid)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'run.json'))).toBe(false);
    await portsFree();
  }, 900_000);

  afterAll(async () => {
    // A failed test must not leave a platform running: stop what is still up (and, killed, what it started).
    for (const run of runs) {
      if (run.child.exitCode === null && run.child.signalCode === null) {
        run.child.kill('SIGTERM');
        await run.exited;
      }
    }
    if (fs.existsSync(path.join(dataDir, 'run.json'))) for (const p of running()) if (isAlive(p.pid)) process.kill(p.pid, 'SIGKILL');
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
