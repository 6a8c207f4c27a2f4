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
 * 5. Both processes run with bench/memory/probe.mjs in every thread (the
 *    worker's workflows run in a thread of their own): each sample also prints
 *    the V8 heap in use of the API, of the worker's main thread and of its
 *    workflow thread; every BENCH_MEMORY_GC_EVERY-th sample (default 4), once
 *    the RSS is read, each thread runs a full garbage collection and prints
 *    what it retains (marked *), and the growth per minute of that retained
 *    heap over the run is printed beside the RSS's. BENCH_MEMORY_SNAPSHOTS=1
 *    writes a heap snapshot of every thread at the first and the last of those
 *    collections (kept under .relais/bench/, compared by
 *    bench/memory/snapshot-diff.ts).
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

/** What bench/memory/probe.mjs is asked, and answers per thread. */
interface ProbeCommand { seq: number; gc: boolean; snapshot: boolean }
interface ProbeLine {
  seq: number; pid: number; thread: string; gc: boolean; rssMb: number;
  heapUsedMb: number; heapTotalMb: number; heapLimitMb: number; externalMb: number; arrayBuffersMb: number; snapshot?: string;
}

const ROOT = path.resolve(__dirname, '../..');
const PROCESS_KEY = 'bench-memory';
const PROBE = path.join(__dirname, 'probe.mjs');

export interface MemoryBenchConfig {
  minutes: number;
  sampleSeconds: number;
  connections: number;
  instancesPerSecond: number;
  /** Every how many samples each thread collects its garbage before its heap is read (0: never). */
  gcEvery: number;
  snapshots: boolean;
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
    gcEvery: numberEnv('BENCH_MEMORY_GC_EVERY', 4, 0),
    snapshots: process.env.BENCH_MEMORY_SNAPSHOTS === '1',
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
  // --expose-gc and the probe in every thread (the SDK's workflow thread inherits the flags).
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', '--import', PROBE, script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
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

interface Heaps { api?: number; worker?: number; workflows?: number; gc: boolean }
interface Sample { seconds: number; api: number; worker: number; requests: number; started: number; completed: number; load: number; heaps: Heaps }

/**
 * Asks every probe (bench/memory/probe.mjs) for its heap, after a collection when `gc` is set, and
 * reads their answers: the API's main thread, the worker's main thread and its workflow thread.
 */
async function probeHeaps(dir: string, seq: number, pids: { api: number; worker: number }, gc: boolean, snapshot: boolean): Promise<{ heaps: Heaps; lines: ProbeLine[] }> {
  fs.writeFileSync(path.join(dir, 'command.json.tmp'), JSON.stringify({ seq, gc, snapshot } satisfies ProbeCommand));
  fs.renameSync(path.join(dir, 'command.json.tmp'), path.join(dir, 'command.json'));
  const read = () => fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).flatMap((f) => {
    const lines = fs.readFileSync(path.join(dir, f), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as ProbeLine);
    return lines.filter((l) => l.seq === seq);
  });
  // Every thread polls twice a second; a collection or a snapshot takes longer on a busy machine.
  const deadline = Date.now() + (snapshot ? 300_000 : gc ? 30_000 : 5_000);
  let lines = read();
  const threads = () => new Set(lines.map((l) => `${l.pid}-${l.thread}`)).size;
  while (Date.now() < deadline && threads() < 3) {
    await new Promise((r) => setTimeout(r, 250));
    lines = read();
  }
  await new Promise((r) => setTimeout(r, 500));
  lines = read();
  // The worker's other threads, if any (a log transport), are smaller than the workflow thread.
  const of = (pid: number, main: boolean) => lines.filter((l) => l.pid === pid && (l.thread === 'main') === main)
    .sort((x, y) => y.heapUsedMb - x.heapUsedMb)[0]?.heapUsedMb;
  return { heaps: { api: of(pids.api, true), worker: of(pids.worker, true), workflows: of(pids.worker, false), gc }, lines };
}

/** Least-squares slope (MB per minute) of points (seconds, MB). */
function slope(points: Array<[number, number]>): number {
  if (points.length < 2) return 0;
  const xs = points.map(([seconds]) => seconds / 60);
  const ys = points.map(([, mb]) => mb);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const num = xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0);
  const den = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

function growthPerMinute(samples: Sample[], key: 'api' | 'worker'): number {
  // Over the second half, where a leak shows once start-up and warm-up are over.
  return slope(samples.slice(Math.floor(samples.length / 2)).map((s) => [s.seconds, s[key]]));
}

export async function runMemoryBench(config: MemoryBenchConfig = configFromEnv()): Promise<Sample[]> {
  const log = (m: string) => process.stdout.write(`${m}\n`);
  const dataDir = path.join(ROOT, '.relais', 'bench', `memory-${process.pid}`);
  const probeDir = path.join(dataDir, 'probe');
  fs.mkdirSync(probeDir, { recursive: true });
  const snapshotsDir = path.join(ROOT, '.relais', 'bench', `memory-${new Date().toISOString().replace(/[:.]/g, '-')}-snapshots`);
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
      LOGIN_RATE_LIMIT_PER_15_MIN: '1000', BENCH_MEMORY_PROBE_DIR: probeDir,
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
    log('\n seconds │ API RSS MB │ worker RSS MB │ API heap MB │ worker heap MB │ workflow thread heap MB │ HTTP answers │ instances completed/started │ load average');
    log('(heap: V8 heap in use; * after a full garbage collection in that thread, once the RSS was read)');
    const totalSamples = Math.floor((config.minutes * 60) / config.sampleSeconds) + 1;
    const gcAt = (i: number) => config.gcEvery > 0 && i > 0 && (i % config.gcEvery === 0 || i === totalSamples - 1);
    const firstGc = Array.from({ length: totalSamples }, (_, i) => i).find(gcAt);
    const takeSample = async () => {
      const i = samples.length;
      const at = { seconds: Math.round((Date.now() - t0) / 1000), api: rssMb(api.pid!), worker: rssMb(worker.pid!), requests: answered, started, load: os.loadavg()[0]! };
      const snapshot = config.snapshots && gcAt(i) && (i === firstGc || i === totalSamples - 1);
      const probe = await probeHeaps(probeDir, i + 1, { api: api.pid!, worker: worker.pid! }, gcAt(i), snapshot);
      if (snapshot) {
        fs.mkdirSync(snapshotsDir, { recursive: true });
        for (const l of probe.lines) if (l.snapshot) fs.renameSync(l.snapshot, path.join(snapshotsDir, path.basename(l.snapshot).replace(String(l.pid), l.pid === api.pid ? 'api' : 'worker')));
      }
      const s: Sample = { ...at, completed: await completed(), heaps: probe.heaps };
      samples.push(s);
      const heap = (mb: number | undefined) => `${mb === undefined ? '—' : mb.toFixed(0)}${s.heaps.gc ? '*' : ' '}`;
      log(`${String(s.seconds).padStart(8)} │ ${String(s.api).padStart(10)} │ ${String(s.worker).padStart(13)} │ ${heap(s.heaps.api).padStart(11)} │ ${heap(s.heaps.worker).padStart(14)} │ ${heap(s.heaps.workflows).padStart(23)} │ ${String(s.requests).padStart(12)} │ ${`${s.completed}/${s.started}`.padStart(27)} │ ${s.load.toFixed(2)}`);
    };
    await takeSample();
    while (samples.length < totalSamples) {
      await new Promise((r) => setTimeout(r, Math.max(0, samples.length * config.sampleSeconds * 1000 - (Date.now() - t0))));
      await takeSample();
    }
    if (starter) clearInterval(starter);
    (load as unknown as { stop(): void }).stop();

    for (const key of ['api', 'worker'] as const) {
      const values = samples.map((s) => s[key]);
      log(`${key === 'api' ? 'API   ' : 'worker'}: RSS first ${values[0]} MB, highest ${Math.max(...values)} MB, last ${values.at(-1)} MB; over the second half ${growthPerMinute(samples, key).toFixed(1)} MB/min`);
    }
    const collected = samples.filter((s) => s.heaps.gc);
    for (const [key, name] of [['api', 'API'], ['worker', 'worker main thread'], ['workflows', 'workflow thread']] as const) {
      const points = collected.filter((s) => s.heaps[key] !== undefined).map((s): [number, number] => [s.seconds, s.heaps[key]!]);
      if (points.length) log(`${name}: heap retained after each collection ${points.map(([, mb]) => mb.toFixed(0)).join(', ')} MB; ${slope(points).toFixed(1)} MB/min`);
    }
    if (config.snapshots && fs.existsSync(snapshotsDir)) log(`heap snapshots in ${path.relative(ROOT, snapshotsDir)} (compare: node --import tsx bench/memory/snapshot-diff.ts <first> <last>)`);
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
