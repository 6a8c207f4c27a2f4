/**
 * `bench/telecom` — the bulk part (issue 17, ADR 0043): a durable bulk change of plan on 10,000 lines, in lines
 * per second, against the same lines' write path called alone (no workflow, no bulk bookkeeping) in the same run.
 *
 *   node --import tsx bench/telecom/bulk.ts
 *   (BENCH_BULK_LINES=10000 BENCH_BULK_CHUNK=200 BENCH_BULK_PARTS=all; `operator` runs c and d only)
 *
 * Starts its own PostgreSQL and Temporal dev server (fresh directory under .relais/bench/), migrates, makes one
 * telecom organisation with a manager and a « Mobile / Orange » fleet of 2 × BENCH_BULK_LINES lines (every tenth
 * terminated), VACUUM ANALYZE, then:
 *   a. baseline: `changeLinePlan` on the first half, one transaction per line, one after the other, as a process
 *      context would (the action alone);
 *   b. the durable bulk: `bulkRun` (Temporal, an in-process worker) on the second half, created as the API does,
 *      from its start to its `completed`, with the chunk size given.
 *   c. the sandbox operator alone (ADR 0047): `suspendLine` placed directly on the operator port (no tenant
 *      connection: the sandbox adapter, its orders tracked as the bulk's sender does) for a third set of lines,
 *      one after the other, no bulk;
 *   d. the durable bulk « Suspendre chez l'opérateur » on a fourth set: each line read, its order placed through the
 *      same port with no transaction held, the answer settled, from its start to its `completed`.
 * The operator's lines are seeded in the sandbox (`telecom_sandbox_lines`, the tenth terminated there as in Relais).
 * Prints the rates, their ratios, and the load average (the machine may be shared). Never a threshold.
 */
import '../../domain/installed-modules';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import knexFactory from 'knex';
import { createActivities } from '../../activities';
import { INSTALLED_ACTIVITY_MODULES } from '../../activities/installed-modules';
import { knexConfig } from '../../db/knexfile';
import { migrateLatest } from '../../db/migrate';
import { ensureTenant } from '../../db/seed';
import { withTenant } from '../../db/tenant-scope';
import { createBulkRun } from '../../domain/core/bulk-runs';
import { processContext } from '../../domain/core/process-context';
import { findBulkAction } from '../../domain/modules/registry';
import { FAILURE_CONVERTER_PATH } from '../../domain/process/failure-converter';
import { processDataConverter } from '../../domain/process/payload-codec';
import { changeLinePlan } from '../../domain/telecom/line-actions';
import { telecomPorts } from '../../activities/telecom/ports';
import { resetEnvCache } from '../../config/env';
import { freePort } from '../../scripts/services/ports';
import { ensureAppLogin, startEmbeddedPostgres } from '../../scripts/services/postgres';
import { startTemporalDevServer } from '../../scripts/services/temporal-dev-server';
import { seedLineFleet } from '../../test/support/telecom-lines';
import { WORKFLOW_PRELOAD_MODULES, WORKFLOWS_PATH } from '../../worker/create-worker';
import type { bulkRun } from '../../workflows/core/bulk-run.workflow';
import { BULK_WORKFLOW } from '../../workflows/core/bulk-run.contract';

