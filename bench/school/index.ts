/**
 * `bench/school` (issue 18, spec 004 constraint 4: « temps de réponse maximal de 2 secondes »): the student
 * registry at BENCH_STUDENTS students (100,000) with BENCH_CONNECTIONS (50) concurrent users.
 *
 *   LOG_LEVEL=silent npm run bench -- school
 *   (BENCH_STUDENTS=100000 BENCH_CONNECTIONS=50 BENCH_SECONDS=10; a smoke run: BENCH_STUDENTS=5000 BENCH_SECONDS=3)
 *
 * 1. Its own PostgreSQL (fresh directory under .relais/bench/), migrated and demo-seeded; the real API in a child
 *    process (bench/api/app-process.ts), signed in as school-office@acme-school.demo.
 * 2. The import: a workbook of BENCH_STUDENTS rows in the specification's layout (test/fixtures/school) sent to
 *    `POST /api/v1/school/students/import` (the whole path: xlsx reading, the four transformations, NIR checks,
 *    sealing, upsert on the NIR); baseline in the same run: a raw COPY of the same rows, already transformed
 *    and sealed, into `school_students` of another organisation. Prints both durations, rows per second, the ratio.
 * 3. Under load, per scenario: autocannon with BENCH_CONNECTIONS connections for BENCH_SECONDS, then the SQL the
 *    API sent for the same requests replayed through pg with as many loops (bench/api's method): the registry
 *    list, a filtered list, the search by name and the search by NIR. Prints p50/p95/p99, throughput, the ratio,
 *    and whether the API's p95 is under 2 s. Never a threshold in a test: figures go to docs/performance.md.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { knexConfig } from '../../db/knexfile';
import { migrateLatest } from '../../db/migrate';
import { seed } from '../../db/seed';
import { DEMO_PASSWORD, demoEmail } from '../../db/seeds/demo-tenants';
import { createSecretBox } from '../../domain/core/secret-box';
import { nirLookupHash, nirSealContext } from '../../domain/school/nir';
import { freePort } from '../../scripts/services/ports';
import { ensureAppLogin, startEmbeddedPostgres } from '../../scripts/services/postgres';
import { apiIdle, capture, explain, Resources, startApp, configFromEnv as apiConfigFromEnv } from '../api';
import { loadApi, SqlLoad } from '../api/load';
import { markdownTable, textTable } from '../api/report';
import type { Measurement } from '../api/types';
import { benchStudentRows, type BenchStudentRow, writeStudentWorkbook } from '../../test/fixtures/school/student-workbook';

const log = (line: string) => process.stdout.write(`[bench/school] ${line}\n`);
const TARGET_MS = 2000;

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw ? Number(raw.replace(/_/g, '')) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be an integer ≥ 1 (got "${raw}").`);
  return value;
}

/** One row as COPY's text format wants it (tab-separated, \N for null, backslashes escaped). */
function copyLine(values: Array<string | number | null>): string {
  return `${values.map((v) => (v === null ? '\\N' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n'))).join('\t')}\n`;
}

/** The COPY baseline: the rows already transformed and sealed, written by PostgreSQL's fastest path. */
async function copyBaseline(adminUrl: string, tenantId: string, rows: BenchStudentRow[], secret: string): Promise<{ prepareMs: number; copyMs: number }> {
  const box = createSecretBox(secret);
  const t0 = performance.now();
  const lines = rows.map((r, i) => copyLine([
    tenantId, i + 1, r.lastName, r.firstName, box.seal(r.nir, nirSealContext(tenantId)), nirLookupHash(r.nir, secret, tenantId), r.nir.slice(-4),
    r.status, r.address, r.postalCode, r.city, r.personalPhone, r.professionalPhone, r.cursus,
  ]));
  const prepareMs = performance.now() - t0;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const t1 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const stream = client.query(copyFrom(`copy school_students (tenant_id, number, last_name, first_name, nir_sealed, nir_hash, nir_last_digits,
        status, address, postal_code, city, personal_phone, professional_phone, cursus) from stdin`));
      stream.on('error', reject);
      stream.on('finish', () => resolve());
      for (const line of lines) stream.write(line);
      stream.end();
    });
    return { prepareMs, copyMs: performance.now() - t1 };
  } finally {
    await client.end();
  }
}

interface SchoolScenario { name: string; shape: string; paths: string[] }

