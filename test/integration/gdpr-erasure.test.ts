import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import supertest from 'supertest';
import type { Worker } from '@temporalio/worker';
import { withTenant } from '../../db/tenant-scope';
import { installShippedProcesses } from '../../db/seeds/shipped-processes';
import type { RequestContext } from '../../domain/core/record-service';
import { restoreFiles, undoErasure } from '../../domain/gdpr/erasure';
import { RIGHTS_REQUEST_PROCESS, createRequest } from '../../domain/gdpr/requests';
import { buildAbility } from '../../domain/identity/ability';
import { loadPrincipal } from '../../domain/identity/principal';
import { startRequestedProcess } from '../../domain/process/requested-start';
import { search } from '../../domain/search/search-service';
import { localDiskStorage } from '../../integrations/storage/local-disk.storage';
import { completeTaskUpdate, processStateQuery } from '../../workflows/engine/contract';
import { untilWorkflowLists } from '../../api/process/workflow-sync';
import { loginAs, testContext, type TestContext } from '../support/api';
import { engineWorker, skipTime, startInstance, timeSkippingEnv } from '../support/engine';
import { buildPlan } from '../support/plans';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { tenantDump } from '../support/tenant-dump';
import { until } from '../support/worker-process';

/**
 * Erasure with its undo window (issue 15, docs/adr/0027-erasure.md), through the shipped process
 * gdpr.rights-request on the time-skipping server: a person (an individual client) with data in the core
 * (account, history, document and its file, a process instance naming them), comms (a message), the MSP
 * (a ticket) and billing (an issued invoice) is erased once their identity is verified; day 13 an erasure
 * can be undone exactly, day 15 it cannot and its sealed snapshot is gone; then a dump of every table of the
 * organisation, the documents' files, the search and the process's Temporal history hold none of their
 * identifying values but the invoice's buyer (a legal exception, explained in French). A legal hold refuses.
 */
