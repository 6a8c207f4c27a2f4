import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { commsActivities } from '../../activities/comms/comms.wiring';
import { createDailyImportActivities } from '../../activities/school/import-daily.activities';
import { MODULE_JOB_WORKFLOW, type ModuleJobResult } from '../../workflows/core/module-job.contract';
import { SCHOOL_DAILY_IMPORT_JOB, type DailyImportOutcome } from '../../workflows/school/import-daily.contract';
import { benchStudentRows, trickyStudentRows, writeStudentWorkbook } from '../fixtures/school/student-workbook';
import { testContext, type TestContext } from '../support/api';
import { resultSkippingTime, testDataConverter, timeSkippingEnv, workflowBundle } from '../support/engine';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * The daily import on Temporal's time-skipping server (issue 18, ADR 0050): the day's file picked from the
 * organisation's drop folder, imported with the saved mapping, the report mailed to the registry's owner (NIRs
 * masked, nothing personal in Temporal's history); a day without a new file retried, then flagged (a failed run,
 * the owner mailed), never skipped silently.
 */
describe('school daily import (time-skipping Temporal)', () => {
  let t: TestContext;
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let tenant: OwnTenant;
  let owner: string;
  const taskQueue = `school-import-daily-${process.pid}`;
  const dataDir = path.join(process.env.RELAIS_DATA_DIR!, `school-import-daily-${process.pid}`);
  const tricky = trickyStudentRows(7_000_000);
  const rows = [...tricky.map((r) => r.row), ...benchStudentRows(20, 3).map((r, i) => ({ ...r, nir: trickyStudentRows(7_100_000 + i * 10)[0]!.row[1] }))];

  const start = async (day: string, attempt = 1) => {
    const workflowId = `school-daily-import-test-${day}-${attempt}-${process.pid}`;
    await env.client.workflow.start(MODULE_JOB_WORKFLOW, { taskQueue, workflowId, args: [{ ...SCHOOL_DAILY_IMPORT_JOB, listInput: { tenantIds: [tenant.tenantId], day } }] });
    const result = await resultSkippingTime<ModuleJobResult>(env, workflowId);
    return { workflowId, outcomes: result.results as DailyImportOutcome[] };
  };
  const mailsTo = (runId: string) => t.admin('messages').where({ tenantId: tenant.tenantId, recipient: owner, channel: 'mail' }).whereLike('idempotencyKey', `school.import/${runId}/%`).select('subject', 'body');

  beforeAll(async () => {
    t = testContext();
    env = await timeSkippingEnv(t.knex);
    tenant = await createOwnTenant(t.admin, 'school-import', ['school']);
    owner = (await t.admin('users').where({ id: tenant.userIds['school-lead'] }).first('email')).email;
    await t.admin('schoolImportSettings').insert({ tenantId: tenant.tenantId, dropFolder: 'depot', ownerUserId: tenant.userIds['school-lead'], enabled: true, hour: 6 });
    const folder = path.join(dataDir, 'school-drop', tenant.tenantId, 'depot');
    fs.mkdirSync(folder, { recursive: true });
    await writeStudentWorkbook(path.join(folder, 'referentiel-2031-03-04.xlsx'), rows);
    const comms = commsActivities(t.knex);
    worker = await Worker.create({
      connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), dataConverter: testDataConverter(t.knex),
      activities: createDailyImportActivities({ knex: t.knex, sendMail: comms['comms.mail.send'], publicUrl: 'https://relais.test', dataDir }),
    });
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await t.close();
  });

  it('imports the day\'s file with the saved mapping and mails the report to the owner; ids only in Temporal', async () => {
    const { workflowId, outcomes } = await start('2031-03-04');
    expect(outcomes).toEqual([expect.objectContaining({ tenantId: tenant.tenantId, day: '2031-03-04', status: 'done', errorCode: null })]);
    const run = await t.admin('schoolImportRuns').where({ id: outcomes[0]!.runId }).first();
    expect(run).toMatchObject({ source: 'schedule', status: 'done', dryRun: false, created: 24, rejected: 6, attempts: 1, fileName: 'referentiel-2031-03-04.xlsx' });
    expect(await t.admin('schoolStudents').where({ tenantId: tenant.tenantId }).count('* as n').first()).toEqual({ n: 24 });
    const [mail] = await mailsTo(run.id);
    expect(mail!.subject).toBe('Import du référentiel du 04/03/2031 : 24 nouveau(x), 0 modifié(s), 6 refusé(s)');
    expect(mail!.body).toContain('La clé du numéro de sécurité sociale ne correspond pas');
    expect(mail!.body).toMatch(/NIR •{11}\d{2}\d{2}/);
    const history = JSON.stringify(await env.client.workflow.getHandle(workflowId).fetchHistory());
    for (const r of tricky) {
      expect(mail!.body).not.toContain(r.row[1]);
      expect(history).not.toContain(r.row[1]);
    }
    expect(history).not.toContain('KERBRAT');
    // The same day again: already imported, nothing to do.
    expect((await start('2031-03-04', 2)).outcomes).toEqual([]);
  });

  it('a day without a new file is retried, then flagged: a failed run and the owner mailed', async () => {
    const { outcomes } = await start('2031-03-05');
    expect(outcomes).toEqual([expect.objectContaining({ day: '2031-03-05', status: 'failed', errorCode: 'no-file' })]);
    const run = await t.admin('schoolImportRuns').where({ id: outcomes[0]!.runId }).first();
    expect(run).toMatchObject({ source: 'schedule', status: 'failed', errorCode: 'no-file', attempts: 5 });
    const [mail] = await mailsTo(run.id);
    expect(mail!.subject).toBe('Échec de l’import du référentiel du 05/03/2031');
    expect(mail!.body).toContain('aucun nouveau fichier .xlsx dans le dossier de dépôt');
  });
});
