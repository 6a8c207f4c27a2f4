import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { withTenant } from '../../db/tenant-scope';
import { installShippedProcesses } from '../../db/seeds/shipped-processes';
import type { RequestContext } from '../../domain/core/record-service';
import { reminderDateOf } from '../../domain/gdpr/request-rules';
import { REQUEST_CLOSED_MESSAGE, RIGHTS_REQUEST_PROCESS, answerRequest, createRequest, extendRequest } from '../../domain/gdpr/requests';
import { buildAbility } from '../../domain/identity/ability';
import { loadPrincipal } from '../../domain/identity/principal';
import { notifyProcess, startRequestedProcess } from '../../domain/process/requested-start';
import type { ProcessResult } from '../../kernel/process/engine-types';
import { completeTaskUpdate, processStateQuery } from '../../workflows/engine/contract';
import { untilWorkflowLists } from '../../api/process/workflow-sync';
import { testContext, type TestContext } from '../support/api';
import { engineWorker, resultSkippingTime, skipTime, timeSkippingEnv } from '../support/engine';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { until } from '../support/worker-process';

/**
 * « Demande d'exercice des droits » (gdpr.rights-request) on Temporal's time-skipping test server: the
 * request waits for its identity check (status « verifying »), the officer's tasks verify it and, for an
 * access request, the export is prepared before the answer task; a reminder task 7 days before the
 * deadline, none before; an extension moves the escalation to the new deadline; an answer from the
 * request's panel ends the process and withdraws its tasks. An organisation of this file's own.
 */
