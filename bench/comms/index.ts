/**
 * `bench/comms`: a bulk send of 10,000 SMS through the sandbox adapter.
 *
 *   npm run bench -- comms   (or: node --import tsx bench/comms/index.ts)
 *   (smaller: BENCH_COMMS_N=2000 BENCH_COMMS_RATE_N=600 npm run bench -- comms)
 *
 * 1. Starts its own PostgreSQL (fresh directory under .relais/bench/) and a
 *    Temporal dev server (in memory), migrates, creates one organisation with
 *    BENCH_COMMS_N contacts, its SMS sent through the sandbox, and runs the
 *    product's worker code in this process, with the payload codec on
 *    (RELAIS_SECRET_KEY, or a key made for the run), as production runs.
 *    BENCH_COMMS_PREFILL=M first writes M earlier messages (with their status
 *    events, timeline entries and sandbox copies), so that every measure runs
 *    on tables that large.
 * 2. Baselines, in the same run and on the same database:
 *    a. the raw sandbox adapter: BENCH_COMMS_N `send` calls, 20 at a time;
 *    b. the domain's `deliver()` (idempotency row, policy, rate-limit slot,
 *       provider call, status write) called directly, 20 at a time, no Temporal.
 * 3. End to end: POST /api/v1/comms/campaigns to BENCH_COMMS_N contacts (rate
 *    limit set out of reach), until the bulkSend workflow completes.
 *    Every measure a–c ends when the sandbox's simulated status callbacks of
 *    its messages are written too (they are part of each message's cost), and
 *    b and c also give their throughput per thousand messages, first to last
 *    (whether it falls as the tables grow within the run).
 * 4. Rate limiter: a campaign of BENCH_COMMS_RATE_N contacts at
 *    BENCH_COMMS_RATE SMS/minute; from the sandbox's own timestamps: the
 *    average rate and the most sends in any sliding minute, against the
 *    configured rate.
 * BENCH_COMMS_STATEMENTS=1 restarts PostgreSQL with pg_stat_statements and
 * prints, per measure, the statements that took the most time.
 * Prints messages per second for each, the ratios, and the load average beside
 * every figure (the machine may be shared); writes a JSON copy under .relais/bench/.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import knexFactory, { type Knex } from 'knex';
import { createActivities } from '../../activities';
import { createDeliveryPorts, sandboxSmsPort } from '../../activities/comms/comms.ports';
import { createApp } from '../../api/app';
import { INSTALLED_API_MODULES } from '../../api/installed-modules';
import { migrateLatest } from '../../db/migrate';
import { knexConfig } from '../../db/knexfile';
import { ensureTenant, ensureUser } from '../../db/seed';
import { deliver } from '../../domain/comms/delivery';
import { loadCommsConfig } from '../../domain/comms/settings';
import { createSecretBox } from '../../domain/core/secret-box';
import { hashPassword } from '../../domain/identity/passwords';
import { FAILURE_CONVERTER_PATH } from '../../domain/process/failure-converter';
import { processDataConverter } from '../../domain/process/payload-codec';
import { freePort } from '../../scripts/services/ports';
import { ensureAppLogin, startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../scripts/services/postgres';
import { startTemporalDevServer } from '../../scripts/services/temporal-dev-server';
import { WORKFLOW_PRELOAD_MODULES, WORKFLOWS_PATH } from '../../worker/create-worker';
import { PACER_WINDOW_MS } from '../../workflows/comms/pacer';

const ROOT = path.resolve(__dirname, '../..');
const CONCURRENCY = 20; // the bulkSend workflow's default number of sends in flight
const QUEUE = 'bench-comms';
const PASSWORD = 'bench-comms-password';
const SEGMENT = 1000;

function intEnv(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  const value = raw ? Number(raw.replace(/_/g, '')) : fallback;
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min} (got "${raw}").`);
  return value;
}

const log = (line: string) => process.stdout.write(`${line}\n`);
/** The machine's load average (1, 5, 15 minutes), printed beside every figure. */
const loadAverage = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

/** Runs `task(i)` for i in [0, n) with at most `concurrency` at once. */
async function pool(n: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) await task(next++);
  }));
}

/** French mobile numbers that avoid the sandbox's outcome suffixes (…0000 to …0003). */
function mobiles(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n; i += 1) {
    const number = 620_000_000 + i;
    if (number % 10_000 >= 4) out.push(`+33${number}`);
  }
  return out;
}