const ROOT = path.resolve(__dirname, '../..');
const QUEUE = 'bench-telecom-bulk';
const log = (line: string) => process.stdout.write(`[bench/telecom bulk] ${line}\n`);
const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw ? Number(raw.replace(/_/g, '')) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be an integer ≥ 1 (got "${raw}").`);
  return value;
}

export async function runBulkBench(): Promise<Record<string, unknown>> {
  const n = intEnv('BENCH_BULK_LINES', 10_000);
  // The operator port opens the tenant's connections with the secret box (none here: the sandbox).
  process.env.RELAIS_SECRET_KEY ??= crypto.randomBytes(24).toString('hex');
  resetEnvCache();
  const chunkSize = intEnv('BENCH_BULK_CHUNK', 200);
  const parts = process.env.BENCH_BULK_PARTS ?? 'all';
  if (parts !== 'all' && parts !== 'operator') throw new Error(`BENCH_BULK_PARTS must be "all" or "operator" (got "${parts}").`);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = path.join(ROOT, '.relais', 'bench', `telecom-bulk-${stamp}`);
  fs.mkdirSync(dir, { recursive: true });
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // installed already
  }
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port: await freePort(), password: crypto.randomBytes(18).toString('base64url'), database: 'relais_bench' });
  const temporal = await startTemporalDevServer({ port: await freePort(), uiPort: await freePort(), logFile: path.join(dir, 'temporal.log') });
  const admin = knexFactory(knexConfig(pg.adminUrl, 2));
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let native: NativeConnection | undefined;
  let connection: Connection | undefined;
  let knex: ReturnType<typeof knexFactory> | undefined;
  try {
    await migrateLatest(pg.adminUrl);
    knex = knexFactory(knexConfig(await ensureAppLogin(pg.adminUrl, 'relais_bench_app', crypto.randomBytes(12).toString('hex')), 10));
    const tenantId = await ensureTenant(admin, { slug: 'bench-telecom', name: 'Bench telecom', verticals: ['telecom'] });
    const t0 = performance.now();
    const fleet = await seedLineFleet(admin, tenantId, 4 * n, 10);
    const [baselineIds, bulkIds, sandboxIds, operatorBulkIds] = [0, 1, 2, 3].map((k) => fleet.lineIds.slice(k * n, (k + 1) * n)) as [string[], string[], string[], string[]];
    // The last two sets have an operator id, and the operator (the sandbox) knows their lines.
    const operatorLines = [...sandboxIds, ...operatorBulkIds];
    await admin.raw("update telecom_lines set operator_refs = jsonb_build_object('lineId', 'SNAIC-' || id::text) where id = any(?::uuid[])", [operatorLines]);
    await admin.raw(`insert into telecom_sandbox_lines (tenant_id, operator_key, id, number, product_code, status, activated_on)
      select tenant_id, 'snaic', operator_refs ->> 'lineId', number, 'MOB-20GO', status, activated_on from telecom_lines where id = any(?::uuid[])`, [operatorLines]);
    await admin.raw('vacuum analyze');
    log(`${4 * n} lines inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s; load ${loadAverage()}`);
    const action = findBulkAction('telecom.change-plan')!;

    // The worker and client the durable bulks run on.
    const dataConverter = processDataConverter(knex, crypto.randomBytes(32).toString('hex'));
    native = await NativeConnection.connect({ address: temporal.address });
    const workflowBundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, preloadModules: WORKFLOW_PRELOAD_MODULES, failureConverterPath: FAILURE_CONVERTER_PATH, logger: new DefaultLogger('WARN') });
    worker = await Worker.create({ connection: native, taskQueue: QUEUE, workflowBundle, dataConverter, activities: createActivities({ knex, loadPlan: async () => undefined, modules: INSTALLED_ACTIVITY_MODULES }) });
    running = worker.run();
    connection = await Connection.connect({ address: temporal.address });
    const client = new Client({ connection, dataConverter });
    let result: Record<string, unknown> = { lines: n, chunkSize };
    if (parts === 'all') {
      // a. The write path alone, one line per transaction.
      const a0 = performance.now();
      for (const id of baselineIds) {
        await withTenant({ tenantId }, (trx) => changeLinePlan(processContext(trx, tenantId, 'bench', action.permissions), id, { planId: fleet.planIds[1] }), knex).catch(() => undefined);
      }
      const alone = n / ((performance.now() - a0) / 1000);
      log(`a. changeLinePlan alone: ${n} lines → ${alone.toFixed(0)} lines/s (load ${loadAverage()})`);

      // b. The durable bulk through Temporal.
      const b0 = performance.now();
      const run = await withTenant({ tenantId }, (trx) => createBulkRun(processContext(trx, tenantId, 'bench', [action.permission]), action, bulkIds, { planId: fleet.planIds[1] }), knex);
      await client.workflow.execute<typeof bulkRun>(BULK_WORKFLOW.run, { workflowId: run.workflowId, taskQueue: QUEUE, args: [{ tenantId, runId: run.id, chunkSize }] });
      const bulk = n / ((performance.now() - b0) / 1000);
      const counts = await admin('bulkRuns').where({ id: run.id }).first('status', 'done', 'refused', 'failed');
      log(`b. durable bulk (chunks of ${chunkSize}): ${n} lines → ${bulk.toFixed(0)} lines/s (load ${loadAverage()}); ${JSON.stringify(counts)}`);
      log(`ratio bulk / alone: ${(bulk / alone).toFixed(2)}`);
      result = { ...result, aloneLinesPerSecond: alone, bulkLinesPerSecond: bulk, ratio: bulk / alone, counts };
    }

    // c. The sandbox operator alone: the same suspend orders, placed directly on the port, one after the other.
    const ports = telecomPorts({ knex });
    const c0 = performance.now();
    let placed = 0;
    for (const id of sandboxIds) {
      const port = await ports.operator(tenantId, 'snaic');
      placed += await port.suspendLine({ reference: `bench/${id}`, operatorLineId: `SNAIC-${id}` }).then(() => 1, () => 0);
    }
    const sandbox = n / ((performance.now() - c0) / 1000);
    log(`c. sandbox operator alone: ${n} suspend orders (${placed} placed, the terminated refused) → ${sandbox.toFixed(0)} lines/s (load ${loadAverage()})`);

    // d. The durable bulk through the operator.
    const suspend = findBulkAction('telecom.suspend')!;
    const d0 = performance.now();
    const operatorRun = await withTenant({ tenantId }, (trx) => createBulkRun(processContext(trx, tenantId, 'bench', [suspend.permission]), suspend, operatorBulkIds, {}), knex);
    await client.workflow.execute<typeof bulkRun>(BULK_WORKFLOW.run, { workflowId: operatorRun.workflowId, taskQueue: QUEUE, args: [{ tenantId, runId: operatorRun.id, chunkSize }] });
    const operatorBulk = n / ((performance.now() - d0) / 1000);
    const operatorCounts = await admin('bulkRuns').where({ id: operatorRun.id }).first('status', 'done', 'refused', 'failed');
    log(`d. durable bulk « Suspendre chez l'opérateur »: ${n} lines → ${operatorBulk.toFixed(0)} lines/s (load ${loadAverage()}); ${JSON.stringify(operatorCounts)}`);
    log(`ratio operator bulk / sandbox alone: ${(operatorBulk / sandbox).toFixed(2)}`);
    return { ...result, sandboxAloneLinesPerSecond: sandbox, operatorBulkLinesPerSecond: operatorBulk, operatorRatio: operatorBulk / sandbox, operatorCounts };
  } finally {
    worker?.shutdown();
    await running?.catch(() => undefined);
    await native?.close();
    await connection?.close();
    await knex?.destroy();
    await admin.destroy();
    await temporal.stop();
    await pg.stop();
  }
}

if (require.main === module) {
  runBulkBench().then(() => process.exit(0), (error: Error) => { process.stderr.write(`${error.stack ?? error.message}\n`); process.exit(1); });
}