describe('gdpr: the rights request process, on the time-skipping server', () => {
  let t: TestContext;
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let tenant: OwnTenant;
  let contactId: string;
  const taskQueue = `rights-${process.pid}`;
  const HOUR = 3_600_000;

  beforeAll(async () => {
    t = testContext();
    env = await timeSkippingEnv(t.knex);
    worker = await engineWorker(env.nativeConnection, taskQueue, t.knex);
    running = worker.run();
    tenant = await createOwnTenant(t.admin, 'rights-process', ['psa']);
    const [account] = await t.admin('accounts').insert({ tenantId: tenant.tenantId, number: 1, name: 'Boulangerie Martin' }).returning('id');
    const [contact] = await t.admin('contacts').insert({ tenantId: tenant.tenantId, accountId: account.id, firstName: 'Jeanne', lastName: 'Martin', email: 'jeanne@boulangerie.example' }).returning('id');
    contactId = String(contact.id);
    await installShippedProcesses(t.admin, [tenant.tenantId]);
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await t.close();
  });

  const asDpo = <T>(fn: (ctx: RequestContext) => Promise<T>) => withTenant({ tenantId: tenant.tenantId }, async (trx) => {
    const principal = (await loadPrincipal(trx, tenant.tenantId, tenant.userIds.dpo!))!;
    return fn({ trx, principal, ability: buildAbility(principal) });
  }, t.knex);

  async function started(kind: 'access' | 'objection') {
    const now = new Date(await env.currentTimeMs());
    const request = await asDpo((ctx) => createRequest(ctx, { kind, subject: { kind: 'contact', id: contactId }, requester: { name: 'Jeanne Martin', relation: 'self' } }, now, 'fr'));
    expect(await startRequestedProcess(t.knex, env.client, taskQueue, tenant.tenantId, RIGHTS_REQUEST_PROCESS, request.id)).toBe('started');
    const handle = env.client.workflow.getHandle(`${tenant.tenantId}/${RIGHTS_REQUEST_PROCESS}/${request.id}`);
    return { request, handle };
  }
  type Started = Awaited<ReturnType<typeof started>>;
  const state = (r: Started) => r.handle.query(processStateQuery);
  const waitingAt = (r: Started, elementId: string) => until(`the request waiting at ${elementId}`, async () => ((await state(r)).activeElements.includes(elementId) ? true : undefined));
  const openTask = (r: Started, elementId: string) => until(`the task ${elementId}`, async () => (await t.admin('tasks').where({ tenantId: tenant.tenantId, businessKey: r.request.id, elementId, status: 'open' }).first()) ?? undefined);
  const complete = async (r: Started, elementId: string, data: Record<string, unknown>) => {
    const task = await openTask(r, elementId);
    await untilWorkflowLists(r.handle, { taskId: task.id });
    await r.handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, userId: tenant.userIds.dpo!, roles: ['dpo'], data }] });
  };
  const row = (r: Started) => t.admin('gdprRequests').where({ id: r.request.id }).first();
  const advanceTo = async (instant: string, offsetMs: number) => {
    const wait = Date.parse(instant) + offsetMs - await env.currentTimeMs();
    if (wait > 0) await skipTime(env, wait);
  };

  it('an access request: identity verified, the export prepared, answered through the officer\'s tasks; reminded 7 days before the deadline', async () => {
    const r = await started('access');
    const verify = await openTask(r, 'VerifyIdentity');
    expect(verify).toMatchObject({ name: 'Vérifier l\'identité du demandeur', formKey: 'gdpr.rights-request.verify', candidateRoles: ['dpo'] });
    expect((await row(r)).status).toBe('verifying');
    // Nothing personal in the process's variables: the request's id only.
    expect(JSON.stringify((await state(r)).variables)).not.toContain('Martin');

    await complete(r, 'VerifyIdentity', { method: 'id-document' });
    await openTask(r, 'AnswerRequest');
    expect(await row(r)).toMatchObject({ status: 'in-progress', identityMethod: 'id-document', identityVerifiedBy: tenant.userIds.dpo });
    const variables = (await state(r)).variables as { exportSummary: { tables: number; rows: number }; requestPlan: { reminderAt: string; dueAt: string } };
    expect(variables.exportSummary.tables).toBeGreaterThan(0);
    expect(variables.requestPlan.reminderAt).toBe(reminderDateOf(new Date(r.request.dueAt), new Date(r.request.receivedAt)).toISOString());

    await advanceTo(variables.requestPlan.reminderAt, -HOUR);
    await waitingAt(r, 'AnswerRequest');
    expect(await t.admin('tasks').where({ businessKey: r.request.id, elementId: 'RemindOfficer' })).toEqual([]);
    await advanceTo(variables.requestPlan.reminderAt, HOUR);
    const reminder = await openTask(r, 'RemindOfficer');
    expect(reminder).toMatchObject({ name: 'Rappel : réponse due dans 7 jours', candidateRoles: ['dpo'] });
    expect(new Date(reminder.dueAt).toISOString()).toBe(r.request.dueAt);

    await complete(r, 'AnswerRequest', { outcome: 'answered', answer: 'Voici vos données.' });
    expect((await resultSkippingTime<ProcessResult>(env, r.handle.workflowId)).status).toBe('completed');
    expect(await row(r)).toMatchObject({ status: 'answered', answer: 'Voici vos données.' });
    // The process ended: the reminder left open is withdrawn.
    expect((await t.admin('tasks').where({ id: reminder.id }).first('status')).status).toBe('cancelled');
  });

  it('an extension moves the escalation to the new deadline; an answer from the panel ends the process', async () => {
    const r = await started('objection');
    await complete(r, 'VerifyIdentity', { method: 'known-address' });
    await openTask(r, 'AnswerRequest');
    expect((await state(r)).completedElements.PrepareExport).toBeUndefined();
    const at = new Date(await env.currentTimeMs());
    const extended = await asDpo((ctx) => extendRequest(ctx, r.request.id, 'Données réparties dans plusieurs activités', 'fr', at));

    await advanceTo(r.request.dueAt, HOUR);
    await waitingAt(r, 'DueLater');
    expect(await t.admin('tasks').where({ businessKey: r.request.id, elementId: 'EscalateOverdue' })).toEqual([]);
    await advanceTo(extended.dueAt, HOUR);
    const escalation = await openTask(r, 'EscalateOverdue');
    expect(escalation.name).toBe('Délai de réponse dépassé : répondre sans attendre');

    await asDpo((ctx) => answerRequest(ctx, r.request.id, { outcome: 'refused', answer: 'Refus', refusalReason: 'Obligation légale de conservation' }, 'fr', new Date()));
    expect(await notifyProcess(t.knex, async () => env.client, tenant.tenantId, REQUEST_CLOSED_MESSAGE, r.request.id)).toEqual({ delivered: true });
    expect((await resultSkippingTime<ProcessResult>(env, r.handle.workflowId)).status).toBe('completed');
    expect((await state(r)).completedElements).toMatchObject({ ClosedMeanwhile: 1 });
    expect((await state(r)).completedElements.EscalateOverdue).toBeUndefined();
    expect((await t.admin('tasks').where({ businessKey: r.request.id, status: 'open' }))).toEqual([]);
  });
});
