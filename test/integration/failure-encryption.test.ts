import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { decodeOptionalFailureToOptionalError, loadDataConverter } from '@temporalio/common/lib/internal-non-workflow';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import path from 'node:path';
import { FAILURE_CONVERTER_PATH } from '../../domain/process/failure-converter';
import { engineWorker, startInstance, testDataConverter } from '../support/engine';
import { buildPlan } from '../support/plans';
import { tenantId, testContext, type TestContext } from '../support/api';

/** Failure messages and stack traces are business data too: what Temporal stores of them is encrypted. */
describe('Temporal failure encryption', () => {
  let t: TestContext;
  let connection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let raw: Client;
  let client: Client;
  let tenant: string;
  const queue = `failures-${process.pid}`;

  beforeAll(async () => {
    t = testContext();
    tenant = await tenantId(t.admin, 'softwhere');
    connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    worker = await engineWorker(connection, queue, t.knex);
    running = worker.run();
    raw = new Client({ connection: await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! }) });
    client = new Client({ connection: raw.connection, dataConverter: testDataConverter(t.knex) });
  });
  afterAll(async () => {
    worker.shutdown();
    await running;
    await raw.connection.close();
    await connection.close();
    await t.close();
  });

  const historyBytes = async (workflowId: string) => {
    const history = await raw.workflow.getHandle(workflowId).fetchHistory();
    return { history, bytes: Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('latin1') };
  };

  it('stores an activity failure\'s message and stack encrypted, and the product still reads the message', async () => {
    const marker = `Dossier-Kevin-Casey-${process.pid}`;
    const plan = buildPlan(`fails-${process.pid}`, [
      { id: 'start', kind: 'startEvent' },
      { id: 'check', kind: 'serviceTask', activity: 'system.require', inputs: { holds: '=false', errorCode: 'REFUSED', message: marker } },
      { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'check'], ['f2', 'check', 'end']]);
    const { workflowId } = await startInstance(t.admin, client, queue, tenant, plan);
    // The activity failed (no boundary event catches it): the workflow read its message and opened an incident with it.
    let incident: { message: string } | undefined;
    for (let i = 0; i < 300 && !incident; i++) {
      incident = await t.admin('processIncidents').where({ workflowId }).first('message');
      if (!incident) await new Promise((r) => setTimeout(r, 100));
    }
    expect(incident?.message).toContain(marker);

    const { history, bytes } = await historyBytes(workflowId);
    const failed = history.events!.find((e) => e.activityTaskFailedEventAttributes)?.activityTaskFailedEventAttributes?.failure;
    expect(failed).toBeTruthy();
    expect(bytes).not.toContain(marker);
    expect(bytes).not.toContain('system.activities');
    expect(failed!.message).not.toContain(marker);
    expect(failed!.encodedAttributes).toBeTruthy();
    // Decoded with the product's converter (codec and failure converter), the message is there.
    const decoded = await decodeOptionalFailureToOptionalError(loadDataConverter(testDataConverter(t.knex)), failed);
    expect(decoded?.message).toBe(marker);
    await client.workflow.getHandle(workflowId).terminate('test over');
  });

  it('stores a workflow failure\'s message encrypted, and the product\'s client reads it', async () => {
    const marker = `Litige-Kevin-Casey-${process.pid}`;
    const bundle = await bundleWorkflowCode({
      workflowsPath: path.join(__dirname, '../fixtures/workflows/failing.workflow.ts'), failureConverterPath: FAILURE_CONVERTER_PATH,
      logger: { log: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined, trace: () => undefined },
    });
    const failing = await Worker.create({ connection, taskQueue: `${queue}-wf`, workflowBundle: bundle, dataConverter: testDataConverter(t.knex) });
    const workflowId = `${tenant}/failing/${process.pid}`;
    const outcome = await failing.runUntil(async () => {
      const handle = await client.workflow.start('failingWorkflow', { workflowId, taskQueue: `${queue}-wf`, args: [marker] });
      return handle.result().then(() => null, (error: unknown) => error);
    });
    expect(outcome).toBeInstanceOf(WorkflowFailedError);
    expect((outcome as WorkflowFailedError).cause?.message).toBe(marker);

    const { history, bytes } = await historyBytes(workflowId);
    const failure = history.events!.find((e) => e.workflowExecutionFailedEventAttributes)!.workflowExecutionFailedEventAttributes!.failure!;
    expect(bytes).not.toContain(marker);
    expect(bytes).not.toContain('failing.workflow');
    expect(failure.encodedAttributes?.metadata?.encoding && Buffer.from(failure.encodedAttributes.metadata.encoding).toString()).toBe('binary/relais-aes-256-gcm');
  });
});