async function seedTenant(admin: Knex, n: number): Promise<{ tenantId: string; slug: string }> {
  const slug = 'bench-comms';
  const tenantId = await ensureTenant(admin, { slug, name: 'Bench Comms', verticals: ['school'] });
  await ensureUser(admin, tenantId, { email: `school-lead@${slug}.bench`, displayName: 'Bench lead', type: 'internal', passwordHash: await hashPassword(PASSWORD), roleKeys: ['school-lead'] });
  const [account] = await admin('accounts').insert({ tenantId, number: 1, name: 'Promotion bench' }).returning('id');
  const numbers = mobiles(n * 2);
  for (let i = 0; i < n * 2; i += 1000) {
    await admin('contacts').insert(numbers.slice(i, i + 1000).map((mobile, j) => ({ tenantId, accountId: account.id, firstName: `Étudiant${i + j}`, lastName: 'Bench', mobile })));
  }
  await admin('commsTemplates').insert({ tenantId, key: 'bench', language: 'fr', channel: 'sms', category: 'transactional', kind: 'contact.message', name: 'Bench', body: 'Bonjour {{contact.firstName}}, votre convocation est disponible. {{tenant.name}}' });
  return { tenantId, slug };
}

/**
 * `m` earlier messages of the organisation, as a delivered SMS leaves them: the
 * message, its four status events, its timeline entry and the sandbox's copy,
 * spread over the last two weeks (a part of them in the two days the
 * idempotent resend looks at).
 */
async function prefill(admin: Knex, tenantId: string, m: number): Promise<void> {
  for (let from = 1; from <= m; from += 50_000) {
    const to = Math.min(m, from + 49_999);
    await admin.raw(`
      with ids as (select array_agg(id order by id) as a from contacts where tenant_id = :tenantId),
      inserted as (
        insert into messages (tenant_id, channel, category, recipient, contact_id, template_key, language, body, status, provider, provider_message_id,
          provider_attempted_at, attempts, record_type, record_id, idempotency_key, created_at, updated_at)
        select :tenantId, 'sms', 'transactional', '+3361' || lpad(g::text, 7, '0'), c.id, 'bench', 'fr', 'Bonjour, votre convocation est disponible.', 'delivered', 'sandbox',
          'SMprefill' || g, now() - g * interval '12 seconds', 1, 'contact', c.id, 'prefill/' || g, now() - g * interval '12 seconds', now() - g * interval '12 seconds'
        from generate_series(:from::int, :to::int) g, ids, lateral (select ids.a[1 + g % cardinality(ids.a)] as id) c
        returning id, recipient, body, provider_message_id, contact_id, created_at),
      events as (
        insert into message_events (tenant_id, message_id, status, at)
        select :tenantId, i.id, s.status, i.created_at from inserted i, unnest(array['pending','queued','sent','delivered']) as s(status)),
      timeline as (
        insert into history (tenant_id, record_type, record_id, action, changes, at)
        select :tenantId, 'contact', i.contact_id, 'message', jsonb_build_object('messageId', i.id, 'channel', 'sms', 'status', 'queued'), i.created_at from inserted i)
      insert into sandbox_sms_outbox (tenant_id, reference, sid, recipient, body, status, created_at)
      select :tenantId, i.id::text, i.provider_message_id, i.recipient, i.body, 'delivered', i.created_at from inserted i`, { tenantId, from, to });
  }
}

/** pg_stat_statements, when BENCH_COMMS_STATEMENTS=1: the statements that took the most time since the last reset. */
function statementsReport(admin: Knex, enabled: boolean) {
  return {
    async reset() {
      if (enabled) await admin.raw('select pg_stat_statements_reset()');
    },
    async print(messages: number) {
      if (!enabled) return;
      const { rows } = await admin.raw(`
        select calls, total_exec_time as ms, shared_blks_hit + shared_blks_read as blocks, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) as query
        from pg_stat_statements where query not like '%pg_stat_statements%' order by total_exec_time desc`);
      const total = rows.reduce((sum: number, r: { ms: number }) => sum + r.ms, 0);
      const calls = rows.reduce((sum: number, r: { calls: string }) => sum + Number(r.calls), 0);
      log(`   statements: ${(calls / messages).toFixed(1)} per message, ${(total / messages).toFixed(2)} ms of execution per message; the longest:`);
      for (const r of rows.slice(0, 8)) {
        log(`   ${(r.ms / messages).toFixed(2).padStart(7)} ms/msg ${(Number(r.calls) / messages).toFixed(2).padStart(5)} calls/msg ${(r.blocks / Number(r.calls)).toFixed(1).padStart(6)} blocks/call  ${r.query}`);
      }
    },
  };
}

