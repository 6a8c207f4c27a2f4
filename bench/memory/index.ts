/**
 * `bench/memory`: does the API and the worker keep a bounded memory under a
 * long load? (issue 12: ten minutes, RSS printed over time.)
 *
 * 1. Starts its own PostgreSQL (fresh directory under .relais/bench/) and a
 *    Temporal dev server (in memory), migrates, seeds the demo tenants and
 *    deploys a small process in msp (a journal step, a one-second timer, a
 *    second journal step).
 * 2. Starts the real API (api/server.ts) and the real worker (worker/main.ts)
 *    as their own processes, as `npm start` does.
 * 3. For BENCH_MEMORY_MINUTES (default 10): autocannon keeps
 *    BENCH_MEMORY_CONNECTIONS (default 8) connections busy with a mix of
 *    account lists, searches, account reads and creations, while
 *    BENCH_MEMORY_INSTANCES_PER_SECOND (default 4) process instances are
 *    started through the API for the worker to run.
 * 4. Every BENCH_MEMORY_SAMPLE_SECONDS (default: a twentieth of the run, at
 *    least 5 s) prints the RSS of both processes (/proc/<pid>/status), the
 *    requests answered and the instances completed so far, with the load
 *    average; then the first, highest and last RSS of each, and their growth
 *    per minute over the second half of the run, where a leak would show.
 *
 * Short smoke run: BENCH_MEMORY_MINUTES=1 node --import tsx bench/run.ts memory
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import knexFactory, { type Knex } from 'knex';
import { knexConfig } from '../../db/knexfile';
import { migrateLatest } from '../../db/migrate';
import { seed } from '../../db/seed';
import { DEMO_PASSWORD, demoEmail } from '../../db/seeds/demo-tenants';
import { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS } from '../../domain/process/activity-definition';
import type { Plan } from '../../kernel/process/plan';
import { freePort } from '../../scripts/services/ports';
import { ensureAppLogin, startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../scripts/services/postgres';
import { startTemporalDevServer, type TemporalDevServer } from '../../scripts/services/temporal-dev-server';

const ROOT = path.resolve(__dirname, '../..');
const PROCESS_KEY = 'bench-memory';

export interface MemoryBenchConfig {
  minutes: number;
  sampleSeconds: number;
  connections: number;
  instancesPerSecond: number;
}

function numberEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number ≥ ${min} (got "${raw}").`);
  return value;
}

export function configFromEnv(): MemoryBenchConfig {
  const minutes = numberEnv('BENCH_MEMORY_MINUTES', 10, 0.25);
  return {
    minutes,
    sampleSeconds: numberEnv('BENCH_MEMORY_SAMPLE_SECONDS', Math.max(5, Math.round((minutes * 60) / 20)), 1),
    connections: numberEnv('BENCH_MEMORY_CONNECTIONS', 8, 1),
    instancesPerSecond: numberEnv('BENCH_MEMORY_INSTANCES_PER_SECOND', 4, 0),
  };
}

/** Resident memory of a process in MB, from /proc (Linux). */
function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

/** The bench's own process: a journal step, a one-second timer, a journal step. */
function plan(): Plan {
  const service = (id: string, label: string) => ({
    id, kind: 'serviceTask', activity: 'system.record', inputs: { label }, retry: { ...DEFAULT_RETRY }, timeoutMs: DEFAULT_TIMEOUT_MS,
    scope: PROCESS_KEY, incoming: [] as string[], outgoing: [] as string[],
  });
  const nodes: Record<string, Record<string, unknown>> = {
    start: { id: 'start', kind: 'startEvent', trigger: { type: 'none' }, scope: PROCESS_KEY, incoming: [], outgoing: ['f1'] },
    before: { ...service('before', 'before'), incoming: ['f1'], outgoing: ['f2'] },
    wait: { id: 'wait', kind: 'intermediateCatchEvent', trigger: { type: 'timer', duration: 'PT1S' }, scope: PROCESS_KEY, incoming: ['f2'], outgoing: ['f3'] },
    after: { ...service('after', 'after'), incoming: ['f3'], outgoing: ['f4'] },
    end: { id: 'end', kind: 'endEvent', trigger: { type: 'none' }, scope: PROCESS_KEY, incoming: ['f4'], outgoing: [] },
  };
  const flows = { f1: ['start', 'before'], f2: ['before', 'wait'], f3: ['wait', 'after'], f4: ['after', 'end'] } as const;
  return {
    processKey: PROCESS_KEY, version: 1, root: { id: PROCESS_KEY, startNodeIds: ['start'] },
    nodes: nodes as unknown as Plan['nodes'],
    flows: Object.fromEntries(Object.entries(flows).map(([id, [source, target]]) => [id, { id, source, target }])),
  };
}

