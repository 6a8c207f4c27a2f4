/**
 * `bench/telecom` — the account panel part (issue 17, ADR 0046): p95 of the account panel's telecom calls for a
 * 2,000-line multi-site client, against a small account (one site, a few lines) measured in the same run.
 *
 *   LOG_LEVEL=silent node --import tsx bench/telecom/account-panel.ts
 *   (BENCH_PANEL_REQUESTS=300 BENCH_PANEL_SITES=20 BENCH_PANEL_LINES=2000)
 *
 * Starts its own PostgreSQL (fresh directory under .relais/bench/), migrates, seeds the demo organisations, then
 * inserts into `softwhere` (as the owner) a multi-site client — BENCH_PANEL_SITES sites, a mobile and an internet
 * fleet per site, BENCH_PANEL_LINES lines in every status — and a one-site client with five lines; VACUUM
 * ANALYZE. The real app (createApp, in this process, listening on a free port) answers, signed in as
 * direction@softwhere.demo (every section: the heaviest view), the calls the panel makes when it opens: the
 * panel (`GET /telecom/accounts/{id}/panel`) and, when the hierarchy serves it, the summary
 * (`GET /telecom/accounts/{id}/summary`). Requests alternate between the two accounts, one at a time. Prints
 * p50/p95/p99 of each with the ratio big / small and the load average (the machine may be shared). Never a threshold.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { createApp } from '../../api/app';
import { INSTALLED_API_MODULES } from '../../api/installed-modules';
import { knexConfig } from '../../db/knexfile';
import { migrateLatest } from '../../db/migrate';
import { seed } from '../../db/seed';
import { DEMO_PASSWORD, demoEmail } from '../../db/seeds/demo-tenants';
import { freePort } from '../../scripts/services/ports';
import { ensureAppLogin, startEmbeddedPostgres } from '../../scripts/services/postgres';

const log = (line: string) => process.stdout.write(`[bench/telecom panel] ${line}\n`);
const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw ? Number(raw.replace(/_/g, '')) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be an integer ≥ 1 (got "${raw}").`);
  return value;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
const stats = (ms: number[]) => { const s = [...ms].sort((a, b) => a - b); return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), count: s.length }; };
const fmt = (m: ReturnType<typeof stats>) => `p50 ${m.p50.toFixed(1)} / p95 ${m.p95.toFixed(1)} / p99 ${m.p99.toFixed(1)} ms (${m.count})`;

export async function runAccountPanelBench(): Promise<Record<string, unknown>> {
  const requests = intEnv('BENCH_PANEL_REQUESTS', 300);
  const siteCount = intEnv('BENCH_PANEL_SITES', 20);
  const lineCount = intEnv('BENCH_PANEL_LINES', 2000);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dataDir = path.join(process.cwd(), '.relais', 'bench', `telecom-panel-${stamp}`);
  fs.mkdirSync(dataDir, { recursive: true });
  const pgHandle = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: await freePort(), password: crypto.randomBytes(18).toString('base64url'), database: 'relais_bench' });
  let server: Server | undefined;
  const admin = knexFactory(knexConfig(pgHandle.adminUrl, 2));
  const appUrl = await (async () => { await migrateLatest(pgHandle.adminUrl); return ensureAppLogin(pgHandle.adminUrl, 'relais_api', crypto.randomBytes(18).toString('base64url')); })();
  const knex = knexFactory(knexConfig(appUrl, 10));
  try {
    await seed(admin, { demo: true });
    const tenantId: string = (await admin('tenants').where({ slug: 'softwhere' }).first('id')).id;
    const t0 = performance.now();
    const brand = (await admin('telecomBrands').where({ tenantId }).first('id'))
      ?? (await admin('telecomBrands').insert({ tenantId, key: 'bench', name: 'Bench' }).returning('id'))[0];
    const makeAccount = async (name: string, softwhereId: string, sites: number, lines: number): Promise<string> => {
      const [account] = await admin('accounts').insert({ tenantId, number: 900_000 + Math.floor(Math.random() * 99_999), name, status: 'active' }).returning('id');
      await admin('telecomAccountProfiles').insert({ accountId: account.id, tenantId, softwhereId, brandId: brand.id });
      const [billing] = await admin('billingSites').insert({ tenantId, accountId: account.id, name: `${name} — facturation`, externalRef: `CFAST-${softwhereId}` }).returning('id');
      await admin.raw(`
        with s as (
          insert into sites (tenant_id, account_id, billing_site_id, name, city)
          select ?, ?, ?, 'Site ' || lpad(i::text, 3, '0'), 'Vannes' from generate_series(1, ?::int) i returning id
        ), f as (
          insert into telecom_fleets (tenant_id, account_id, site_id, billing_site_id, type, operator_key, name)
          select ?, ?, s.id, ?, t.type, t.op, t.label from s cross join (values ('mobile', 'orange', 'Mobile / Orange'), ('internet', 'alphalink', 'Internet / Alphalink')) t(type, op, label)
          returning id, site_id
        ), fl as (select id, site_id, row_number() over (order by id) - 1 as n, count(*) over () as total from f)
        insert into telecom_lines (tenant_id, account_id, fleet_id, site_id, billing_site_id, number, status, sale_price_cents, purchase_price_cents, operator_key)
        select ?, ?, fl.id, fl.site_id, ?, '+3376' || lpad((? * 100000 + i)::text, 7, '0'),
          (array['active', 'active', 'active', 'suspended', 'pending', 'terminated'])[1 + i % 6], 1990 + (i % 5) * 500, 1100 + (i % 5) * 250, 'snaic'
        from generate_series(1, ?::int) i join fl on fl.n = i % fl.total`,
      [tenantId, account.id, billing.id, sites, tenantId, account.id, billing.id, tenantId, account.id, billing.id, Number(softwhereId.slice(-3)), lines]);
      return account.id as string;
    };
    const big = await makeAccount('Bench multi-sites', 'SW-900001', siteCount, lineCount);
    const small = await makeAccount('Bench mono-site', 'SW-900002', 1, 5);
    await admin.raw('vacuum analyze');
    log(`${lineCount} lines on ${siteCount} sites (and a one-site account) inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s; load ${loadAverage()}`);

    const app = createApp({
      knex, auth: { jwtSecret: crypto.randomBytes(32).toString('hex'), accessTtlSeconds: 3600, refreshTtlSeconds: 3600 },
      temporal: () => Promise.reject(new Error('no Temporal in this bench')), taskQueue: 'bench', dataDir, loginRateLimitPer15Min: 1000, modules: INSTALLED_API_MODULES,
    });
    server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
    const address = server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1`;
    const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: demoEmail('direction', 'softwhere'), password: DEMO_PASSWORD, tokenTransport: 'body' }) });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const get = async (url: string): Promise<{ ms: number; status: number }> => {
      const started = performance.now();
      const res = await fetch(`${base}${url}`, { headers: { authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      return { ms: performance.now() - started, status: res.status };
    };
    const calls = ['panel', 'summary'];
    const results: Record<string, unknown> = { requests, siteCount, lineCount };
    for (const call of calls) {
      if ((await get(`/telecom/accounts/${small}/${call}`)).status !== 200) { log(`${call}: not served (${call === 'summary' ? 'the hierarchy area has not built it' : 'error'}), skipped`); continue; }
      for (let i = 0; i < 20; i++) { await get(`/telecom/accounts/${big}/${call}`); await get(`/telecom/accounts/${small}/${call}`); }
      const bigMs: number[] = [];
      const smallMs: number[] = [];
      let errors = 0;
      for (let i = 0; i < requests; i++) {
        const b = await get(`/telecom/accounts/${big}/${call}`);
        const s = await get(`/telecom/accounts/${small}/${call}`);
        if (b.status !== 200 || s.status !== 200) errors++;
        bigMs.push(b.ms);
        smallMs.push(s.ms);
      }
      const bigStats = stats(bigMs);
      const smallStats = stats(smallMs);
      log(`${call} — ${lineCount}-line multi-site client: ${fmt(bigStats)}; load ${loadAverage()}`);
      log(`${call} — one-site client (baseline):      ${fmt(smallStats)}`);
      log(`${call} — ratio p95 big / small: ${(bigStats.p95 / smallStats.p95).toFixed(2)}× (${errors} errors)`);
      results[call] = { big: bigStats, small: smallStats, ratioP95: bigStats.p95 / smallStats.p95, errors };
    }
    fs.writeFileSync(path.join(dataDir, 'results.json'), JSON.stringify({ ...results, load: os.loadavg() }, null, 2));
    return results;
  } finally {
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    await knex.destroy();
    await admin.destroy();
    await pgHandle.stop();
  }
}

if (require.main === module) {
  runAccountPanelBench().then(() => process.exit(0), (error: Error) => { process.stderr.write(`${error.stack ?? error.message}\n`); process.exit(1); });
}
