import fs from 'node:fs';
import http from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../scripts/services/ports';
import { ROOT } from '../support/paths';

/** The node processes whose parent is `pid` (the workers; not tsx's esbuild service). */
function childrenOf(pid: number): number[] {
  return fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e)).flatMap((e) => {
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      return ppid === pid && command === 'node' ? [Number(e)] : [];
    } catch {
      return [];
    }
  });
}

/** A request on a connection of its own (fetch would keep one open, and one worker would get them all). */
function onNewConnection(url: string, method = 'GET', body?: object): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent: false, headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * RELAIS_API_WORKERS=2: api/server.ts runs as a cluster primary with two
 * workers on one port (api/cluster.ts).
 */
describe('the API as a cluster of workers', () => {
  let api: { child: ChildProcess; base: string; exited: Promise<void> };
  let output = '';
  beforeAll(async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'info', RELAIS_API_WORKERS: '2', LOGIN_RATE_LIMIT_PER_15_MIN: '3', PORT: String(port) },
    });
    child.stdout!.on('data', (c: Buffer) => { output += c.toString(); });
    child.stderr!.on('data', (c: Buffer) => { output += c.toString(); });
    api = { child, base: `http://127.0.0.1:${port}`, exited: new Promise((resolve) => child.once('exit', () => resolve())) };
    // Both workers listening: until then the primary hands every connection to the one that is.
    await until('both workers to listen', () => (output.split('"api listening"').length - 1 >= 2 ? true : undefined), 240_000);
  }, 300_000);
  it('runs its start-up work in one worker only', async () => {
    // Worker 0 logs its start-up work just after it listens: on a loaded machine that line may come after the other
    // worker's « listening ». Wait for it, then for a moment more, so that a second one would be seen.
    const count = (line: string) => output.split(line).length - 1;
    await until('the start-up work to be logged', () => (count('"api running its start-up work"') >= 1 ? true : undefined));
    await new Promise((r) => setTimeout(r, 1_000));
    expect(count('"api listening"')).toBe(2);
    expect(count('"api running its start-up work"')).toBe(1);
  });

  it('counts sign-in failures across its workers: a new connection each time still meets the limit', async () => {
    await until('two workers', () => (childrenOf(api.child.pid!).length === 2 ? true : undefined));
    const email = `cluster-${Date.now()}@example.test`;
    // A new connection per attempt: the primary hands connections to the workers in turn.
    const attempt = () => onNewConnection(`${api.base}/api/v1/auth/login`, 'POST', { email, password: 'not-the-password' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push(await attempt());
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('starts another worker in place of one killed, and keeps answering', async () => {
    const before = await until('two workers', () => { const c = childrenOf(api.child.pid!); return c.length === 2 ? c : undefined; });
    process.kill(before[0]!, 'SIGKILL');
    const after = await until('a new worker', () => {
      const c = childrenOf(api.child.pid!);
      return c.length === 2 && !c.includes(before[0]!) ? c : undefined;
    });
    expect(after).toContain(before[1]);
    for (let i = 0; i < 4; i++) {
      expect(await onNewConnection(`${api.base}/api/v1/openapi.json`)).toBe(200);
    }
  });

  it('stops every worker when the primary is asked to stop', async () => {
    const workers = childrenOf(api.child.pid!);
    expect(workers).toHaveLength(2);
    api.child.kill('SIGTERM');
    await api.exited;
    expect(api.child.exitCode).toBe(0);
    await until('the workers to exit', () => (workers.every((pid) => !fs.existsSync(`/proc/${pid}`)) ? true : undefined));
  });
});