/** api/server.ts or worker/main.ts as its own process; resolves once it says `ready`. */
function startService(script: string, env: NodeJS.ProcessEnv, logFile: string, ready: (output: string) => boolean): Promise<ChildProcess> {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const onData = (chunk: Buffer) => {
    fs.writeSync(out, chunk);
    if (output.length < 100_000) output += chunk.toString();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (ready(output)) {
        clearInterval(timer);
        resolve(child);
      }
    }, 200);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`${script} exited (${code}); see ${logFile}`));
    });
  });
}

interface Sample { seconds: number; api: number; worker: number; requests: number; completed: number; load: number }

function growthPerMinute(samples: Sample[], key: 'api' | 'worker'): number {
  const half = samples.slice(Math.floor(samples.length / 2));
  if (half.length < 2) return 0;
  // Least-squares slope over the second half (MB per minute).
  const xs = half.map((s) => s.seconds / 60);
  const ys = half.map((s) => s[key]);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const num = xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0);
  const den = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

export async function runMemoryBench(config: MemoryBenchConfig = configFromEnv()): Promise<Sample[]> {
  const log = (m: string) => process.stdout.write(`${m}\n`);
  const dataDir = path.join(ROOT, '.relais', 'bench', `memory-${process.pid}`);
  fs.mkdirSync(dataDir, { recursive: true });
  let pg: EmbeddedPostgresHandle | undefined;
  let temporal: TemporalDevServer | undefined;
  let admin: Knex | undefined;
  const children: ChildProcess[] = [];
  const stopAll = () => { for (const c of children) if (c.exitCode === null) c.kill('SIGKILL'); };
  process.on('exit', stopAll);
  try {
    log(`memory bench: ${config.minutes} min, ${config.connections} HTTP connections, ${config.instancesPerSecond} instances/s, a sample every ${config.sampleSeconds} s; ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(2)}`);
    pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: await freePort(), password: crypto.randomBytes(18).toString('base64url'), database: 'relais_bench' });
    await migrateLatest(pg.adminUrl);
    const appUrl = await ensureAppLogin(pg.adminUrl, 'relais_api', crypto.randomBytes(18).toString('base64url'));
    admin = knexFactory(knexConfig(pg.adminUrl, 2));
    await seed(admin, { demo: true });
    const tenantId = (await admin('tenants').where({ slug: 'msp' }).first('id')).id as string;
    await admin('processDefinitions').insert({ tenantId, key: PROCESS_KEY, version: 1, status: 'deployed', xml: '<definitions/>', plan: JSON.stringify(plan()), deployedAt: new Date() });
    temporal = await startTemporalDevServer({ port: await freePort(), uiPort: await freePort(), logFile: path.join(dataDir, 'temporal.log') });

    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env, NODE_ENV: 'production', PORT: String(port), DATABASE_URL: appUrl, DATABASE_ADMIN_URL: pg.adminUrl,
      TEMPORAL_ADDRESS: temporal.address, TEMPORAL_TASK_QUEUE: 'relais-bench-memory', JWT_SECRET: crypto.randomBytes(32).toString('hex'),
      RELAIS_SECRET_KEY: crypto.randomBytes(32).toString('hex'), RELAIS_DATA_DIR: dataDir, PUBLIC_URL: `http://localhost:${port}`,
      LOGIN_RATE_LIMIT_PER_15_MIN: '1000',
    };
    const worker = await startService('worker/main.ts', { ...env, LOG_LEVEL: 'info', RELAIS_SERVICE: 'worker' }, path.join(dataDir, 'worker.log'), (o) => o.includes('worker running'));
    children.push(worker);
    const api = await startService('api/server.ts', { ...env, LOG_LEVEL: 'warn', RELAIS_SERVICE: 'api' }, path.join(dataDir, 'api.log'), () => true);
    children.push(api);
    const base = `http://127.0.0.1:${port}`;
    for (;;) {
      const up = await fetch(`${base}/api/v1/health`).then((r) => r.status === 200, () => false);
      if (up) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: demoEmail('admin', 'msp'), password: DEMO_PASSWORD, tokenTransport: 'body' }) });
    const { accessToken } = await login.json() as { accessToken: string };
    const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
    const accountIds = (await admin('accounts').where({ tenantId }).limit(50).select('id')).map((r) => r.id as string);
    log(`PostgreSQL, Temporal, the API (pid ${api.pid}) and the worker (pid ${worker.pid}) are up; files in ${path.relative(ROOT, dataDir)}`);

    // The HTTP load: lists, searches, reads and creations, on keep-alive connections.
    let n = 0;
    const words = ['Mar', 'Dupont', 'Rennes', 'Ser', 'Bre', 'Lor'];
    const load = autocannon({
      url: base, connections: config.connections, duration: config.minutes * 60, headers,
      requests: [
        { method: 'GET', path: '/api/v1/accounts?limit=50' },
        { method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/v1/search?q=${words[n++ % words.length]}` }) },
        { method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/v1/accounts/${accountIds[n++ % accountIds.length]}` }) },
        { method: 'POST', path: '/api/v1/accounts', setupRequest: (req) => ({ ...req, body: JSON.stringify({ name: `Mémoire ${n++}` }) }) },
      ],
    }, () => undefined);
    let answered = 0;
    load.on('response', () => { answered += 1; });

    // The worker's load: process instances started through the API.
    let started = 0;
    const starter = config.instancesPerSecond > 0 ? setInterval(() => {
      started += 1;
      void fetch(`${base}/api/v1/process-instances`, { method: 'POST', headers, body: JSON.stringify({ processKey: PROCESS_KEY, businessKey: `m-${started}` }) }).catch(() => undefined);
    }, 1000 / config.instancesPerSecond) : undefined;

    const samples: Sample[] = [];
    const t0 = Date.now();
    const completed = async () => Number((await admin!('processInstances').where({ tenantId, processKey: PROCESS_KEY, status: 'completed' }).count<{ count: string }[]>('* as count'))[0]!.count);
    log('\n seconds │ API RSS MB │ worker RSS MB │ HTTP answers │ instances completed │ load average');
    const takeSample = async () => {
      const s: Sample = { seconds: Math.round((Date.now() - t0) / 1000), api: rssMb(api.pid!), worker: rssMb(worker.pid!), requests: answered, completed: await completed(), load: os.loadavg()[0]! };
      samples.push(s);
      log(`${String(s.seconds).padStart(8)} │ ${String(s.api).padStart(10)} │ ${String(s.worker).padStart(13)} │ ${String(s.requests).padStart(12)} │ ${String(s.completed).padStart(19)} │ ${s.load.toFixed(2)}`);
    };
    await takeSample();
    while (Date.now() - t0 < config.minutes * 60_000) {
      await new Promise((r) => setTimeout(r, Math.min(config.sampleSeconds * 1000, config.minutes * 60_000 - (Date.now() - t0) + 50)));
      await takeSample();
    }
    if (starter) clearInterval(starter);
    (load as unknown as { stop(): void }).stop();

    for (const key of ['api', 'worker'] as const) {
      const values = samples.map((s) => s[key]);
      log(`${key === 'api' ? 'API   ' : 'worker'}: RSS first ${values[0]} MB, highest ${Math.max(...values)} MB, last ${values.at(-1)} MB; over the second half ${growthPerMinute(samples, key).toFixed(1)} MB/min`);
    }
    log(`${answered} HTTP answers, ${started} instances started, ${samples.at(-1)!.completed} completed; load average at the end ${os.loadavg()[0]!.toFixed(2)}`);
    return samples;
  } finally {
    stopAll();
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(undefined) : c.once('exit', r)))));
    await admin?.destroy();
    await temporal?.stop();
    await pg?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
