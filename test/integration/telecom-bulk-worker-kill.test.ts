import type { ChildProcess } from 'node:child_process';
import request from 'supertest';
import type { bulkRun } from '../../workflows/core/bulk-run.workflow';
import { BULK_WORKFLOW } from '../../workflows/core/bulk-run.contract';
import { loginAs, TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { seedLineFleet, type LineFleet } from '../support/telecom-lines';
import { spawnWorker, until } from '../support/worker-process';

/**
 * A bulk change of plan whose worker is killed (SIGKILL) in the middle of a line, then started again
 * (spec 002 §5.4 « survives a worker restart », ADR 0043): the run resumes where it was, in small chunks
 * that continue as new, and every line is changed exactly once (one version more, one history entry).
 */
const QUEUE = `${TASK_QUEUE}-bulk-kill`;
/** The API's start goes to a queue no worker serves; the test starts the same run with a short heartbeat on QUEUE. */
const PARKED = `${TASK_QUEUE}-bulk-parked`;

describe('telecom bulk: the worker killed mid-run', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  let token: string;
  let worker: ChildProcess;
  let fleet: LineFleet;

  beforeAll(async () => {
    t = testContext({ taskQueue: PARKED });
    tenant = await createOwnTenant(t.admin, 'bulk-kill', ['telecom']);
    token = (await loginAs(t.app, 'manager', tenant.slug)).accessToken;
    fleet = await seedLineFleet(t.admin, tenant.tenantId, 120, 10);
    worker = await spawnWorker({ TEMPORAL_TASK_QUEUE: QUEUE });
  });

  afterAll(async () => {
    if (worker?.exitCode === null) worker.kill('SIGKILL');
    await t?.close();
  });

  it('resumes after SIGKILL and changes each line once', async () => {
    const report = async (id: string) => (await request(t.app).get(`/api/v1/telecom/bulk/${id}`).set('Authorization', `Bearer ${token}`)).body;
    const hold = await t.admin.transaction();
    let id: string;
    try {
      // The 60th line is held: the worker dies while applying it.
      await hold('telecomLines').where({ id: fleet.lineIds[59] }).forUpdate();
      const { rows: [holder] } = await hold.raw<{ rows: Array<{ pid: number }> }>('select pg_backend_pid() as pid');
      const started = await request(t.app).post('/api/v1/telecom/bulk').set('Authorization', `Bearer ${token}`)
        .send({ action: 'change-plan', lineIds: fleet.lineIds, params: { planId: fleet.planIds[1] } });
      expect(started.status).toBe(202);
      id = started.body.id;
      const client = await t.deps.temporal();
      await client.workflow.getHandle(started.body.workflowId).terminate('moved to the test worker');
      await client.workflow.start<typeof bulkRun>(BULK_WORKFLOW.run, {
        workflowId: started.body.workflowId, taskQueue: QUEUE,
        args: [{ tenantId: tenant.tenantId, runId: id, chunkSize: 25, chunksPerRun: 2, heartbeatTimeoutMs: 2_000 }],
      });
      // Two chunks of 25 committed, the third waiting on the held line.
      await until('the run to wait on the held line', async () => {
        const { rows: [blocked] } = await t.admin.raw<{ rows: Array<{ n: number }> }>('select count(*)::int as n from pg_stat_activity where ? = any(pg_blocking_pids(pid))', [holder!.pid]);
        return blocked!.n > 0 ? true : undefined;
      });
      expect(await report(id)).toMatchObject({ done: 45, refused: 5 });
      worker.kill('SIGKILL');
      await new Promise((r) => worker.once('exit', r));
    } finally {
      await hold.rollback();
    }
    worker = await spawnWorker({ TEMPORAL_TASK_QUEUE: QUEUE });

    const run = await until('the run to complete', async () => {
      const body = await report(id!);
      return body.status === 'completed' ? body : undefined;
    }, 90_000);
    expect(run).toMatchObject({ total: 120, done: 108, refused: 12, failed: 0 });
    const lines = await t.admin('telecomLines').whereIn('id', fleet.lineIds).whereNot({ status: 'terminated' }).select('version', 'planId');
    expect(lines).toHaveLength(108);
    expect(lines.every((l) => l.version === 2 && l.planId === fleet.planIds[1])).toBe(true);
    expect(await t.admin('history').where({ tenantId: tenant.tenantId, recordType: 'telecom-line' }).whereIn('recordId', fleet.lineIds).count<{ count: string }[]>('* as count')).toEqual([{ count: 108 }]);
  });
});
