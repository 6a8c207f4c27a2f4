import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import { WorkflowFailedError, type Client } from '@temporalio/client';
import request from 'supertest';
import twilio from 'twilio';
import { commsSmsSend } from '../../domain/comms/comms.activity-contracts';
import { DEFAULT_RETRY } from '../../domain/process/activity-definition';
import { sendOneMessage } from '../../workflows/comms/send-one.workflow';
import { loginAs, TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { startLoopbackTwilio, type LoopbackTwilio } from '../support/loopback-twilio';
import { spawnWorker, until } from '../support/worker-process';

/**
 * SMS through the Twilio adapter, end to end: a service task (the registry's
 * `comms.sms.send`, driven as the engine drives it: input + meta with a stable
 * idempotency key) runs in the real worker process and calls a loopback server
 * that speaks Twilio's REST protocol; Twilio's signed callbacks come back
 * through the API's webhooks.
 */
const PUBLIC_URL = 'https://relais.example.test';
const QUEUE = `${TASK_QUEUE}-comms-twilio`;
const FROM = '+33644000000';

describe('comms: SMS through Twilio (loopback), status callbacks, STOP, crash between call and write', () => {
  let t: TestContext;
  let loop: LoopbackTwilio;
  let tenant: OwnTenant;
  let client: Client;
  let sales: string;
  let contactId: string;
  const workers: ChildProcess[] = [];

  const api = (method: 'get' | 'post' | 'put', url: string, token = sales) => request(t.app)[method](url).set('Authorization', `Bearer ${token}`);
  const worker = async () => {
    const w = await spawnWorker({ TEMPORAL_TASK_QUEUE: QUEUE, TWILIO_API_BASE_URL: loop.url, PUBLIC_URL });
    workers.push(w);
    return w;
  };

  /** What the engine does for a service task: the activity with its registry retry policy and a stable key. */
  const serviceTask = (input: Record<string, unknown>, options: { timeoutMs?: number } = {}) => {
    const workflowId = `${tenant.tenantId}/appointment-reminder/${crypto.randomUUID()}`;
    return client.workflow.start(sendOneMessage, {
      workflowId, taskQueue: QUEUE,
      args: [{
        activity: 'comms.sms.send', input,
        meta: { tenantId: tenant.tenantId, workflowId, elementId: 'Task_SendReminder', loopCounter: 0, idempotencyKey: `${workflowId}/Task_SendReminder/1/0` },
        retry: { ...DEFAULT_RETRY, ...commsSmsSend.retry, initialIntervalMs: 500 }, timeoutMs: options.timeoutMs ?? commsSmsSend.timeoutMs!,
      }],
    });
  };

  /** A request as Twilio would send it, signed with `token` over the public URL. */
  const twilioPost = (path: string, params: Record<string, string>, token = loop.authToken) => request(t.app).post(path).type('form')
    .set('X-Twilio-Signature', twilio.getExpectedTwilioSignature(token, `${PUBLIC_URL}${path}`, params)).send(params);

  const reminder = { contactId: '', templateKey: 'rdv', variables: { appointment: { date: 'mardi 14h', place: 'Agence de Vannes' } } };

  beforeAll(async () => {
    loop = await startLoopbackTwilio();
    t = testContext({ publicUrl: PUBLIC_URL, taskQueue: QUEUE });
    client = await t.deps.temporal();
    tenant = await createOwnTenant(t.admin, 'comms-tw', ['events']);
    sales = (await loginAs(t.app, 'sales', tenant.slug)).accessToken;
    const management = (await loginAs(t.app, 'management', tenant.slug)).accessToken;
    const [account] = await t.admin('accounts').insert({ tenantId: tenant.tenantId, number: 1, name: 'Agence Vannes', ownerId: tenant.userIds.sales }).returning('id');
    const [contact] = await t.admin('contacts').insert({ tenantId: tenant.tenantId, accountId: account.id, firstName: 'Léa', lastName: 'Morvan', mobile: '+33612345678' }).returning('id');
    contactId = contact.id;
    reminder.contactId = contactId;
    const settings = await api('put', '/api/v1/comms/settings', management).send({
      smsProvider: 'twilio', twilioAccountSid: loop.accountSid, twilioAuthToken: loop.authToken, twilioFrom: '06 44 00 00 00', mailProvider: 'sandbox',
    });
    expect(settings.status).toBe(200);
    const template = await api('post', '/api/v1/comms/templates').send({
      key: 'rdv', language: 'fr', channel: 'sms', category: 'transactional', kind: 'appointment.reminder', name: 'Rappel de rendez-vous',
      body: 'Bonjour {{contact.firstName}}, rendez-vous {{appointment.date}} à {{appointment.place}}. {{tenant.name}}',
    });
    expect(template.status).toBe(201);
    await worker();
  });

  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await loop.close();
    await t.close();
  });

  it('keeps the auth token encrypted at rest and never answers it', async () => {
    const row = await t.admin('commsSettings').where({ tenantId: tenant.tenantId }).first();
    expect(row.twilioAuthTokenSealed).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain(loop.authToken);
    const management = (await loginAs(t.app, 'management', tenant.slug)).accessToken;
    const res = await api('get', '/api/v1/comms/settings', management);
    expect(res.body).toMatchObject({ smsProvider: 'twilio', twilioAuthTokenSet: true, twilioFrom: FROM });
    expect(JSON.stringify(res.body)).not.toContain(loop.authToken);
  });

  it('a service task sends through Twilio\'s API; signed callbacks move it to delivered; the contact\'s timeline shows it', async () => {
    const before = loop.creations().length;
    const result = await (await serviceTask(reminder)).result() as { messageId: string; status: string; providerMessageId: string };
    expect(result.status).toBe('queued');

    // What Twilio received: one form-encoded POST with basic auth, from the official client.
    const sent = loop.creations().slice(before);
    expect(sent).toHaveLength(1);
    const [call] = sent;
    expect(call!.path).toBe(`/2010-04-01/Accounts/${loop.accountSid}/Messages.json`);
    expect(call!.headers.authorization).toBe(`Basic ${Buffer.from(`${loop.accountSid}:${loop.authToken}`).toString('base64')}`);
    expect(call!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(call!.headers['user-agent']).toMatch(/^twilio-node\//);
    expect(Object.fromEntries(call!.form)).toEqual({
      To: '+33612345678', From: FROM,
      Body: `Bonjour Léa, rendez-vous mardi 14h à Agence de Vannes. Test ${tenant.slug}`,
      StatusCallback: `${PUBLIC_URL}/api/v1/webhooks/twilio/status?tenant=${tenant.slug}&message=${result.messageId}`,
    });
    const sid = loop.messages.at(-1)!.sid;
    expect(result.providerMessageId).toBe(sid);

    const callback = `/api/v1/webhooks/twilio/status?tenant=${tenant.slug}&message=${result.messageId}`;
    for (const status of ['sent', 'delivered']) {
      const res = await twilioPost(callback, { AccountSid: loop.accountSid, MessageSid: sid, MessageStatus: status, To: '+33612345678', From: FROM, ApiVersion: '2010-04-01' });
      expect(res.status).toBe(204);
    }
    // Twilio retries callbacks: a repeat changes nothing.
    await twilioPost(callback, { AccountSid: loop.accountSid, MessageSid: sid, MessageStatus: 'sent', To: '+33612345678', From: FROM, ApiVersion: '2010-04-01' });

    const message = await api('get', `/api/v1/comms/messages/${result.messageId}`);
    expect(message.body).toMatchObject({
      status: 'delivered', channel: 'sms', recipient: '+33612345678', templateKey: 'rdv', providerMessageId: sid,
      recordType: 'contact', recordId: contactId, sentByProcess: expect.stringContaining('/appointment-reminder/'), sentByUserId: null,
    });
    expect(message.body.events.map((e: { status: string }) => e.status)).toEqual(['pending', 'queued', 'sent', 'delivered']);

    const timeline = await api('get', `/api/v1/contacts/${contactId}/history`);
    const entry = timeline.body.items.find((i: { action: string; changes: { messageId?: string } }) => i.action === 'message' && i.changes.messageId === result.messageId);
    expect(entry).toMatchObject({ changes: { channel: 'sms', status: 'queued', recipient: '+33612345678', templateKey: 'rdv' } });
    expect(entry.changes.preview).toContain('Bonjour Léa');
  });

  it('refuses forged, unsigned or misdirected callbacks with 403 and changes nothing', async () => {
    const result = await (await serviceTask(reminder)).result() as { messageId: string; providerMessageId: string };
    const path = `/api/v1/webhooks/twilio/status?tenant=${tenant.slug}&message=${result.messageId}`;
    const params = { AccountSid: loop.accountSid, MessageSid: result.providerMessageId, MessageStatus: 'failed', ErrorCode: '30008', To: '+33612345678', From: FROM };
    const eventsBefore = await t.admin('messageEvents').where({ messageId: result.messageId }).count<{ count: number }[]>('* as count');

    expect((await twilioPost(path, params, 'f'.repeat(32))).status).toBe(403);
    expect((await request(t.app).post(path).type('form').send(params)).status).toBe(403);
    expect((await request(t.app).post(path).type('form').set('X-Twilio-Signature', 'bm90IGEgc2lnbmF0dXJl').send(params)).status).toBe(403);
    // A signature over other parameters does not cover these.
    const signedOther = twilio.getExpectedTwilioSignature(loop.authToken, `${PUBLIC_URL}${path}`, { ...params, MessageStatus: 'delivered' });
    expect((await request(t.app).post(path).type('form').set('X-Twilio-Signature', signedOther).send(params)).status).toBe(403);
    // Signed correctly, but for an organisation that does not exist.
    const elsewhere = path.replace(tenant.slug, 'no-such-tenant');
    expect((await twilioPost(elsewhere, params)).status).toBe(403);

    const row = await t.admin('messages').where({ id: result.messageId }).first('status', 'errorCode');
    expect(row).toEqual({ status: 'queued', errorCode: null });
    expect(await t.admin('messageEvents').where({ messageId: result.messageId }).count<{ count: number }[]>('* as count')).toEqual(eventsBefore);
  });

  it('a STOP reply opts the number out: the next send is refused with its reason and never reaches Twilio; START opts back in', async () => {
    const inbound = `/api/v1/webhooks/twilio/inbound?tenant=${tenant.slug}`;
    const stop = await twilioPost(inbound, { AccountSid: loop.accountSid, MessageSid: `SM${crypto.randomBytes(16).toString('hex')}`, From: '+33612345678', To: FROM, Body: 'Arrêt' });
    expect(stop.status).toBe(200);
    expect(stop.text).toContain('<Response>');
    expect(await t.admin('commsOptOuts').where({ tenantId: tenant.tenantId, channel: 'sms', address: '+33612345678' }).first('keyword')).toEqual({ keyword: 'ARRET' });

    const before = loop.creations().length;
    const handle = await serviceTask(reminder);
    const failure = await handle.result().then(() => null, (e: unknown) => e);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect(String(((failure as WorkflowFailedError).cause?.cause as Error | undefined)?.message)).toMatch(/\+33612345678 a répondu STOP/);
    expect(loop.creations().length).toBe(before);
    const refused = await t.admin('messages').where({ tenantId: tenant.tenantId, sentByProcess: handle.workflowId }).first('status', 'errorCode');
    expect(refused).toEqual({ status: 'refused', errorCode: 'opted_out' });
    // The reply itself is on the contact's record too.
    const replies = await api('get', `/api/v1/comms/messages?contactId=${contactId}&direction=inbound`);
    expect(replies.body.items[0]).toMatchObject({ direction: 'inbound', body: 'Arrêt', status: 'received', sender: '+33612345678' });

    const start = await twilioPost(inbound, { AccountSid: loop.accountSid, MessageSid: `SM${crypto.randomBytes(16).toString('hex')}`, From: '+33612345678', To: FROM, Body: 'START' });
    expect(start.status).toBe(200);
    const again = await (await serviceTask(reminder)).result() as { status: string };
    expect(again.status).toBe('queued');
    expect(loop.creations().length).toBe(before + 1);
  });

  it('a worker killed between Twilio\'s answer and the status write does not send twice', async () => {
    const first = workers.find((w) => w.exitCode === null)!;
    const before = loop.creations().length;
    const hold = loop.holdNextCreation();
    const handle = await serviceTask(reminder, { timeoutMs: 8_000 });
    await hold.received;
    // Twilio has the message; the worker has not written anything yet.
    const pending = await until('the attempt to be stamped', async () => {
      const row = await t.admin('messages').where({ tenantId: tenant.tenantId, sentByProcess: handle.workflowId }).first();
      return row?.providerAttemptedAt ? row : undefined;
    });
    expect(pending).toMatchObject({ status: 'pending', providerMessageId: null });
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    hold.release();

    await worker();
    const result = await handle.result() as { messageId: string; providerMessageId: string; status: string };
    expect(loop.creations().length).toBe(before + 1);
    expect(result.providerMessageId).toBe(loop.messages.at(-1)!.sid);
    // The retry asked Twilio for the message instead of creating it again.
    expect(loop.requests.some((r) => r.method === 'GET' && r.query.get('To') === '+33612345678')).toBe(true);
    const row = await t.admin('messages').where({ id: result.messageId }).first('status', 'attempts');
    expect(row).toEqual({ status: 'queued', attempts: 2 });
  });

  it('retries a Twilio outage and sends once it is back', async () => {
    const before = loop.creations().length;
    const stored = loop.messages.length;
    loop.failNextCreations(2, 503, 20500);
    const result = await (await serviceTask(reminder)).result() as { messageId: string; status: string };
    expect(result.status).toBe('queued');
    // Two refused calls, then the one that went through (each retry looked Twilio up first).
    expect(loop.creations().length).toBe(before + 3);
    expect(loop.messages.length).toBe(stored + 1);
    const row = await t.admin('messages').where({ id: result.messageId }).first('attempts', 'errorCode');
    expect(row).toEqual({ attempts: 3, errorCode: null });
  });
});
