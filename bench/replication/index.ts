/**
 * `bench/replication`: the second site's replay lag under a write load (issue 15, ADR 0021).
 *
 *   npm run bench -- replication
 *   (shorter: BENCH_SECONDS=5 BENCH_REPLICATION_WRITERS=2 npm run bench -- replication)
 *
 * 1. Starts its own primary (embedded PostgreSQL, fresh directory under .relais/bench/) with a
 *    table of small rows (about 200 bytes each).
 * 2. Baseline: BENCH_REPLICATION_WRITERS connections insert rows one by one (each its own
 *    autocommit transaction) for BENCH_SECONDS, on the primary alone: the commit latency.
 * 3. Makes a hot standby (scripts/services/replica.ts: slot, base backup, streaming) and runs the
 *    same load again. Each insert answers the primary's WAL insert position; a reader polls the
 *    standby's pg_last_wal_replay_lsn() in a loop, and an insert's lag is the time from its
 *    acknowledgement to the first poll that found the standby past its position (resolution: one
 *    poll, well under a millisecond on one machine). Also samples PostgreSQL's own figure,
 *    pg_stat_replication.replay_lag, every 100 ms.
 * Prints lag p50/p95/p99 in seconds, the commit latency with and without the standby and their
 * ratio, with the load average beside every figure (the machine may be shared). Never a threshold.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { lsnBytes } from '../../db/replica-reads';
import { freePort } from '../../scripts/services/ports';
import { startEmbeddedPostgres } from '../../scripts/services/postgres';
import { createStandby, startStandby } from '../../scripts/services/replica';
import { percentile } from '../api/report';

const log = (line: string) => process.stdout.write(`[bench/replication] ${line}\n`);
const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw ? Number(raw) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be an integer ≥ 1 (got "${raw}").`);
  return value;
}

interface Commit { ackAt: number; latencyMs: number; lsn: bigint }

/** `writers` connections inserting one row per transaction for `seconds`: each commit's acknowledgement time, latency and WAL position. */
async function writeLoad(url: string, writers: number, seconds: number): Promise<Commit[]> {
  const commits: Commit[] = [];
  const until = performance.now() + seconds * 1000;
  const payload = crypto.randomBytes(96).toString('hex');
  await Promise.all(Array.from({ length: writers }, async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      while (performance.now() < until) {
        const started = performance.now();
        const { rows } = await client.query<{ lsn: string }>('insert into bench_rows (payload) values ($1) returning pg_current_wal_insert_lsn()::text as lsn', [payload]);
        const ackAt = performance.now();
        commits.push({ ackAt, latencyMs: ackAt - started, lsn: lsnBytes(rows[0]!.lsn) });
      }
    } finally {
      await client.end();
    }
  }));
  return commits;
}

const fmtMs = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(2)} / p95 ${percentile(sorted, 95).toFixed(2)} / p99 ${percentile(sorted, 99).toFixed(2)} ms (${sorted.length})`;
};
const fmtS = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(4)} / p95 ${percentile(sorted, 95).toFixed(4)} / p99 ${percentile(sorted, 99).toFixed(4)} s (${sorted.length})`;
};

