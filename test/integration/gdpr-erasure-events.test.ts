import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import type { Worker } from '@temporalio/worker';
import supertest from 'supertest';
import { installShippedProcesses } from '../../db/seeds/shipped-processes';
import { RIGHTS_REQUEST_PROCESS, createRequest } from '../../domain/gdpr/requests';
import { audit } from '../../domain/identity/audit-log';
import { startRequestedProcess } from '../../domain/process/requested-start';
import { search } from '../../domain/search/search-service';
import { completeTaskUpdate, processStateQuery } from '../../workflows/engine/contract';
import { untilWorkflowLists } from '../../api/process/workflow-sync';
import { loginAs, testContext, type TestContext } from '../support/api';
import { engineWorker, skipTime, startInstance, timeSkippingEnv } from '../support/engine';
import { buildPlan } from '../support/plans';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { asRole } from '../support/role-context';
import { tenantDump } from '../support/tenant-dump';
import { until } from '../support/worker-process';

/**
 * Erasure of an Epic Events client (issue 15, docs/adr/0027-erasure.md), through the shipped process on the
 * time-skipping server, with the organisation's own undo window: the data protection officer sets it to 3 days
 * (`PUT /api/v1/gdpr/settings`, 0 to 30, refused in French beyond); a client with a contract, an event, their
 * history and a process started with their name is erased; the report lists the audit log entries kept and why;
 * after the 3 days, a dump of the organisation, its documents, the search and the Temporal histories hold none of
 * their identifying values.
 */
