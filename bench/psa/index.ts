/**
 * `bench/psa`: the MSP's ticket list and SLA computation at 100,000 tickets (issue 14).
 *
 *   npm run bench -- psa
 *   (smaller: BENCH_PSA_TICKETS=20000 BENCH_SECONDS=5 npm run bench -- psa)
 *
 * 1. Starts its own PostgreSQL (fresh directory under .relais/bench/), migrates, seeds the demo
 *    organisations (Infogérance Atlantique's MSP demo included), then bulk-inserts, as the owner,
 *    BENCH_PSA_ACCOUNTS client accounts and BENCH_PSA_TICKETS tickets into `msp` (statuses,
 *    priorities, assignees, teams, queues and SLA deadlines as a year of an MSP's life leaves them:
 *    most closed, a few hundred open, some breached); VACUUM ANALYZE.
 * 2. The ticket list through the real API (bench/api's app process, signed in as manager@msp.demo):
 *    the default order, a status filter, the SLA order (breached first, then least time left). Each
 *    against the same SQL in the same run: the statements each request sent, captured from the app's
 *    knex and replayed through pg with as many loops (bench/api/load.ts), as bench/api does.
 * 3. The SLA computation (domain/psa/sla-service.ts planTicketSla: the ticket, the policy that
 *    applies, the calendar and holidays, the business-time deadlines), one ticket after the other in
 *    its own transaction as the application's role, against the same statements replayed directly.
 * Prints p95 (and p50, p99) of each with its baseline, their ratio and the load average beside every
 * figure (the machine may be shared); writes a JSON copy under .relais/bench/. Never a threshold.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { knexConfig } from '../../db/knexfile';
import { preparedStatementName } from '../../db/pg-client';
import { migrateLatest } from '../../db/migrate';
import { seed } from '../../db/seed';
import { DEMO_PASSWORD, demoEmail } from '../../db/seeds/demo-tenants';
import { withTenant } from '../../db/tenant-scope';
import type { RequestContext } from '../../domain/core/record-service';
import { buildAbility } from '../../domain/identity/ability';
import { loadPrincipal } from '../../domain/identity/principal';
import '../../domain/installed-modules';
import { planTicketSla } from '../../domain/psa/sla-service';
import { freePort } from '../../scripts/services/ports';
import { ensureAppLogin, startEmbeddedPostgres } from '../../scripts/services/postgres';
import { apiIdle, capture, configFromEnv, Resources, startApp } from '../api';
import { loadApi, SqlLoad } from '../api/load';
import { measure } from '../api/report';
import { bulkSeedTenant } from '../api/seed';
import type { CapturedStatement, CapturedTransaction, Measurement } from '../api/types';

const log = (line: string) => process.stdout.write(`[bench/psa] ${line}\n`);
const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const fmt = (m: Measurement) => `p50 ${m.p50.toFixed(1)} / p95 ${m.p95.toFixed(1)} / p99 ${m.p99.toFixed(1)} ms, ${m.perSecond.toFixed(0)}/s (${m.count} answers, ${m.errors} errors)`;

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw ? Number(raw.replace(/_/g, '')) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be an integer ≥ 1 (got "${raw}").`);
  return value;
}

/**
 * The tickets of a year of an MSP's life, generated inside PostgreSQL (seeded random, same data at
 * every run): numbered after the demo's, on the tenant's accounts, most closed; the open ones with
 * deadlines around now (a tenth breached), the waiting ones paused (no deadline).
 */