/** Starts PostgreSQL; with pg_stat_statements, restarts it once with the library loaded. */
async function startPostgres(dir: string, statements: boolean): Promise<EmbeddedPostgresHandle> {
  const options = { dataDir: path.join(dir, 'postgres'), port: await freePort(), password: crypto.randomBytes(12).toString('hex'), database: 'relais_bench' };
  const pg = await startEmbeddedPostgres(options);
  if (!statements) return pg;
  const admin = knexFactory(knexConfig(pg.adminUrl, 1));
  await admin.raw("alter system set shared_preload_libraries = 'pg_stat_statements'");
  await admin.raw("alter system set pg_stat_statements.track = 'all'");
  await admin.destroy();
  await pg.stop();
  await pg.exited;
  const restarted = await startEmbeddedPostgres(options);
  const again = knexFactory(knexConfig(restarted.adminUrl, 1));
  await again.raw('create extension if not exists pg_stat_statements');
  await again.destroy();
  return restarted;
}

/** Waits until `count()` answers 0 (the sandbox's simulated callbacks all written). */
async function drained(count: () => Promise<number>): Promise<void> {
  while ((await count()) > 0) await new Promise((r) => setTimeout(r, 100));
}

async function countOf(qb: Knex.QueryBuilder): Promise<number> {
  const [row] = await qb.count<{ count: string }[]>('* as count');
  return Number(row!.count);
}

/** Throughput of each successive thousand messages, from their rows' creation times (the first to the next thousand's first). */
async function segments(admin: Knex, where: (qb: Knex.QueryBuilder) => Knex.QueryBuilder, endedAt: number): Promise<number[]> {
  const times: number[] = (await where(admin('messages')).orderBy('createdAt').select('createdAt')).map((r: { createdAt: Date }) => r.createdAt.getTime());
  const out: number[] = [];
  for (let i = 0; i < times.length; i += SEGMENT) {
    const count = Math.min(SEGMENT, times.length - i);
    const end = times[i + SEGMENT] ?? endedAt;
    out.push(count / ((end - times[i]!) / 1000));
  }
  return out;
}