export async function runReplicationBench(): Promise<Record<string, unknown>> {
  const seconds = intEnv('BENCH_SECONDS', 15);
  const writers = intEnv('BENCH_REPLICATION_WRITERS', 4);
  const dir = path.resolve(process.env.RELAIS_DATA_DIR ?? '.relais', 'bench', `replication-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const password = crypto.randomBytes(12).toString('hex');
  const primary = await startEmbeddedPostgres({ dataDir: path.join(dir, 'primary'), port: await freePort(), password, database: 'bench' });
  let standby: Awaited<ReturnType<typeof startStandby>> | undefined;
  try {
    const admin = new pg.Client({ connectionString: primary.adminUrl });
    await admin.connect();
    await admin.query('create table bench_rows (id bigserial primary key, payload text not null, at timestamptz not null default now())');
    log(`${writers} writers, ${seconds} s per run, one row (~200 bytes) per transaction; ${os.cpus().length} cores`);

    log(`baseline, primary alone: load average ${loadAverage()}`);
    const alone = await writeLoad(primary.adminUrl, writers, seconds);
    const aloneLat = alone.map((c) => c.latencyMs);
    log(`  commit latency alone: ${fmtMs(aloneLat)}, ${(alone.length / seconds).toFixed(0)} commits/s; load average ${loadAverage()}`);

    const replicaPort = await freePort();
    await createStandby({ primaryAdminUrl: primary.adminUrl, dataDir: path.join(dir, 'standby'), replicationPassword: crypto.randomBytes(12).toString('hex') });
    standby = await startStandby({ dataDir: path.join(dir, 'standby'), port: replicaPort });
    const replicaUrl = new URL(primary.adminUrl);
    replicaUrl.port = String(replicaPort);
    const reader = new pg.Client({ connectionString: replicaUrl.toString() });
    await reader.connect();

    // The standby's replay position, polled without pause: each poll's time and position.
    const polls: Array<{ at: number; lsn: bigint }> = [];
    const pgLag: number[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const { rows } = await reader.query<{ lsn: string }>('select pg_last_wal_replay_lsn()::text as lsn');
        polls.push({ at: performance.now(), lsn: lsnBytes(rows[0]!.lsn) });
      }
    })();
    const sampler = setInterval(() => {
      void admin.query<{ s: number | null }>("select extract(epoch from replay_lag)::float8 as s from pg_stat_replication where application_name = 'relais_replica'")
        .then((r) => { if (r.rows[0]?.s != null) pgLag.push(r.rows[0].s); }, () => undefined);
    }, 100);

    log(`with the standby streaming: load average ${loadAverage()}`);
    const replicated = await writeLoad(primary.adminUrl, writers, seconds);
    const lastLsn = replicated.reduce((m, c) => (c.lsn > m ? c.lsn : m), 0n);
    // Let the standby replay the end of the load before stopping the poller.
    while (!polls.length || polls[polls.length - 1]!.lsn < lastLsn) await new Promise((r) => setTimeout(r, 5));
    polling = false;
    clearInterval(sampler);
    await poller;
    await reader.end();
    await admin.end();

    // For each commit, the first poll after its acknowledgement that found the standby past it.
    let p = 0;
    const lags: number[] = [];
    for (const c of [...replicated].sort((a, b) => a.ackAt - b.ackAt)) {
      while (p < polls.length && polls[p]!.at < c.ackAt) p++;
      let q = p;
      while (q < polls.length && polls[q]!.lsn < c.lsn) q++;
      if (q < polls.length) lags.push((polls[q]!.at - c.ackAt) / 1000);
    }
    const replLat = replicated.map((c) => c.latencyMs);
    const ratio = percentile([...replLat].sort((a, b) => a - b), 95) / percentile([...aloneLat].sort((a, b) => a - b), 95);
    log(`  commit latency with the standby: ${fmtMs(replLat)}, ${(replicated.length / seconds).toFixed(0)} commits/s; load average ${loadAverage()}`);
    log(`  p95 commit latency ratio (with standby / alone): ${ratio.toFixed(2)}×`);
    log(`  replay lag, commit acknowledged → visible on the standby: ${fmtS(lags)}; polls every ${(seconds * 1000 / Math.max(polls.length, 1)).toFixed(3)} ms; load average ${loadAverage()}`);
    log(`  PostgreSQL's pg_stat_replication.replay_lag, sampled every 100 ms: ${pgLag.length ? fmtS(pgLag) : 'no sample'}`);
    const sorted = [...lags].sort((a, b) => a - b);
    const result = {
      at: new Date().toISOString(), writers, seconds, cores: os.cpus().length, loadAverage: os.loadavg(),
      commitAloneMs: { p50: percentile([...aloneLat].sort((a, b) => a - b), 50), p95: percentile([...aloneLat].sort((a, b) => a - b), 95), count: alone.length },
      commitReplicatedMs: { p50: percentile([...replLat].sort((a, b) => a - b), 50), p95: percentile([...replLat].sort((a, b) => a - b), 95), count: replicated.length },
      p95Ratio: ratio,
      lagSeconds: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), count: sorted.length },
    };
    fs.writeFileSync(path.join(path.dirname(dir), `replication-${Date.now()}.json`), JSON.stringify(result, null, 2));
    return result;
  } finally {
    await standby?.stop();
    await primary.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