async function bulkTickets(client: pg.Client, tenantId: string, count: number): Promise<void> {
  await client.query('select setseed(0.42)');
  await client.query(`
    with ctx as (
      select
        (select coalesce(max(number), 0) from psa_tickets where tenant_id = $1) as base,
        (select array_agg(id order by id) from accounts where tenant_id = $1) as accounts,
        (select array_agg(u.id order by u.id) from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
           where u.tenant_id = $1 and r.key = 'technician') as techs,
        (select array_agg(id order by name) from planning_teams where tenant_id = $1) as teams,
        (select array_agg(id order by name) from psa_queues where tenant_id = $1) as queues,
        (select id from psa_sla_policies where tenant_id = $1 and is_default) as policy
    ), g as (
      select i, random() as rs, random() as rp, random() as ra, random() as rt, random() as rd, random() as rb from generate_series(1, $2::int) as i
    ), t as (
      select g.*, ctx.*,
        case when rs < 0.70 then 'closed' when rs < 0.80 then 'resolved' when rs < 0.88 then 'open' when rs < 0.95 then 'in-progress' else 'waiting' end as status,
        case when rp < 0.25 then 'low' when rp < 0.80 then 'normal' when rp < 0.97 then 'high' else 'critical' end as priority,
        case when rs < 0.80 then now() - (rd * interval '365 days') - interval '1 day' else now() - (rd * interval '10 days') end as created
      from g, ctx
    )
    insert into psa_tickets (tenant_id, number, account_id, title, description, status, priority, source, assignee_id, team_id, queue_id, sla_policy_id,
      response_due_at, resolution_due_at, first_response_at, response_breached_at, resolution_breached_at, sla_level, sla_paused_since,
      resolved_at, closed_at, created_at, updated_at)
    select $1, base + i, accounts[1 + floor(ra * array_length(accounts, 1))::int],
      (array['Poste lent au démarrage', 'Imprimante hors ligne', 'Messagerie : mot de passe demandé en boucle', 'Sauvegarde de la nuit en échec',
             'VPN coupé', 'Création d''un compte utilisateur', 'Écran bleu au démarrage', 'Wi-Fi instable', 'Licence expirée', 'Partage réseau inaccessible'])[1 + (i % 10)]
        || ' — ' || i,
      'Généré par bench/psa.', status, priority, (array['manual', 'email', 'portal'])[1 + (i % 3)],
      case when status = 'open' and rt < 0.5 then null else techs[1 + floor(rt * array_length(techs, 1))::int] end,
      teams[1 + (i % greatest(array_length(teams, 1), 1))], queues[1 + (i % greatest(array_length(queues, 1), 1))], policy,
      created + interval '1 hour',
      case when status = 'waiting' then null
           when status in ('open', 'in-progress') then now() + ((rb - 0.1) * interval '3 days')
           else created + interval '2 days' end,
      case when status = 'open' then null else created + interval '20 minutes' end,
      null,
      case when status in ('open', 'in-progress') and rb < 0.1 then now() + ((rb - 0.1) * interval '3 days') end,
      case when status in ('open', 'in-progress') and rb < 0.1 then 100 when status in ('open', 'in-progress') and rb < 0.2 then 90 end,
      case when status = 'waiting' then now() - interval '2 hours' end,
      case when status in ('resolved', 'closed') then created + interval '1 day' end,
      case when status = 'closed' then created + interval '2 days' end,
      created, created
    from t
  `, [tenantId, count]);
  await client.query(`insert into tenant_counters (tenant_id, name, value) values ($1, 'psa-ticket', (select max(number) from psa_tickets where tenant_id = $1))
    on conflict (tenant_id, name) do update set value = excluded.value`, [tenantId]);
}

interface ListResult { name: string; path: string; statements: number; api: Measurement; sql: Measurement; ratio: number; load: string }

/** planTicketSla on `ids`, one transaction each, timed; and the statements each sent (knex's query events, per transaction). */
async function slaRuns(knex: Knex, tenantId: string, userId: string, ids: string[]): Promise<{ latencies: number[]; transactions: CapturedTransaction[] }> {
  const latencies: number[] = [];
  const transactions: CapturedTransaction[] = [];
  const byTx = new Map<string, CapturedStatement[]>();
  // As bench/api/app-process.ts records a request's statements: BEGIN (with its set_config) to COMMIT, prepared ones named.
  const onQuery = (q: { sql: string; bindings?: unknown[]; options?: { prepare?: boolean }; __knexTxId?: string }) => {
    if (!q.__knexTxId) return;
    const list = byTx.get(q.__knexTxId) ?? [];
    const prepared = q.options?.prepare && q.bindings?.length ? { name: preparedStatementName(q.sql) } : {};
    list.push({ text: q.sql, values: (q.bindings ?? []) as CapturedStatement['values'], ...prepared });
    byTx.set(q.__knexTxId, list);
  };
  knex.on('query', onQuery);
  try {
    for (const id of ids) {
      byTx.clear();
      const t0 = performance.now();
      await withTenant({ tenantId, userId }, async (trx) => {
        const principal = (await loadPrincipal(trx, tenantId, userId))!;
        const ctx: RequestContext = { trx, principal, ability: buildAbility(principal), requestId: 'bench-psa' };
        await planTicketSla(ctx, id);
      }, knex);
      latencies.push(performance.now() - t0);
      transactions.push({ statements: [...byTx.values()].flat() });
    }
  } finally {
    knex.off('query', onQuery);
  }
  return { latencies, transactions };
}

