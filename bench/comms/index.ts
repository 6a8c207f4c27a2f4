/**
 * `bench/comms`: a bulk send of 10,000 SMS through the sandbox adapter.
 *
 *   node --import tsx bench/comms/index.ts
 *   (smaller: BENCH_COMMS_N=2000 BENCH_COMMS_RATE_N=600 node --import tsx bench/comms/index.ts)
 *
 * 1. Starts its own PostgreSQL (fresh directory under .relais/bench/) and a
 *    Temporal dev server (in memory), migrates, creates one organisation with
 *    BENCH_COMMS_N contacts, its SMS sent through the sandbox, and runs the
 *    product's worker code in this process.
 * 2. Baselines, in the same run and on the same database:
 *    a. the raw sandbox adapter: BENCH_COMMS_N `send` calls, 20 at a time;
 *    b. the domain's `deliver()` (idempotency row, policy, rate-limit slot,
 *       provider call, status write) called directly, 20 at a time, no Temporal.
 * 3. End to end: POST /api/v1/comms/campaigns to BENCH_COMMS_N contacts (rate
 *    limit set out of reach), until the bulkSend workflow completes.
 * 4. Rate limiter: a campaign of BENCH_COMMS_RATE_N contacts at
 *    BENCH_COMMS_RATE SMS/minute; from the sandbox's own timestamps: the
 *    average rate and the most sends in any sliding minute, against the
 *    configured rate.
 * Prints messages per second for each and the ratios; writes JSON and Markdown
 * copies under .relais/bench/.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
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
import { freePort } from '../../scripts/services/ports';
import { ensureAppLogin, startEmbeddedPostgres } from '../../scripts/services/postgres';
import { startTemporalDevServer } from '../../scripts/services/temporal-dev-server';
import { WORKFLOWS_PATH } from '../../worker/create-worker';
import { PACER_WINDOW_MS } from '../../workflows/comms/pacer';

const ROOT = path.resolve(__dirname, '../..');
const CONCURRENCY = 20; // the bulkSend workflow's default number of sends in flight
const QUEUE = 'bench-comms';
const PASSWORD = 'bench-comms-password';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw ? Number(raw.replace(/_/g, '')) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer (got "${raw}").`);
  return value;
}

const log = (line: string) => process.stdout.write(`${line}\n`);

/** Runs `task(i)` for i in [0, n) with at most `concurrency` at once; answers the elapsed seconds. */
async function pool(n: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) await task(next++);
  }));
  return (performance.now() - started) / 1000;
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

interface Figures {
  seconds: number;
  perSecond: number;
}