/** CPU seconds of a process (with its reaped children) and of its live children, from /proc (Linux; 100 ticks a second). */
function cpuSeconds(pid: number): number {
  const fields = (id: number | string) => {
    try {
      const stat = fs.readFileSync(`/proc/${id}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    } catch {
      return undefined;
    }
  };
  const own = fields(pid);
  if (!own) return NaN;
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = fields(entry);
    if (child && Number(child[1]) === pid) ticks += Number(child[11]) + Number(child[12]);
  }
  return ticks / 100;
}

/** Where the CPU went during a measure: this process (the bench, the worker, the API), Temporal, PostgreSQL. */
function cpuMeter(temporalPid: number, postgresPid: number) {
  const take = () => ({ self: process.cpuUsage(), temporal: cpuSeconds(temporalPid), postgres: cpuSeconds(postgresPid), at: performance.now() });
  let start = take();
  return {
    reset() {
      start = take();
    },
    report(messages: number): string {
      const end = take();
      const self = (end.self.user + end.self.system - start.self.user - start.self.system) / 1e6;
      const ms = (seconds: number) => ((seconds * 1000) / messages).toFixed(1);
      return `CPU per message: this process (worker, API, bench) ${ms(self)} ms, Temporal ${ms(end.temporal - start.temporal)} ms, PostgreSQL ${ms(end.postgres - start.postgres)} ms; ${((end.at - start.at) / 1000).toFixed(1)} s of wall time`;
    },
  };
}

interface Figures {
  seconds: number;
  perSecond: number;
  load: string;
  perThousand?: number[];
}

const figures = (n: number, seconds: number, perThousand?: number[]): Figures => ({ seconds, perSecond: n / seconds, load: loadAverage(), ...(perThousand ? { perThousand } : {}) });
const rates = (list: number[] | undefined) => (list?.length ? ` per thousand: ${list.map((r) => r.toFixed(0)).join(', ')}` : '');

export async function runCommsBench(): Promise<void> {
  const n = intEnv('BENCH_COMMS_N', 10_000);
  const rate = intEnv('BENCH_COMMS_RATE', 240);
  const rateN = intEnv('BENCH_COMMS_RATE_N', 400);
  const prefilled = intEnv('BENCH_COMMS_PREFILL', 0, 0);
  /** BENCH_COMMS_ONLY_RATE=1: only the rate limiter run (d). */
  const onlyRate = process.env.BENCH_COMMS_ONLY_RATE === '1';
  const withStatements = process.env.BENCH_COMMS_STATEMENTS === '1';
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = path.join(ROOT, '.relais', 'bench', `comms-${stamp}`);
  fs.mkdirSync(dir, { recursive: true });
  try {
    // Rate-limited attempts are expected here: keep their warnings out of the figures.
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // installed already
  }

  const pg = await startPostgres(dir, withStatements);
  const temporal = await startTemporalDevServer({ port: await freePort(), uiPort: await freePort(), logFile: path.join(dir, 'temporal.log') });
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let server: ReturnType<ReturnType<typeof createApp>['listen']> | undefined;
  const admin = knexFactory(knexConfig(pg.adminUrl, 4));
  const statements = statementsReport(admin, withStatements);
  const cpu = cpuMeter(temporal.pid, pg.pid);
  let knex: Knex | undefined;
  let connection: Connection | undefined;
  let native: NativeConnection | undefined;
  try {
    await migrateLatest(pg.adminUrl);
    const appUrl = await ensureAppLogin(pg.adminUrl, 'relais_bench_app', crypto.randomBytes(12).toString('hex'));
    knex = knexFactory(knexConfig(appUrl, 30));
    const { tenantId, slug } = await seedTenant(admin, n);
    if (prefilled) await prefill(admin, tenantId, prefilled);
    // Statistics as a running database has them (the foreign-key checks' plans are made from them).
    await admin.raw('analyze');
    log(`PostgreSQL and Temporal up; ${n * 2} contacts seeded in ${slug}${prefilled ? `, ${prefilled} earlier messages written` : ''}; load ${loadAverage()}.`);

    // a. The raw adapter.
    const adapter = sandboxSmsPort(knex, tenantId, 200);
    const numbers = mobiles(n);
    let raw = figures(n, NaN);
    if (!onlyRate) {
      await statements.reset();
      cpu.reset();
      const t0 = performance.now();
      await pool(n, CONCURRENCY, (i) => adapter.send({ to: numbers[i]!, body: `Bonjour, votre convocation est disponible. (${i})`, reference: `raw-${i}` }));
      await drained(() => countOf(admin('sandboxSmsOutbox').where({ tenantId }).where('reference', 'like', 'raw-%').whereNot({ status: 'delivered' })));
      raw = figures(n, (performance.now() - t0) / 1000);
      log(`a. raw sandbox adapter: ${n} sends in ${raw.seconds.toFixed(1)} s → ${raw.perSecond.toFixed(0)} /s (load ${raw.load})`);
      log(`   ${cpu.report(n)}`);
      await statements.print(n);
    }

    // b. The domain's deliver(), no Temporal: every message recorded, checked and sent once.
    const box = createSecretBox(crypto.randomBytes(32).toString('hex'));
    const delivery = {
      knex, publicUrl: 'http://localhost',
      ports: createDeliveryPorts({ knex, twilioApiBaseUrl: 'http://unused', sandboxLatencyMs: 200 }),
      loadConfig: (trx: Knex.Transaction, id: string) => loadCommsConfig(trx, id, box),
    };
    await admin('commsSettings').insert({ tenantId, smsProvider: 'sandbox', mailProvider: 'sandbox', smsRatePerMinute: 1_000_000 }).onConflict('tenantId').merge();
    const contactIds: string[] = (await admin('contacts').where({ tenantId }).orderBy('id').limit(n * 2).select('id')).map((r: { id: string }) => r.id);
    let direct = figures(n, NaN);
    if (!onlyRate) {
      await statements.reset();
      cpu.reset();
      const t0 = performance.now();
      await pool(n, CONCURRENCY, (i) => deliver(delivery, { tenantId, idempotencyKey: `direct/${i}` }, { channel: 'sms', contactId: contactIds[n + i]!, templateKey: 'bench' }, 'Bench'));
      const ours = (qb: Knex.QueryBuilder) => qb.where({ tenantId }).where('idempotencyKey', 'like', 'direct/%');
      await drained(() => countOf(ours(admin('messages')).whereNot({ status: 'delivered' })));
      const ended = Date.now();
      direct = figures(n, (performance.now() - t0) / 1000, await segments(admin, ours, ended));
      log(`b. deliver() without Temporal: ${n} messages in ${direct.seconds.toFixed(1)} s → ${direct.perSecond.toFixed(0)} /s (load ${direct.load});${rates(direct.perThousand)}`);
      log(`   ${cpu.report(n)}`);
      await statements.print(n);
    }

    // The product's worker (in this process) and API, with the payload codec as production configures it.
    const secret = process.env.RELAIS_SECRET_KEY ?? crypto.randomBytes(32).toString('hex');
    const dataConverter = processDataConverter(knex, secret);
    native = await NativeConnection.connect({ address: temporal.address });
    const workflowBundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, preloadModules: WORKFLOW_PRELOAD_MODULES, failureConverterPath: FAILURE_CONVERTER_PATH, logger: new DefaultLogger('WARN') });
    worker = await Worker.create({
      connection: native, taskQueue: QUEUE, workflowBundle, dataConverter,
      activities: createActivities({ knex, loadPlan: async () => undefined, comms: { sandboxLatencyMs: 200, box, publicUrl: 'http://localhost' } }),
    });
    running = worker.run();
    connection = await Connection.connect({ address: temporal.address });
    const client = new Client({ connection, dataConverter });
    const app = createApp({
      knex, auth: { jwtSecret: crypto.randomBytes(32).toString('hex'), accessTtlSeconds: 3600, refreshTtlSeconds: 3600 },
      temporal: async () => client, taskQueue: QUEUE, dataDir: dir, loginRateLimitPer15Min: 1000, modules: INSTALLED_API_MODULES,
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server!.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    const login = await (await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: `school-lead@${slug}.bench`, password: PASSWORD }) })).json() as { accessToken: string };
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${login.accessToken}` };
    const template = await admin('commsTemplates').where({ tenantId, key: 'bench' }).first('id');

    const campaign = async (count: number, offset: number, name: string) => {
      const t0 = performance.now();
      const res = await fetch(`${base}/comms/campaigns`, { method: 'POST', headers, body: JSON.stringify({ name, templateId: template.id, contactIds: contactIds.slice(offset, offset + count) }) });
      if (res.status !== 202) throw new Error(`campaign refused: ${res.status} ${await res.text()}`);
      const body = await res.json() as { id: string; workflowId: string };
      const handle = client.workflow.getHandle(body.workflowId);
      const counts = await handle.result() as { sent: number; refused: number; failed: number };
      const ours = (qb: Knex.QueryBuilder) => qb.where({ tenantId, campaignId: body.id });
      await drained(() => countOf(ours(admin('messages')).whereIn('status', ['pending', 'queued', 'sent'])));
      const seconds = (performance.now() - t0) / 1000;
      // The campaign's runs (one per thousand recipients, continue-as-new): the first one's history length.
      const runs: Array<{ runId: string; startTime: Date }> = [];
      for await (const run of client.workflow.list({ query: `WorkflowId = '${body.workflowId}'` })) runs.push(run);
      const first = runs.sort((x, y) => x.startTime.getTime() - y.startTime.getTime())[0];
      const firstRunEvents = first ? (await client.workflow.getHandle(body.workflowId, first.runId).fetchHistory()).events?.length ?? 0 : 0;
      return { id: body.id, counts, seconds, perThousand: await segments(admin, ours, Date.now()), firstRunEvents };
    };

    // 3. End to end, rate limit out of reach.
    let e2e = figures(n, NaN);
    let e2eRun: Awaited<ReturnType<typeof campaign>> | undefined;
    if (!onlyRate) {
      await statements.reset();
      cpu.reset();
      e2eRun = await campaign(n, 0, 'Bench end to end');
      e2e = figures(n, e2eRun.seconds, e2eRun.perThousand);
      log(`c. campaign end to end (API → bulkSend → comms.sms.send → sandbox): ${n} in ${e2e.seconds.toFixed(1)} s → ${e2e.perSecond.toFixed(0)} /s (load ${e2e.load}) ${JSON.stringify(e2eRun.counts)};${rates(e2e.perThousand)}; first run's history: ${e2eRun.firstRunEvents} events`);
      log(`   ${cpu.report(n)}`);
      await statements.print(n);
    }

    // 4. The rate limiter.
    await admin('commsSettings').where({ tenantId }).update({ smsRatePerMinute: rate });
    await admin('sandboxSmsOutbox').where({ tenantId }).delete();
    // The unlimited runs above filled this minute's tenant-wide counter: start the paced run afresh.
    await admin('commsRateWindows').where({ tenantId }).delete();
    const paced = await campaign(rateN, n, 'Bench rate');
    const times: number[] = (await admin('sandboxSmsOutbox').where({ tenantId }).orderBy('createdAt').select('createdAt')).map((r: { createdAt: Date }) => r.createdAt.getTime());
    const spanMs = times.at(-1)! - times[0]!;
    const measured = ((times.length - 1) / spanMs) * 60_000;
    let maxInMinute = 0;
    for (let i = 0, j = 0; i < times.length; i += 1) {
      while (j < times.length && times[j]! < times[i]! + 60_000) j += 1;
      maxInMinute = Math.max(maxInMinute, j - i);
    }
    const gaps = times.slice(1).map((at, i) => at - times[i]!).sort((x, y) => x - y);
    const pct = (q: number) => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))] ?? NaN;
    log(`   gaps between sends: p10 ${pct(0.1)} ms, p50 ${pct(0.5)} ms, p90 ${pct(0.9)} ms, max ${gaps.at(-1)} ms (interval ${(PACER_WINDOW_MS / rate).toFixed(0)} ms)`);
    const retried = Number((await admin('messages').where({ tenantId, campaignId: paced.id }).where('attempts', '>', 1).count<{ count: number }[]>('* as count'))[0]!.count);
    log(`d. rate limiter: configured ${rate}/min; measured ${measured.toFixed(0)}/min over ${(spanMs / 1000).toFixed(1)} s (${((measured / rate) * 100).toFixed(1)} % of the limit); most sends in any sliding minute: ${maxInMinute} (limit ${rate}); sends held back by the tenant-wide cap: ${retried} (load ${loadAverage()})`);

    const result = {
      stamp, n, prefilled, concurrency: CONCURRENCY, codec: true, machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`,
      raw, direct, endToEnd: { ...e2e, counts: e2eRun?.counts, firstRunEvents: e2eRun?.firstRunEvents },
      ratios: { endToEndVsRaw: e2e.perSecond / raw.perSecond, endToEndVsDirect: e2e.perSecond / direct.perSecond, directVsRaw: direct.perSecond / raw.perSecond },
      rateLimiter: { configuredPerMinute: rate, messages: rateN, measuredPerMinute: measured, accuracy: measured / rate, maxInAnySlidingMinute: maxInMinute, heldBackByTenantCap: retried, counts: paced.counts, load: loadAverage() },
    };
    log('');
    log(`| measure | messages | seconds | messages/s | vs raw adapter | vs deliver() | load average |`);
    log('|---|---:|---:|---:|---:|---:|---|');
    log(`| a. raw sandbox adapter | ${n} | ${raw.seconds.toFixed(1)} | ${raw.perSecond.toFixed(0)} | 1.00 | | ${raw.load} |`);
    log(`| b. deliver() without Temporal (baseline) | ${n} | ${direct.seconds.toFixed(1)} | ${direct.perSecond.toFixed(0)} | ${result.ratios.directVsRaw.toFixed(2)} | 1.00 | ${direct.load} |`);
    log(`| c. campaign end to end | ${n} | ${e2e.seconds.toFixed(1)} | ${e2e.perSecond.toFixed(0)} | ${result.ratios.endToEndVsRaw.toFixed(2)} | ${result.ratios.endToEndVsDirect.toFixed(2)} | ${e2e.load} |`);
    log('');
    log(`| rate limiter | configured /min | measured /min | accuracy | max in any sliding minute |`);
    log('|---|---:|---:|---:|---:|');
    log(`| ${rateN} SMS | ${rate} | ${measured.toFixed(0)} | ${((measured / rate) * 100).toFixed(1)} % | ${maxInMinute} |`);
    fs.writeFileSync(path.join(ROOT, '.relais', 'bench', `comms-${stamp}.json`), JSON.stringify(result, null, 2));
    log(`\nWritten to .relais/bench/comms-${stamp}.json`);
  } finally {
    server?.close();
    worker?.shutdown();
    await running?.catch(() => undefined);
    await connection?.close().catch(() => undefined);
    await native?.close().catch(() => undefined);
    await knex?.destroy();
    await admin.destroy();
    await temporal.stop().catch(() => undefined);
    await pg.stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runCommsBench().then(() => process.exit(0), (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  });
}