/** The same statements, each transaction replayed through pg as it was sent (BEGIN … COMMIT), one after the other. */
async function replay(connectionString: string, transactions: CapturedTransaction[]): Promise<number[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const latencies: number[] = [];
  try {
    for (const tx of transactions) {
      const t0 = performance.now();
      for (const s of tx.statements) await client.query({ text: s.text, values: s.values, name: s.name });
      latencies.push(performance.now() - t0);
    }
  } finally {
    await client.end();
  }
  return latencies;
}

export async function runPsaBench(): Promise<Record<string, unknown>> {
  const config = { ...configFromEnv(), connections: intEnv('BENCH_CONNECTIONS', 10) };
  const tickets = intEnv('BENCH_PSA_TICKETS', 100_000);
  const accounts = intEnv('BENCH_PSA_ACCOUNTS', 2_000);
  const slaSamples = intEnv('BENCH_PSA_SLA_SAMPLES', 500);
  const res = new Resources();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const benchRoot = path.join(config.rootDir, '.relais', 'bench');
  res.dataDir = path.join(benchRoot, `psa-${stamp}`);
  fs.mkdirSync(res.dataDir, { recursive: true });
  const onSignal = () => { res.stopping = true; res.stopLoad?.(); res.killApp(); };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let knex: Knex | undefined;
  try {
    const t0 = performance.now();
    res.pg = await startEmbeddedPostgres({ dataDir: path.join(res.dataDir, 'postgres'), port: await freePort(), password: crypto.randomBytes(18).toString('base64url'), database: 'relais_bench' });
    await migrateLatest(res.pg.adminUrl);
    const appUrl = await ensureAppLogin(res.pg.adminUrl, 'relais_api', crypto.randomBytes(18).toString('base64url'));
    const knexAdmin = knexFactory(knexConfig(res.pg.adminUrl, 2));
    try { await seed(knexAdmin, { demo: true }); } finally { await knexAdmin.destroy(); }
    const admin = new pg.Client({ connectionString: res.pg.adminUrl });
    await admin.connect();
    let tenantId: string;
    let manager: string;
    let sampleIds: string[];
    try {
      await admin.query("set synchronous_commit = off; set maintenance_work_mem = '256MB'");
      tenantId = (await admin.query<{ id: string }>("select id from tenants where slug = 'msp'")).rows[0]!.id;
      manager = (await admin.query<{ id: string }>('select id from users where tenant_id = $1 and lower(email) = $2', [tenantId, demoEmail('manager', 'msp')])).rows[0]!.id;
      await bulkSeedTenant(admin, 'msp', accounts, 0.3);
      const t1 = performance.now();
      await bulkTickets(admin, tenantId, tickets);
      log(`${tickets.toLocaleString('en')} tickets on ${accounts.toLocaleString('en')} + the demo's accounts inserted in ${((performance.now() - t1) / 1000).toFixed(1)} s; load ${loadAverage()}`);
      await admin.query('vacuum analyze');
      await admin.query('select setseed(0.7)');
      sampleIds = (await admin.query<{ id: string }>('select id from psa_tickets where tenant_id = $1 order by random() limit $2', [tenantId, slaSamples])).rows.map((r) => r.id);
      const counts = (await admin.query<{ status: string; n: string }>('select status, count(*) as n from psa_tickets where tenant_id = $1 group by status order by status', [tenantId])).rows;
      log(`msp holds ${counts.map((c) => `${c.n} ${c.status}`).join(', ')}; ready in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    } finally {
      await admin.end();
    }

    const logFile = path.join(res.dataDir, 'api.log');
    const port = await startApp(res, config, {
      NODE_ENV: 'production', DATABASE_URL: appUrl, DATABASE_POOL_MAX: String(config.appPool), JWT_SECRET: crypto.randomBytes(32).toString('hex'),
      RELAIS_DATA_DIR: res.dataDir, LOG_LEVEL: config.logLevel, PORT: String(await freePort()), BENCH_API_WORKERS: '1',
    }, logFile);
    const baseUrl = `http://127.0.0.1:${port}`;
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: demoEmail('manager', 'msp'), password: DEMO_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`Sign-in as manager@msp.demo failed: ${login.status} ${await login.text()}`);
    const { accessToken } = (await login.json()) as { accessToken: string };
    res.sql = await SqlLoad.start(appUrl, config.sqlThreads, config.sqlPool);

    const scenarios = [
      { name: 'list (default order)', path: '/api/v1/psa/tickets?limit=50' },
      { name: 'status filter (open)', path: '/api/v1/psa/tickets?status=open&limit=50' },
      { name: 'SLA order (breached first, least time left)', path: '/api/v1/psa/tickets?sort=sla&limit=50' },
    ];
    const lists: ListResult[] = [];
    const load = { connections: config.connections, seconds: config.seconds, timeoutSeconds: config.timeoutSeconds };
    const warm = { ...load, seconds: config.warmupSeconds };
    const track = (stop: () => void) => { res.stopLoad = stop; };
    for (const s of scenarios) {
      const { transactions } = await capture(res.app!, baseUrl, accessToken, [s.path], 1);
      if (config.warmupSeconds > 0) await loadApi(baseUrl, accessToken, () => s.path, warm, track);
      await apiIdle(res.app!, () => res.stopping);
      const api = await loadApi(baseUrl, accessToken, () => s.path, load, track);
      const apiLoad = loadAverage();
      await apiIdle(res.app!, () => res.stopping);
      if (config.warmupSeconds > 0) await res.sql.run(transactions, warm);
      const sql = await res.sql.run(transactions, load);
      const result = { name: s.name, path: s.path, statements: transactions[0]!.statements.length, api, sql, ratio: api.p95 / sql.p95, load: `${apiLoad} | ${loadAverage()}` };
      lists.push(result);
      log(`${s.name} — ${s.path}, ${config.connections} connections, ${config.seconds} s:\n    API ${fmt(api)} (load ${apiLoad})\n    SQL ${fmt(sql)} (load ${loadAverage()})\n    p95 ratio API / SQL ${result.ratio.toFixed(2)}; ${result.statements} statements per request`);
    }
    await res.sql.close();
    res.sql = undefined;
    res.killApp();

    // The SLA computation, in this process as the worker's activity runs it.
    knex = knexFactory(knexConfig(appUrl, 2));
    await slaRuns(knex, tenantId, manager, sampleIds); // deadlines written once; the measured pass only reads
    const measured = await slaRuns(knex, tenantId, manager, sampleIds);
    const slaLoad = loadAverage();
    const baseline = await replay(appUrl, measured.transactions);
    const slaApi = measure(measured.latencies, 0, measured.latencies.reduce((a, b) => a + b, 0) / 1000);
    const slaSql = measure(baseline, 0, baseline.reduce((a, b) => a + b, 0) / 1000);
    const slaRatio = slaApi.p95 / slaSql.p95;
    log(`SLA computation (planTicketSla) on ${sampleIds.length} random tickets, one at a time:\n    computed ${fmt(slaApi)} (load ${slaLoad})\n    same SQL ${fmt(slaSql)} (load ${loadAverage()})\n    p95 ratio ${slaRatio.toFixed(2)}; ${measured.transactions[0]!.statements.length} statements per ticket`);

    const result = {
      date: new Date().toISOString(), tickets, accounts, connections: config.connections, seconds: config.seconds, lists,
      sla: { samples: sampleIds.length, computed: slaApi, sql: slaSql, ratio: slaRatio, load: slaLoad },
      machine: { cores: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
    };
    const out = path.join(benchRoot, `psa-${stamp}.json`);
    fs.writeFileSync(out, JSON.stringify(result, null, 2));
    log(`results written to ${path.relative(config.rootDir, out)}`);
    return result;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await knex?.destroy();
    await res.close(config.keep);
  }
}

if (require.main === module) {
  runPsaBench().then(
    () => process.exit(0),
    (error: Error) => { process.stderr.write(`[bench/psa] ${error.stack ?? error.message}\n`); process.exit(1); },
  );
}
