/**
 * `bench/api/ab.ts`: the API's CPU per request of two or more builds of the
 * app (source trees), on one database, measured in alternating slices so that
 * a machine shared with other programs disturbs every arm alike.
 *
 *   BENCH_AB_ARMS="before=/tmp/relais-before;after=.;after-semi64=.:--max-semi-space-size=64" \
 *     node --import tsx bench/api/ab.ts
 *
 * Each arm is `name=tree[:node flags]`: that tree's bench/api/app-process.ts is
 * started (the same knobs as bench/api: DATABASE_POOL_MAX 10, LOG_LEVEL info).
 * The database is seeded once (BENCH_ACCOUNTS, as bench/api). Per scenario
 * (BENCH_ONLY as bench/api), BENCH_AB_ROUNDS rounds; in each, every arm in turn
 * gets a warm-up and BENCH_AB_SLICE seconds of load at BENCH_CONNECTIONS
 * connections, its process's CPU read from /proc before and after. Prints, per
 * arm, requests per second and the API's CPU ms per request (sums over the
 * rounds), with the median of the rounds' CPU ms per request and latencies.
 */
import { fork, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import pg from 'pg';
import { knexConfig } from '../../db/knexfile';
import { migrateLatest } from '../../db/migrate';
import { seed } from '../../db/seed';
import { DEMO_PASSWORD, DEMO_TENANTS, demoEmail } from '../../db/seeds/demo-tenants';
import { freePort } from '../../scripts/services/ports';
import { ensureAppLogin, startEmbeddedPostgres } from '../../scripts/services/postgres';
import { loadApi } from './load';
import { scenarios } from './scenarios';
import { bulkSeedTenant } from './seed';

interface Arm { name: string; root: string; nodeArgs: string[]; app?: ChildProcess; port?: number }

const env = process.env;
const log = (m: string) => process.stdout.write(`[bench/api/ab] ${m}\n`);
const ticks = (pid: number) => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
};

function arms(): Arm[] {
  return (env.BENCH_AB_ARMS ?? 'after=.').split(';').filter(Boolean).map((spec) => {
    const name = spec.slice(0, spec.indexOf('='));
    const [root, ...flags] = spec.slice(spec.indexOf('=') + 1).split(':');
    return { name, root: path.resolve(root!), nodeArgs: flags.join(':').split(' ').filter(Boolean) };
  });
}