function scenarios(rows: BenchStudentRow[]): SchoolScenario[] {
  const names = [...new Set(rows.slice(0, 4000).map((r) => r.lastName.toLowerCase()))].slice(0, 40);
  const prefixes = names.map((n) => n.slice(0, 4)).filter((n, i, all) => all.indexOf(n) === i).slice(0, 20);
  const cursus = [...new Set(rows.slice(0, 1000).map((r) => r.cursus))];
  const nirs = rows.filter((_, i) => i % 997 === 0).slice(0, 60).map((r) => r.nir);
  return [
    { name: 'registry list', shape: '/api/v1/school/students?limit=50', paths: ['/api/v1/school/students?limit=50'] },
    {
      name: 'filtered list (status, cursus)', shape: '/api/v1/school/students?status=<…>&cursus=<…>&limit=50',
      paths: ['enrolled', 'alumni', 'prospect'].flatMap((s) => cursus.map((c) => `/api/v1/school/students?status=${s}&cursus=${encodeURIComponent(c)}&limit=50`)),
    },
    {
      name: 'search by name', shape: `/api/v1/school/students?q=<one of ${names.length + prefixes.length} surnames and prefixes>&limit=50`,
      paths: [...names, ...prefixes].map((q) => `/api/v1/school/students?q=${encodeURIComponent(q)}&limit=50`),
    },
    {
      name: 'search by NIR', shape: `/api/v1/school/students?nir=<one of ${nirs.length} NIRs>`,
      paths: nirs.map((n) => `/api/v1/school/students?nir=${n}`),
    },
  ];
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');

export async function runSchoolBench(): Promise<Record<string, unknown>> {
  const studentCount = intEnv('BENCH_STUDENTS', 100_000);
  const config = { ...apiConfigFromEnv(), connections: intEnv('BENCH_CONNECTIONS', 50), seconds: intEnv('BENCH_SECONDS', 10) };
  const res = new Resources();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const benchRoot = path.join(config.rootDir, '.relais', 'bench');
  res.dataDir = path.join(benchRoot, `school-${stamp}`);
  fs.mkdirSync(res.dataDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString('base64url');
  try {
    res.pg = await startEmbeddedPostgres({ dataDir: path.join(res.dataDir, 'postgres'), port: await freePort(), password: crypto.randomBytes(18).toString('base64url'), database: 'relais_bench' });
    await migrateLatest(res.pg.adminUrl);
    const appUrl = await ensureAppLogin(res.pg.adminUrl, 'relais_api', crypto.randomBytes(18).toString('base64url'));
    const admin = knexFactory(knexConfig(res.pg.adminUrl, 2));
    let copyTenantId: string;
    try {
      await seed(admin, { demo: true });
      [{ id: copyTenantId }] = await admin('tenants').insert({ slug: 'bench-copy', name: 'Bench COPY' }).returning('id');
    } finally {
      await admin.destroy();
    }

    const rows = benchStudentRows(studentCount, 18);
    const workbook = path.join(res.dataDir, 'registre.xlsx');
    const w0 = performance.now();
    await writeStudentWorkbook(workbook, rows);
    log(`${studentCount} rows generated and written to a workbook of ${(fs.statSync(workbook).size / 2 ** 20).toFixed(1)} MiB in ${((performance.now() - w0) / 1000).toFixed(1)} s`);

    const baseline = await copyBaseline(res.pg.adminUrl, copyTenantId, rows, secret);
    log(`COPY baseline: ${studentCount} rows in ${(baseline.copyMs / 1000).toFixed(2)} s (${(studentCount / baseline.copyMs * 1000).toFixed(0)} rows/s), after ${(baseline.prepareMs / 1000).toFixed(2)} s transforming and sealing them in this process`);

    const port = await startApp(res, config, {
      NODE_ENV: 'production', DATABASE_URL: appUrl, DATABASE_POOL_MAX: String(config.appPool), JWT_SECRET: crypto.randomBytes(32).toString('hex'),
      RELAIS_SECRET_KEY: secret, RELAIS_DATA_DIR: res.dataDir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', PORT: String(await freePort()), BENCH_API_WORKERS: '1',
    }, path.join(res.dataDir, 'api.log'));
    const baseUrl = `http://127.0.0.1:${port}`;
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: demoEmail('school-office', 'acme-school'), password: DEMO_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`Sign-in as school-office@acme-school.demo failed: ${login.status} ${await login.text()}`);
    const { accessToken } = (await login.json()) as { accessToken: string };

    // The import through the API, as the school office sends it.
    const form = new FormData();
    form.append('file', new Blob([fs.readFileSync(workbook)]), 'registre.xlsx');
    const i0 = performance.now();
    const imported = await fetch(`${baseUrl}/api/v1/school/students/import`, { method: 'POST', headers: { authorization: `Bearer ${accessToken}` }, body: form });
    const importMs = performance.now() - i0;
    const report = (await imported.json()) as { rows?: Array<{ outcome: string }> };
    if (imported.status !== 200) throw new Error(`The import answered ${imported.status}: ${JSON.stringify(report).slice(0, 300)}`);
    const outcomes: Record<string, number> = {};
    for (const r of report.rows ?? []) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
    log(`API import: ${studentCount} rows in ${(importMs / 1000).toFixed(2)} s (${(studentCount / importMs * 1000).toFixed(0)} rows/s; ${JSON.stringify(outcomes)}); ` +
      `ratio import / COPY ${(importMs / baseline.copyMs).toFixed(1)}× the time, COPY's throughput ×${(baseline.copyMs / importMs).toFixed(3)}`);
    const vac = new pg.Client({ connectionString: res.pg.adminUrl });
    await vac.connect();
    await vac.query('vacuum analyze school_students').finally(() => vac.end());
    // The same file again: every row unchanged (what the daily import does most days).
    const form2 = new FormData();
    form2.append('file', new Blob([fs.readFileSync(workbook)]), 'registre.xlsx');
    const r0 = performance.now();
    const again = await fetch(`${baseUrl}/api/v1/school/students/import?dryRun=true`, { method: 'POST', headers: { authorization: `Bearer ${accessToken}` }, body: form2 });
    await again.arrayBuffer();
    const dryRunMs = performance.now() - r0;
    log(`the same file again as a dry run (${again.status}): ${(dryRunMs / 1000).toFixed(2)} s`);

    res.sql = await SqlLoad.start(appUrl, config.sqlThreads, config.sqlPool);
    const load = { connections: config.connections, seconds: config.seconds, timeoutSeconds: config.timeoutSeconds };
    const warm = { ...load, seconds: config.warmupSeconds };
    const table: string[][] = [['scenario', 'API p50', 'API p95', 'API p99', 'API req/s', 'SQL p95', 'SQL tx/s', 'req/s API/SQL', `API p95 < ${TARGET_MS} ms`, 'load']];
    const results: Array<{ name: string; api: Measurement; sql: Measurement }> = [];
    for (const s of scenarios(rows)) {
      const { transactions } = await capture(res.app!, baseUrl, accessToken, s.paths, 1);
      // BENCH_EXPLAIN=1: the plan of the scenario's first request, as the app role in its row-level security context.
      if (config.explain) log(`EXPLAIN ${s.name} — ${s.paths[0]}\n${await explain(appUrl, transactions[0]!, /from "school_students"/)}`);
      const nextPath = () => s.paths[Math.floor(Math.random() * s.paths.length)]!;
      if (config.warmupSeconds > 0) await loadApi(baseUrl, accessToken, nextPath, warm);
      await apiIdle(res.app!, () => res.stopping);
      const api = await loadApi(baseUrl, accessToken, nextPath, load);
      await apiIdle(res.app!, () => res.stopping);
      const sql = await res.sql.run(transactions, load);
      results.push({ name: s.name, api, sql });
      table.push([s.name, ms(api.p50), ms(api.p95), ms(api.p99), api.perSecond.toFixed(0), ms(sql.p95), sql.perSecond.toFixed(0),
        `${(api.perSecond / sql.perSecond).toFixed(2)}×`, api.errors ? `no (${api.errors} errors)` : api.p95 < TARGET_MS ? 'yes' : 'NO', os.loadavg()[0]!.toFixed(1)]);
      log(`${s.name}: API p95 ${ms(api.p95)} ms at ${api.perSecond.toFixed(0)} req/s (${api.errors} errors); SQL p95 ${ms(sql.p95)} ms at ${sql.perSecond.toFixed(0)} tx/s`);
    }
    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM; Node ${process.version}`;
    const summary = {
      date: new Date().toISOString(), machine, students: studentCount, connections: config.connections, seconds: config.seconds,
      import: { apiMs: importMs, copyMs: baseline.copyMs, prepareMs: baseline.prepareMs, ratio: importMs / baseline.copyMs, outcomes, dryRunAgainMs: dryRunMs },
      scenarios: results,
    };
    process.stdout.write(`\n${machine}\n${studentCount} students, ${config.connections} connections, ${config.seconds} s per run\n\n${textTable(table)}\n\n`);
    const out = path.join(benchRoot, `school-${stamp}.json`);
    fs.writeFileSync(out, JSON.stringify(summary, null, 2));
    fs.writeFileSync(out.replace(/\.json$/, '.md'), `${machine}\n\n${markdownTable(table)}\n`);
    log(`results written to ${path.relative(config.rootDir, out)} (and .md)`);
    return summary;
  } finally {
    await res.close(false);
  }
}

if (require.main === module) {
  runSchoolBench().then(() => process.exit(0), (error: Error) => { process.stderr.write(`[bench/school] ${error.stack ?? error.message}\n`); process.exit(1); });
}