async function main(): Promise<void> {
  const n = intEnv('BENCH_COMMS_N', 10_000);
  const rate = intEnv('BENCH_COMMS_RATE', 240);
  const rateN = intEnv('BENCH_COMMS_RATE_N', 400);
  /** BENCH_COMMS_ONLY_RATE=1: only the rate limiter run (d). */
  const onlyRate = process.env.BENCH_COMMS_ONLY_RATE === '1';
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = path.join(ROOT, '.relais', 'bench', `comms-${stamp}`);
  fs.mkdirSync(dir, { recursive: true });
  try {
    // Rate-limited attempts are expected here: keep their warnings out of the figures.
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // installed already
  }

  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port: await freePort(), password: crypto.randomBytes(12).toString('hex'), database: 'relais_bench' });
  const temporal = await startTemporalDevServer({ port: await freePort(), uiPort: await freePort(), logFile: path.join(dir, 'temporal.log') });
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let server: ReturnType<ReturnType<typeof createApp>['listen']> | undefined;
  const admin = knexFactory(knexConfig(pg.adminUrl, 4));
  let knex: Knex | undefined;
  let connection: Connection | undefined;
  let native: NativeConnection | undefined;
  try {
    await migrateLatest(pg.adminUrl);
    const appUrl = await ensureAppLogin(pg.adminUrl, 'relais_bench_app', crypto.randomBytes(12).toString('hex'));
    knex = knexFactory(knexConfig(appUrl, 30));
    const { tenantId, slug } = await seedTenant(admin, n);
    log(`PostgreSQL and Temporal up; ${n * 2} contacts seeded in ${slug}.`);

    // a. The raw adapter.
    const adapter = sandboxSmsPort(knex, tenantId, 200);
    const numbers = mobiles(n);
    const rawSeconds = onlyRate ? NaN : await pool(n, CONCURRENCY, (i) => adapter.send({ to: numbers[i]!, body: `Bonjour, votre convocation est disponible. (${i})`, reference: `raw-${i}` }));
    const raw: Figures = { seconds: rawSeconds, perSecond: n / rawSeconds };
    log(`a. raw sandbox adapter: ${n} sends in ${rawSeconds.toFixed(1)} s → ${raw.perSecond.toFixed(0)} /s`);

    // b. The domain's deliver(), no Temporal: every message recorded, checked and sent once.
    const box = createSecretBox(crypto.randomBytes(32).toString('hex'));
    const delivery = {
      knex, publicUrl: 'http://localhost',
      ports: createDeliveryPorts({ knex, twilioApiBaseUrl: 'http://unused', sandboxLatencyMs: 200 }),
      loadConfig: (trx: Knex.Transaction, id: string) => loadCommsConfig(trx, id, box),
    };
    await admin('commsSettings').insert({ tenantId, smsProvider: 'sandbox', mailProvider: 'sandbox', smsRatePerMinute: 1_000_000 }).onConflict('tenantId').merge();
    const contactIds: string[] = (await admin('contacts').where({ tenantId }).orderBy('id').limit(n * 2).select('id')).map((r: { id: string }) => r.id);
    const directSeconds = onlyRate ? NaN : await pool(n, CONCURRENCY, (i) => deliver(delivery, { tenantId, idempotencyKey: `direct/${i}` }, { channel: 'sms', contactId: contactIds[n + i]!, templateKey: 'bench' }, 'Bench'));
    const direct: Figures = { seconds: directSeconds, perSecond: n / directSeconds };
    log(`b. deliver() without Temporal: ${n} messages in ${directSeconds.toFixed(1)} s → ${direct.perSecond.toFixed(0)} /s`);

    // The product's worker (in this process) and API.
    native = await NativeConnection.connect({ address: temporal.address });
    const workflowBundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: new DefaultLogger('WARN') });
    worker = await Worker.create({
      connection: native, taskQueue: QUEUE, workflowBundle, maxConcurrentActivityTaskExecutions: 100,
      activities: createActivities({ knex, loadPlan: async () => undefined, comms: { sandboxLatencyMs: 200, box, publicUrl: 'http://localhost' } }),
    });
    running = worker.run();
    connection = await Connection.connect({ address: temporal.address });
    const client = new Client({ connection });
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
      const counts = await client.workflow.getHandle(body.workflowId).result() as { sent: number; refused: number; failed: number };
      return { id: body.id, counts, seconds: (performance.now() - t0) / 1000 };
    };

    // 3. End to end, rate limit out of reach.
    const e2eRun = onlyRate ? { id: '', counts: { sent: 0, refused: 0, failed: 0 }, seconds: NaN } : await campaign(n, 0, 'Bench end to end');
    const e2e: Figures = { seconds: e2eRun.seconds, perSecond: n / e2eRun.seconds };
    log(`c. campaign end to end (API → bulkSend → comms.sms.send → sandbox): ${n} in ${e2eRun.seconds.toFixed(1)} s → ${e2e.perSecond.toFixed(0)} /s ${JSON.stringify(e2eRun.counts)}`);

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
    log(`d. rate limiter: configured ${rate}/min; measured ${measured.toFixed(0)}/min over ${(spanMs / 1000).toFixed(1)} s (${((measured / rate) * 100).toFixed(1)} % of the limit); most sends in any sliding minute: ${maxInMinute} (limit ${rate}); sends held back by the tenant-wide cap: ${retried}`);

    const result = {
      stamp, n, concurrency: CONCURRENCY,
      raw, direct, endToEnd: { ...e2e, counts: e2eRun.counts },
      ratios: { endToEndVsRaw: e2e.perSecond / raw.perSecond, endToEndVsDirect: e2e.perSecond / direct.perSecond, directVsRaw: direct.perSecond / raw.perSecond },
      rateLimiter: { configuredPerMinute: rate, messages: rateN, measuredPerMinute: measured, accuracy: measured / rate, maxInAnySlidingMinute: maxInMinute, heldBackByTenantCap: retried, counts: paced.counts },
    };
    log('');
    log('| measure | messages | seconds | messages/s | vs raw adapter |');
    log('|---|---:|---:|---:|---:|');
    log(`| a. raw sandbox adapter (baseline) | ${n} | ${raw.seconds.toFixed(1)} | ${raw.perSecond.toFixed(0)} | 1.00 |`);
    log(`| b. deliver() without Temporal | ${n} | ${direct.seconds.toFixed(1)} | ${direct.perSecond.toFixed(0)} | ${result.ratios.directVsRaw.toFixed(2)} |`);
    log(`| c. campaign end to end | ${n} | ${e2e.seconds.toFixed(1)} | ${e2e.perSecond.toFixed(0)} | ${result.ratios.endToEndVsRaw.toFixed(2)} |`);
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
  main().then(() => process.exit(0), (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  });
}