function startArm(arm: Arm, appEnv: Record<string, string>, logFile: string): Promise<number> {
  const fd = fs.openSync(logFile, 'a');
  const child = fork(path.join(arm.root, 'bench/api/app-process.ts'), [], {
    cwd: arm.root, execArgv: ['--import', 'tsx', ...arm.nodeArgs], stdio: ['ignore', fd, fd, 'ipc'], env: { ...process.env, ...appEnv },
  });
  fs.closeSync(fd);
  arm.app = child;
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${arm.name}: the API exited (${code}); see ${logFile}`)));
    child.on('message', (m: { type: string; port?: number }) => { if (m.type === 'ready') resolve(m.port!); });
  });
}

async function main(): Promise<void> {
  const accounts = Number(env.BENCH_ACCOUNTS ?? 100_000);
  const rounds = Number(env.BENCH_AB_ROUNDS ?? 5);
  const slice = Number(env.BENCH_AB_SLICE ?? 4);
  const connections = Number(env.BENCH_CONNECTIONS ?? 50);
  const only = env.BENCH_ONLY ? env.BENCH_ONLY.split(',') : ['list', 'detail'];
  const dir = path.resolve(__dirname, '../../.relais/bench', `ab-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  fs.mkdirSync(dir, { recursive: true });
  const handle = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port: await freePort(), password: crypto.randomBytes(18).toString('base64url'), database: 'relais_bench' });
  const all = arms();
  try {
    await migrateLatest(handle.adminUrl);
    const appUrl = await ensureAppLogin(handle.adminUrl, 'relais_api', crypto.randomBytes(18).toString('base64url'));
    const knexAdmin = knexFactory(knexConfig(handle.adminUrl, 2));
    try { await seed(knexAdmin, { demo: true }); } finally { await knexAdmin.destroy(); }
    const admin = new pg.Client({ connectionString: handle.adminUrl });
    await admin.connect();
    let ids: string[];
    try {
      await admin.query('set synchronous_commit = off');
      await bulkSeedTenant(admin, 'softwhere', accounts, 0.42);
      for (const [i, t] of DEMO_TENANTS.filter((d) => d.slug !== 'softwhere').entries()) await bulkSeedTenant(admin, t.slug, 1_000, 0.1 + i / 10);
      await admin.query('vacuum analyze');
      await admin.query('select setseed(0.7)');
      ids = (await admin.query<{ id: string }>("select a.id from accounts a join tenants t on t.id = a.tenant_id where t.slug = 'softwhere' order by random() limit 500")).rows.map((r) => r.id);
    } finally {
      await admin.end();
    }
    log(`seeded ${accounts} accounts`);
    const appEnv = { NODE_ENV: 'production', DATABASE_URL: appUrl, DATABASE_POOL_MAX: '10', JWT_SECRET: crypto.randomBytes(32).toString('hex'), RELAIS_DATA_DIR: dir, LOG_LEVEL: 'info', BENCH_API_WORKERS: '1' };
    for (const arm of all) arm.port = await startArm(arm, { ...appEnv, PORT: String(await freePort()) }, path.join(dir, `api-${arm.name}.log`));
    const login = await fetch(`http://127.0.0.1:${all[0]!.port}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: demoEmail('manager', 'softwhere'), password: DEMO_PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const lines: string[] = [`${os.cpus().length} × ${os.cpus()[0]?.model}; Node ${process.version}; ${accounts} accounts; ${connections} connections; ${rounds} rounds of ${slice} s per arm; ${new Date().toISOString()}`];
    for (const s of scenarios(ids, 60).filter((sc) => only.some((o) => sc.name.includes(o)))) {
      const sums = new Map(all.map((a) => [a.name, { requests: 0, seconds: 0, ticks: 0, perRound: [] as number[], load: [] as number[], p50: [] as number[], p95: [] as number[] }]));
      for (let round = 0; round < rounds; round++) {
        for (const arm of round % 2 ? [...all].reverse() : all) {
          const base = `http://127.0.0.1:${arm.port}`;
          const next = () => s.paths[Math.floor(Math.random() * s.paths.length)]!;
          await loadApi(base, accessToken, next, { connections, seconds: 1, timeoutSeconds: 60 });
          await new Promise((r) => setTimeout(r, 300));
          const t0 = ticks(arm.app!.pid!);
          const m = await loadApi(base, accessToken, next, { connections, seconds: slice, timeoutSeconds: 60 });
          await new Promise((r) => setTimeout(r, 300));
          const used = ticks(arm.app!.pid!) - t0;
          const sum = sums.get(arm.name)!;
          sum.requests += m.count; sum.seconds += m.seconds; sum.ticks += used; sum.load.push(os.loadavg()[0]!);
          sum.perRound.push(m.count ? (used * 10) / m.count : Number.NaN);
          sum.p50.push(m.p50); sum.p95.push(m.p95);
        }
      }
      for (const arm of all) {
        const sum = sums.get(arm.name)!;
        const mid = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
        const median = mid(sum.perRound);
        lines.push(`${s.name} | ${arm.name} | ${(sum.requests / sum.seconds).toFixed(0)} req/s | API CPU ${((sum.ticks * 10) / sum.requests).toFixed(2)} ms/req ` +
          `(median of rounds ${median.toFixed(2)}; rounds ${sum.perRound.map((v) => v.toFixed(2)).join(' ')}) | p50 ${mid(sum.p50).toFixed(1)} ms, p95 ${mid(sum.p95).toFixed(1)} ms (medians of rounds) | load ${Math.min(...sum.load).toFixed(1)}–${Math.max(...sum.load).toFixed(1)}`);
        log(lines[lines.length - 1]!);
      }
    }
    fs.writeFileSync(path.join(dir, 'ab.txt'), `${lines.join('\n')}\n`);
    process.stdout.write(`\n${lines.join('\n')}\n`);
  } finally {
    for (const arm of all) arm.app?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    await handle.stop().catch(() => undefined);
  }
}

main().then(() => process.exit(0), (e: Error) => { process.stderr.write(`${e.stack}\n`); process.exit(1); });