describe('gdpr: erasure of a person with a 14-day undo window', () => {
  let t: TestContext;
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let tenant: OwnTenant;
  let other: OwnTenant;
  const taskQueue = `erasure-${process.pid}`;
  const DAY = 86_400_000;
  const documents = path.resolve(process.env.RELAIS_DATA_DIR!, 'documents');
  const storage = localDiskStorage(documents);

  beforeAll(async () => {
    t = testContext();
    env = await timeSkippingEnv(t.knex);
    worker = await engineWorker(env.nativeConnection, taskQueue, t.knex);
    running = worker.run();
    [tenant, other] = await Promise.all([createOwnTenant(t.admin, 'erasure', ['psa']), createOwnTenant(t.admin, 'erasure-other', ['psa'])]);
    await installShippedProcesses(t.admin, [tenant.tenantId]);
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await t.close();
  });

  let number = 0;
  /** A person with data in several modules; answers their identifying values. */
  async function person(owner: OwnTenant, first: string) {
    const last = `Fontaine${crypto.randomBytes(3).toString('hex')}`;
    const name = `${first} ${last}`;
    const email = `${first.toLowerCase()}.${last.toLowerCase()}@exemple.fr`;
    const phone = `+33 6 ${crypto.randomInt(10, 99)} ${crypto.randomInt(10, 99)} 33 44`;
    const tenantId = owner.tenantId;
    const [account] = await t.admin('accounts').insert({ tenantId, number: ++number, name, email, phone, notes: `Cliente ${name}`, addressLine1: '4 rue des Lilas', postalCode: '56100', city: 'Lorient' }).returning('id');
    const id = String(account.id);
    await t.admin('history').insert({ tenantId, recordType: 'account', recordId: id, action: 'update', changes: JSON.stringify({ email: { before: null, after: email } }) });
    await t.admin('messages').insert({ tenantId, channel: 'mail', recipient: email, subject: `Bonjour ${name}`, body: `Chère ${name}, votre devis`, status: 'sent', recordType: 'account', recordId: id, idempotencyKey: crypto.randomUUID() });
    const storageKey = `${tenantId}/${crypto.randomUUID()}`;
    const content = Buffer.from(`%PDF contrat de ${name}`);
    await storage.put(storageKey, content);
    await t.admin('documents').insert({ tenantId, accountId: id, filename: `contrat-${last}.pdf`, mimeType: 'application/pdf', sizeBytes: content.length, sha256: crypto.createHash('sha256').update(content).digest('hex'), storageKey });
    await t.admin('psaTickets').insert({ tenantId, number, accountId: id, title: `Imprimante de ${name}`, description: `Rappeler au ${phone}`, requesterEmail: email, priority: 'normal', source: 'manual' });
    await t.admin('billingInvoices').insert({
      tenantId, accountId: id, number: `F-${last}`, status: 'issued', issueDate: '2026-01-15', dueDate: '2026-02-14', buyer: JSON.stringify({ name, addressLine1: '4 rue des Lilas', postalCode: '56100', city: 'Lorient' }),
      lines: JSON.stringify([]), vatBreakdown: JSON.stringify([]), totalExcludingTaxCents: 0, totalTaxCents: 0, totalIncludingTaxCents: 0, amountDueCents: 0,
    });
    await t.admin('processInstances').insert({ tenantId, workflowId: `${tenantId}/demo.follow-up/${id}`, processKey: 'demo.follow-up', version: 1, businessKey: id, variables: JSON.stringify({ accountId: id, clientName: name, clientEmail: email }) });
    // A running process whose variables name them (Temporal keeps its history; the projection row its variables).
    const plan = buildPlan('demo.follow-up', [
      { id: 'start', kind: 'startEvent' }, { id: 'call', kind: 'userTask', name: 'Rappeler la cliente' }, { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'call'], ['f2', 'call', 'end']]);
    const instance = owner === tenant ? await startInstance(t.admin, env.client, taskQueue, tenantId, plan, { accountId: id, clientName: name, clientEmail: email, clientPhone: phone }) : null;
    return { id, name, last, email, phone, storageKey, content, workflowId: instance?.workflowId ?? null };
  }

  const as = (role: string) => <T>(fn: (ctx: RequestContext) => Promise<T>) => withTenant({ tenantId: tenant.tenantId }, async (trx) => {
    const principal = (await loadPrincipal(trx, tenant.tenantId, tenant.userIds[role]!))!;
    return fn({ trx, principal, ability: buildAbility(principal) });
  }, t.knex);
  const asDpo = as('dpo');
  const asManager = as('manager');

  async function erasureRequested(subjectId: string, waitFor = 'UndoWindow') {
    const now = new Date(await env.currentTimeMs());
    const request = await asDpo((ctx) => createRequest(ctx, { kind: 'erasure', subject: { kind: 'account', id: subjectId }, requester: { name: 'La personne', relation: 'self' } }, now, 'fr'));
    expect(await startRequestedProcess(t.knex, env.client, taskQueue, tenant.tenantId, RIGHTS_REQUEST_PROCESS, request.id)).toBe('started');
    const handle = env.client.workflow.getHandle(`${tenant.tenantId}/${RIGHTS_REQUEST_PROCESS}/${request.id}`);
    const task = await until('the identity task', async () => (await t.admin('tasks').where({ tenantId: tenant.tenantId, businessKey: request.id, elementId: 'VerifyIdentity', status: 'open' }).first()) ?? undefined);
    await untilWorkflowLists(handle, { taskId: task.id });
    await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, userId: tenant.userIds.dpo!, roles: ['dpo'], data: { method: 'id-document' } }] });
    await until(`the process at ${waitFor}`, async () => ((await handle.query(processStateQuery)).activeElements.includes(waitFor) ? true : undefined));
    return { request, handle, row: () => t.admin('gdprRequests').where({ id: request.id }).first() };
  }

  const dump = (tenantId: string) => tenantDump(t.admin, tenantId);
  const identifying = (p: { last: string; email: string; phone: string }) => [p.last.toLowerCase(), p.email, p.phone.replace(/\s/g, ''), p.phone];

  it('erases a person across modules through the process; undo on day 13 restores exactly; day 15 the snapshot is gone and nothing identifies them but the invoice\'s buyer', async () => {
    const kept = await person(tenant, 'Claire');
    const undone = await person(tenant, 'Louise');
    const elsewhere = await person(other, 'Claire');
    const beforeUndo = await t.admin('accounts').where({ id: undone.id }).first();
    const beforeHistory = await t.admin('history').where({ recordId: undone.id }).orderBy('id');

    const erased = await erasureRequested(kept.id);
    const reverted = await erasureRequested(undone.id);
    const row = await erased.row();
    expect(row.status).toBe('answered');
    const report = row.erasureReport;
    expect(Date.parse(report.undoUntil) - Date.parse(report.erasedAt)).toBe(14 * DAY);
    const tables = Object.fromEntries(report.tables.map((x: { table: string; rows: number }) => [x.table, x.rows]));
    expect(tables).toMatchObject({ accounts: 1, documents: 1, messages: 1, psa_tickets: 1, process_instances: expect.any(Number) });
    expect(report.files).toBe(1);
    expect(report.exceptions).toEqual([expect.objectContaining({ table: 'billing_invoices', columns: ['buyer'], legalReference: expect.stringContaining('L123-22') })]);
    expect(report.exceptions[0].text.fr).toMatch(/obligation légale.*jusqu’au \d\d\/\d\d\/20\d\d/);
    expect(row.answer).toContain('Exceptions prévues par la loi');
    expect((await storage.get(kept.storageKey)).length).toBe(0);
    // The sealed snapshot holds the values encrypted only.
    const snapshot = await t.admin('gdprErasureSnapshots').where({ requestId: erased.request.id }).first();
    for (const value of identifying(kept)) expect(snapshot.sealed.toLowerCase()).not.toContain(value.toLowerCase());

    // Day 13: the officer undoes one erasure; every value comes back exactly, the history notes it.
    await skipTime(env, 13 * DAY);
    const day13 = new Date(await env.currentTimeMs());
    const { files } = await asDpo((ctx) => undoErasure(ctx, reverted.request.id, day13));
    await restoreFiles(storage, files);
    expect(await t.admin('accounts').where({ id: undone.id }).first()).toEqual({ ...beforeUndo, version: beforeUndo.version, updatedAt: expect.anything() });
    const afterHistory = await t.admin('history').where({ recordId: undone.id }).orderBy('id');
    expect(afterHistory.slice(0, beforeHistory.length).map((h) => h.changes)).toEqual(beforeHistory.map((h) => h.changes));
    expect(afterHistory.at(-1)!.changes).toMatchObject({ gdprErasure: { after: expect.stringContaining('annulation') } });
    expect((await storage.get(undone.storageKey)).equals(undone.content)).toBe(true);
    expect(await t.admin('gdprErasureSnapshots').where({ requestId: reverted.request.id })).toEqual([]);

    // Day 15: the window closed on day 14 (the process's timer): the snapshot is destroyed, undo is refused in French.
    await skipTime(env, 2 * DAY);
    await until('the process ends', async () => ((await erased.handle.query(processStateQuery)).activeElements.length === 0 ? true : undefined));
    expect(await t.admin('gdprErasureSnapshots').where({ requestId: erased.request.id })).toEqual([]);
    expect((await erased.row()).erasureSnapshotDestroyedAt).not.toBeNull();
    const day15 = new Date(await env.currentTimeMs());
    await expect(asDpo((ctx) => undoErasure(ctx, erased.request.id, day15))).rejects.toThrow(/délai d’annulation est écoulé/);

    // Nothing in the organisation identifies the erased person, but the invoice's buyer the law keeps.
    const lines = (await dump(tenant.tenantId)).split('\n');
    for (const value of identifying(kept)) {
      const found = lines.filter((l) => l.toLowerCase().includes(value.toLowerCase()));
      expect(found.map((l) => l.split(' ')[0])).toEqual(value === kept.last.toLowerCase() ? ['billing_invoices'] : []);
    }
    expect((await t.admin('billingInvoices').where({ accountId: kept.id }).first('buyer')).buyer.name).toBe(kept.name);
    for (const file of fs.readdirSync(path.join(documents, tenant.tenantId))) {
      expect(fs.readFileSync(path.join(documents, tenant.tenantId, file), 'utf8')).not.toContain(kept.last);
    }
    expect(await asManager((ctx) => search(ctx, kept.last))).toEqual([]);
    // The restored person is found again; the other organisation's namesake was never touched.
    expect((await asManager((ctx) => search(ctx, undone.last))).length).toBeGreaterThan(0);
    expect((await t.admin('accounts').where({ id: elsewhere.id }).first('name')).name).toBe(elsewhere.name);
    expect((await t.admin('messages').where({ recordId: elsewhere.id }).first('recipient')).recipient).toBe(elsewhere.email);
    // Temporal's stored histories (the request's process, and the process started with their name in its variables):
    // no identifying value in their raw bytes (ids only, and the payload codec's ciphertext).
    for (const workflowId of [erased.handle.workflowId, kept.workflowId!]) {
      const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
      const raw = Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('latin1').toLowerCase();
      expect(raw).toContain(tenant.tenantId);
      for (const value of identifying(kept)) expect(raw).not.toContain(value.toLowerCase());
    }

    // Idempotent: the erasure's activity again answers the same report and changes nothing.
    const dumpAfter = await dump(tenant.tenantId);
    const { eraseSubject } = await import('../../domain/gdpr/erasure');
    await withTenant({ tenantId: tenant.tenantId }, async (trx) => { await eraseSubject(trx, tenant.tenantId, await trx('gdprRequests').where({ id: erased.request.id }).first(), { now: day15 }); }, t.knex);
    expect(await dump(tenant.tenantId)).toBe(dumpAfter);
  });

  it('a legal hold on the person refuses the erasure with its reason in French; nothing changes', async () => {
    const held = await person(tenant, 'Jeanne');
    await t.admin('gdprLegalHolds').insert({ tenantId: tenant.tenantId, scope: 'subject', subjectKind: 'account', subjectId: held.id, reason: 'Contentieux commercial en cours', until: '2099-12-31' });
    const before = await t.admin('accounts').where({ id: held.id }).first();
    const now = new Date(await env.currentTimeMs());
    const request = await asDpo((ctx) => createRequest(ctx, { kind: 'erasure', subject: { kind: 'account', id: held.id }, requester: { name: 'Jeanne', relation: 'self' } }, now, 'fr'));
    await t.admin('gdprRequests').where({ id: request.id }).update({ identityVerifiedAt: now, status: 'in-progress' });
    const { eraseSubject } = await import('../../domain/gdpr/erasure');
    await expect(withTenant({ tenantId: tenant.tenantId }, async (trx) => eraseSubject(trx, tenant.tenantId, await trx('gdprRequests').where({ id: request.id }).first(), { now }), t.knex))
      .rejects.toThrow(/gel\) s’applique à cette personne — Contentieux commercial en cours \(jusqu’au 31\/12\/2099\)/);
    expect(await t.admin('accounts').where({ id: held.id }).first()).toEqual(before);

    // Through the process: the erasure is refused, the reason kept on the request, the officer's answer task opens.
    const refused = await erasureRequested(held.id, 'AnswerRequest');
    expect((await refused.row()).erasureReport.refused).toContain('Contentieux commercial en cours');
    expect(await t.admin('accounts').where({ id: held.id }).first()).toEqual(before);
  });

  it('API: the request shows the report and the undo deadline; the officer undoes within the window (403 for others, 409 in French after)', async () => {
    const p = await person(tenant, 'Anne');
    const now = new Date();
    const request = await asDpo((ctx) => createRequest(ctx, { kind: 'erasure', subject: { kind: 'account', id: p.id }, requester: { name: 'Anne', relation: 'self' } }, now, 'fr'));
    await t.admin('gdprRequests').where({ id: request.id }).update({ identityVerifiedAt: now, status: 'in-progress' });
    const { eraseSubject } = await import('../../domain/gdpr/erasure');
    await withTenant({ tenantId: tenant.tenantId }, async (trx) => { await eraseSubject(trx, tenant.tenantId, await trx('gdprRequests').where({ id: request.id }).first(), { now, storage }); }, t.knex);
    const call = async (role: string, method: 'get' | 'post', url: string) => {
      const { accessToken } = await loginAs(t.app, role, tenant.slug);
      return supertest(t.app)[method](`/api/v1/gdpr${url}`).set('Authorization', `Bearer ${accessToken}`).set('Accept-Language', 'fr').send({});
    };
    const detail = await call('dpo', 'get', `/requests/${request.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.erasure).toMatchObject({ undoable: true, refused: null, undoUntil: expect.any(String), exceptions: [expect.objectContaining({ table: 'billing_invoices' })] });
    expect((await call('manager', 'post', `/requests/${request.id}/erasure/undo`)).status).toBe(403);
    expect((await t.admin('accounts').where({ id: p.id }).first('name')).name).not.toBe(p.name);
    const undone = await call('dpo', 'post', `/requests/${request.id}/erasure/undo`);
    expect(undone.status).toBe(200);
    expect(undone.body.erasure).toMatchObject({ undoable: false, undoneAt: expect.any(String) });
    expect((await t.admin('accounts').where({ id: p.id }).first('name')).name).toBe(p.name);
    const again = await call('dpo', 'post', `/requests/${request.id}/erasure/undo`);
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).toContain('déjà été annulé');
  });

  it('a contact: their consent ledger\'s details and the messages to them are erased, and come back on undo', async () => {
    const { tenantId } = tenant;
    const [account] = await t.admin('accounts').insert({ tenantId, number: ++number, name: 'Garage Vidal' }).returning('id');
    const [contact] = await t.admin('contacts').insert({ tenantId, accountId: account.id, firstName: 'Marc', lastName: 'Vidalou', email: 'marc.vidalou@exemple.fr' }).returning('id');
    const [entry] = await t.admin('gdprConsentEntries').insert({ tenantId, subjectKind: 'contact', subjectId: contact.id, purpose: 'comms.marketing', channel: 'mail', decision: 'opt-in', source: 'phone', sourceDetail: 'Appel de Marc Vidalou' }).returning('id');
    await t.admin('messages').insert({ tenantId, channel: 'mail', recipient: 'marc.vidalou@exemple.fr', subject: 'Offre', body: 'Bonjour Marc Vidalou', status: 'sent', contactId: contact.id, idempotencyKey: crypto.randomUUID() });
    const now = new Date();
    const request = await asDpo((ctx) => createRequest(ctx, { kind: 'erasure', subject: { kind: 'contact', id: String(contact.id) }, requester: { name: 'Marc', relation: 'self' } }, now, 'fr'));
    await t.admin('gdprRequests').where({ id: request.id }).update({ identityVerifiedAt: now, status: 'in-progress' });
    const { eraseSubject } = await import('../../domain/gdpr/erasure');
    const { report } = await withTenant({ tenantId }, async (trx) => eraseSubject(trx, tenantId, await trx('gdprRequests').where({ id: request.id }).first(), { now }), t.knex);
    expect(Object.fromEntries(report.tables.map((x) => [x.table, x.rows]))).toMatchObject({ contacts: 1, gdpr_consent_entries: 1, messages: 1 });
    expect(await t.admin('gdprConsentEntries').where({ id: entry.id }).first('sourceDetail', 'decision')).toEqual({ sourceDetail: null, decision: 'opt-in' });
    const tenantDump = await dump(tenantId);
    expect(tenantDump.toLowerCase()).not.toContain('vidalou');
    await asDpo((ctx) => undoErasure(ctx, request.id, now));
    expect((await t.admin('gdprConsentEntries').where({ id: entry.id }).first('sourceDetail')).sourceDetail).toBe('Appel de Marc Vidalou');
    expect(await t.admin('contacts').where({ id: contact.id }).first('firstName', 'lastName', 'email')).toEqual({ firstName: 'Marc', lastName: 'Vidalou', email: 'marc.vidalou@exemple.fr' });
  });
});