describe('gdpr: erasure of an Epic Events client, with the organisation\'s undo window', () => {
  let t: TestContext;
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let tenant: OwnTenant;
  const taskQueue = `erasure-events-${process.pid}`;
  const DAY = 86_400_000;

  beforeAll(async () => {
    t = testContext();
    env = await timeSkippingEnv(t.knex);
    worker = await engineWorker(env.nativeConnection, taskQueue, t.knex);
    running = worker.run();
    tenant = await createOwnTenant(t.admin, 'erasure-events', ['events']);
    await installShippedProcesses(t.admin, [tenant.tenantId]);
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await t.close();
  });

  const as = (role: string) => asRole(t.knex, tenant, role);
  const call = async (role: string, method: 'get' | 'put', body?: unknown) => {
    const { accessToken } = await loginAs(t.app, role, tenant.slug);
    return supertest(t.app)[method]('/api/v1/gdpr/settings').set('Authorization', `Bearer ${accessToken}`).set('Accept-Language', 'fr').send(body as object);
  };

  const dump = (tenantId: string) => tenantDump(t.admin, tenantId);

  it('the officer sets the undo window between 0 and 30 days (French refusal beyond, others refused); the default is the platform\'s', async () => {
    const initial = await call('dpo', 'get');
    expect(initial.status).toBe(200);
    expect(initial.body).toMatchObject({ chosen: false, version: 0, erasureUndoDays: initial.body.defaultUndoDays });
    const tooLong = await call('dpo', 'put', { erasureUndoDays: 31 });
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.body)).toContain('au plus 30');
    expect((await call('dpo', 'put', { erasureUndoDays: 'trois' })).status).toBe(400);
    expect((await call('management', 'put', { erasureUndoDays: 3 })).status).toBe(403);
    const set = await call('dpo', 'put', { erasureUndoDays: 3 });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ erasureUndoDays: 3, chosen: true, version: 1 });
    expect(await t.admin('auditLog').where({ tenantId: tenant.tenantId, action: 'gdpr.settings.update' }).first('details')).toMatchObject({ details: { erasureUndoDays: { before: initial.body.defaultUndoDays, after: 3 } } });
  });

  it('an Epic Events client with a contract and an event is erased through the process; the audit log kept is said; after the 3-day window nothing identifies them', async () => {
    const { tenantId } = tenant;
    const last = `Tessier${crypto.randomBytes(3).toString('hex')}`;
    const name = `Margaux ${last}`;
    const email = `margaux.${last.toLowerCase()}@exemple.fr`;
    const phone = `+33 6 ${crypto.randomInt(10, 99)} ${crypto.randomInt(10, 99)} 55 66`;
    const [client] = await t.admin('eventClients').insert({ tenantId, number: 1, fullName: name, email, phone, notes: `Cliente ${name}` }).returning('id');
    const [contract] = await t.admin('eventContracts').insert({ tenantId, number: 1, clientId: client.id, totalAmountCents: 300000, amountDueCents: 100000, notes: `Contrat ${name}` }).returning('id');
    await t.admin('eventEvents').insert({
      tenantId, number: 1, name: `Mariage ${name}`, contractId: contract.id, startsAt: '2027-06-12T14:00:00+02:00', endsAt: '2027-06-12T23:00:00+02:00',
      location: `Domaine ${last}, 56100 Lorient`, notes: `Appeler ${phone}`,
    });
    await t.admin('history').insert({ tenantId, recordType: 'event-client', recordId: client.id, action: 'update', changes: JSON.stringify({ email: { before: null, after: email } }) });
    await audit(t.admin, { tenantId, actorUserId: tenant.userIds.management, action: 'events.client.update', targetType: 'event-client', targetId: String(client.id), details: {} });
    const plan = buildPlan('demo.event-follow-up', [
      { id: 'start', kind: 'startEvent' }, { id: 'call', kind: 'userTask', name: 'Appeler la cliente' }, { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'call'], ['f2', 'call', 'end']]);
    const instance = await startInstance(t.admin, env.client, taskQueue, tenantId, plan, { clientId: client.id, clientName: name, clientEmail: email, clientPhone: phone });

    const now = new Date(await env.currentTimeMs());
    const request = await as('dpo')((ctx) => createRequest(ctx, { kind: 'erasure', subject: { kind: 'event-client', id: String(client.id) }, requester: { name: 'La cliente', relation: 'self' } }, now, 'fr'));
    expect(await startRequestedProcess(t.knex, env.client, taskQueue, tenantId, RIGHTS_REQUEST_PROCESS, request.id)).toBe('started');
    const handle = env.client.workflow.getHandle(`${tenantId}/${RIGHTS_REQUEST_PROCESS}/${request.id}`);
    const task = await until('the identity task', async () => (await t.admin('tasks').where({ tenantId, businessKey: request.id, elementId: 'VerifyIdentity', status: 'open' }).first()) ?? undefined);
    await untilWorkflowLists(handle, { taskId: task.id });
    await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, userId: tenant.userIds.dpo!, roles: ['dpo'], data: { method: 'id-document' } }] });
    await until('the undo window', async () => ((await handle.query(processStateQuery)).activeElements.includes('UndoWindow') ? true : undefined));

    const row = await t.admin('gdprRequests').where({ id: request.id }).first();
    const report = row.erasureReport;
    // The organisation's window, read when the erasure ran.
    expect(Date.parse(report.undoUntil) - Date.parse(report.erasedAt)).toBe(3 * DAY);
    expect(Object.fromEntries(report.tables.map((x: { table: string; rows: number }) => [x.table, x.rows]))).toMatchObject({ event_clients: 1, event_contracts: 1, event_events: 1, process_instances: expect.any(Number) });
    expect(report.retained).toEqual([expect.objectContaining({ table: 'audit_log', rows: expect.any(Number), chained: true, activity: 'identity.access-log', text: expect.objectContaining({ fr: expect.stringContaining('chaîné par empreintes') }) })]);
    expect(row.answer).toContain('Journaux conservés tels quels');

    // Day 2: still undoable; day 4: the window closed, the snapshot is gone.
    await skipTime(env, 2 * DAY);
    expect(await t.admin('gdprErasureSnapshots').where({ requestId: request.id }).first('id')).toBeDefined();
    await skipTime(env, 2 * DAY);
    await until('the process ends', async () => ((await handle.query(processStateQuery)).activeElements.length === 0 ? true : undefined));
    expect(await t.admin('gdprErasureSnapshots').where({ requestId: request.id })).toEqual([]);

    const identifying = [last.toLowerCase(), email, phone, phone.replace(/\s/g, '')];
    const lines = (await dump(tenantId)).toLowerCase().split('\n');
    for (const value of identifying) expect(lines.filter((l) => l.includes(value.toLowerCase())).map((l) => l.split(' ')[0])).toEqual([]);
    const documents = path.resolve(process.env.RELAIS_DATA_DIR!, 'documents', tenantId);
    for (const file of fs.existsSync(documents) ? fs.readdirSync(documents) : []) expect(fs.readFileSync(path.join(documents, file), 'utf8')).not.toContain(last);
    expect(await as('management')((ctx) => search(ctx, last))).toEqual([]);
    for (const workflowId of [handle.workflowId, instance.workflowId]) {
      const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
      const raw = Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('latin1').toLowerCase();
      expect(raw).toContain(tenantId);
      for (const value of identifying) expect(raw).not.toContain(value.toLowerCase());
    }
  });
});
