import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import request from 'supertest';
import { createEventsActivities } from '../../activities/events/events.activities';
import { ensureUser } from '../../db/seed';
import { DEMO_PASSWORD } from '../../db/seeds/demo-tenants';
import { hashPassword } from '../../domain/identity/passwords';
import { bulkSend } from '../../workflows/comms/bulk-send.workflow';
import { COMMS_WORKFLOW } from '../../workflows/comms/comms.contract';
import { processStateQuery } from '../../workflows/engine/contract';
import { loginAs, TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { startLoopbackSmtp, mailHeader, type LoopbackSmtp } from '../support/loopback-smtp';
import { startLoopbackTwilio, type LoopbackTwilio } from '../support/loopback-twilio';
import { buildPlan } from '../support/plans';
import { spawnWorker, until } from '../support/worker-process';

/**
 * The worker is killed with SIGKILL while every activity that acts outside
 * the database is in the middle of its vendor call — an SMS campaign at
 * Twilio, a process's mail at the SMTP server, and the Epic Events
 * notification to two managers between its first and second mail — then
 * started again: each resumes, and the vendors received each message once.
 * Then again in the middle of a signal broadcast, whose vendor is Temporal
 * itself: the process it started and the instance it signalled, once each.
 */
const QUEUE = `${TASK_QUEUE}-worker-kill`;
const PUBLIC_URL = 'https://relais.example.test';
/** An attempt lost with its worker is retried once this has passed. */
const ATTEMPT_MS = 5_000;

describe('the worker killed in the middle of vendor calls', () => {
  let t: TestContext;
  let loop: LoopbackTwilio;
  let smtp: LoopbackSmtp;
  let tenant: OwnTenant;
  let token: string;
  let worker: ChildProcess;
  const mobiles = ['+33611000001', '+33611000002', '+33611000003', '+33611000004', '+33611000005'];
  const managers: string[] = [];
  const contactIds: string[] = [];
  let eventId: string;

  // A signal thrown by one instance, waited for twice in a row by another, and starting a third process.
  const signalName = `recall-${process.pid}`;
  const signal = { type: 'signal', signalName };
  const signalPlans = [
    buildPlan(`kill-throws-${process.pid}`, [
      { id: 'start', kind: 'startEvent' }, { id: 'announce', kind: 'intermediateThrowEvent', trigger: signal }, { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'announce'], ['f2', 'announce', 'end']]),
    buildPlan(`kill-waits-${process.pid}`, [
      { id: 'start', kind: 'startEvent' }, { id: 'first', kind: 'intermediateCatchEvent', trigger: signal },
      { id: 'second', kind: 'intermediateCatchEvent', trigger: signal }, { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'first'], ['f2', 'first', 'second'], ['f3', 'second', 'end']]),
    buildPlan(`kill-starts-${process.pid}`, [
      { id: 'on-signal', kind: 'startEvent', trigger: signal }, { id: 'end', kind: 'endEvent' },
    ], [['f1', 'on-signal', 'end']]),
  ];

  const api = (method: 'get' | 'post' | 'put', url: string) => request(t.app)[method](url).set('Authorization', `Bearer ${token}`);
  const startWorker = async () => {
    worker = await spawnWorker({ TEMPORAL_TASK_QUEUE: QUEUE, TWILIO_API_BASE_URL: loop.url, PUBLIC_URL });
  };

  beforeAll(async () => {
    loop = await startLoopbackTwilio();
    smtp = await startLoopbackSmtp();
    t = testContext({ taskQueue: QUEUE, publicUrl: PUBLIC_URL });
    tenant = await createOwnTenant(t.admin, 'worker-kill', ['events']);
    token = (await loginAs(t.app, 'management', tenant.slug)).accessToken;
    expect((await api('put', '/api/v1/comms/settings').send({
      smsProvider: 'twilio', twilioAccountSid: loop.accountSid, twilioAuthToken: loop.authToken, twilioFrom: '06 44 00 00 00', smsRatePerMinute: 600,
      mailProvider: 'smtp', smtpHost: '127.0.0.1', smtpPort: smtp.port, smtpSecure: false, smtpUser: 'relais', smtpPassword: 'smtp-secret', mailFrom: 'Relais <noreply@relais.test>',
    })).status).toBe(200);
    const [account] = await t.admin('accounts').insert({ tenantId: tenant.tenantId, number: 1, name: 'Salon de Rennes' }).returning('id');
    for (const [i, mobile] of mobiles.entries()) {
      const [contact] = await t.admin('contacts').insert({ tenantId: tenant.tenantId, accountId: account.id, firstName: `Invité ${i}`, lastName: 'Salon', mobile }).returning('id');
      contactIds.push(contact.id);
    }
    // Two managers: the escalation mails both.
    const second = await ensureUser(t.admin, tenant.tenantId, {
      email: `management-2@${tenant.slug}.demo`, displayName: 'Second manager', type: 'internal', passwordHash: await hashPassword(DEMO_PASSWORD), roleKeys: ['management'],
    });
    for (const id of [tenant.userIds.management!, second]) managers.push((await t.admin('users').where({ id }).first('email')).email.toLowerCase());
    // An event without support, through the vertical's own actions.
    const events = createEventsActivities({ knex: t.knex, publicUrl: PUBLIC_URL, sendMail: async () => { throw new Error('not here'); } });
    const meta = (task: string) => ({ tenantId: tenant.tenantId, workflowId: `${tenant.tenantId}/setup`, elementId: task, loopCounter: 0, idempotencyKey: `setup-${task}` });
    const [client] = await t.admin('event_clients').insert({ tenantId: tenant.tenantId, number: 1, fullName: 'Salon de Rennes' }).returning('id');
    const { contractId } = await events['events.create-contract']({ clientId: client.id, totalAmountCents: 1_000_00 }, meta('contract'));
    await events['events.sign-contract']({ contractId }, meta('sign'));
    const inTenDays = (h: number) => new Date(Date.now() + 10 * 86_400_000 + h * 3_600_000).toISOString();
    ({ eventId } = await events['events.create-event']({ contractId, name: 'Salon', startsAt: inTenDays(0), endsAt: inTenDays(8) }, meta('event')));

    const task = (activity: string, inputs: Record<string, string>) => buildPlan(`kill-${activity}-${process.pid}`, [
      { id: 'start', kind: 'startEvent' },
      { id: 'send', kind: 'serviceTask', activity, inputs, timeoutMs: ATTEMPT_MS },
      { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'send'], ['f2', 'send', 'end']]);
    for (const plan of [
      task('comms.mail.send', { to: 'acheteur@example.test', subject: 'Votre commande', body: 'Votre commande est confirmée.' }),
      task('events.notify', { kind: 'escalation-no-support', eventId }),
      ...signalPlans,
    ]) {
      await t.admin('processDefinitions').insert({ tenantId: tenant.tenantId, key: plan.processKey, version: 1, status: 'deployed', xml: '<definitions/>', plan: JSON.stringify(plan), deployedAt: new Date() });
    }
    expect((await api('post', '/api/v1/comms/templates').send({
      key: 'salon', language: 'fr', channel: 'sms', category: 'transactional', kind: 'contact.message', name: 'Salon',
      body: 'Bonjour {{contact.firstName}}, le salon ouvre à 9h.',
    })).status).toBe(201);
    await startWorker();
  });

  afterAll(async () => {
    if (worker?.exitCode === null) worker.kill('SIGKILL');
    await t?.close();
    await loop?.close();
    await smtp?.close();
  });

  it('resumes a campaign, a process\'s mail and a two-mail notification after SIGKILL, each message received once', async () => {
    // The mail of a process, held at the SMTP server's answer.
    const mailHeld = smtp.hold((m) => m.to.includes('acheteur@example.test'));
    const mailRun = await api('post', '/api/v1/process-instances').send({ processKey: `kill-comms.mail.send-${process.pid}`, businessKey: 'commande' });
    expect(mailRun.status).toBe(201);
    // The notification: its second mail held, the first accepted.
    const notifyHeld = smtp.hold((m) => managers.some((e) => m.to.includes(e)) && smtp.received.some((r) => managers.some((e) => r.to.includes(e))));
    const notifyRun = await api('post', '/api/v1/process-instances').send({ processKey: `kill-events.notify-${process.pid}`, businessKey: 'escalade' });
    expect(notifyRun.status).toBe(201);
    // The campaign, as the API starts it, with a short attempt timeout; its first SMS held at Twilio.
    const [template] = await t.admin('commsTemplates').where({ tenantId: tenant.tenantId, key: 'salon' }).select('id');
    const campaignId = crypto.randomUUID();
    const workflowId = `${tenant.tenantId}/comms-campaign/${campaignId}`;
    await t.admin('commsCampaigns').insert({ id: campaignId, tenantId: tenant.tenantId, name: 'Salon', channel: 'sms', templateId: template.id, workflowId, total: mobiles.length, ratePerMinute: 600 });
    await t.admin('commsCampaignRecipients').insert(contactIds.map((contactId, i) => ({ tenantId: tenant.tenantId, campaignId, position: i + 1, contactId })));
    const smsHeld = loop.holdNextCreation();
    await (await t.deps.temporal()).workflow.start<typeof bulkSend>(COMMS_WORKFLOW.bulkSend, {
      workflowId, taskQueue: QUEUE,
      args: [{
        tenantId: tenant.tenantId, campaignId, activity: 'comms.sms.send', templateKey: 'salon', language: 'fr', ratePerMinute: 600,
        retry: { maximumAttempts: 5, initialIntervalMs: 200, backoffCoefficient: 2, maximumIntervalMs: 1000 }, timeoutMs: ATTEMPT_MS, total: mobiles.length,
      }],
    });
    await Promise.all([mailHeld.received, notifyHeld.received, smsHeld.received]);

    // Every vendor has the message; the worker has not written it down: it dies.
    worker.kill('SIGKILL');
    await new Promise((r) => worker.once('exit', r));
    // The SMTP server sees its two senders leave before it could answer: it took neither mail.
    await Promise.all([mailHeld.senderGone, notifyHeld.senderGone]);
    mailHeld.release();
    notifyHeld.release();
    smsHeld.release();
    await startWorker();

    await until('the campaign and both processes to complete', async () => {
      const campaign = await t.admin('commsCampaigns').where({ id: campaignId }).first('status');
      const runs = await t.admin('processInstances').whereIn('id', [mailRun.body.id, notifyRun.body.id]).select('status');
      return campaign.status === 'completed' && runs.every((r) => r.status === 'completed') ? true : undefined;
    }, 90_000);

    // Twilio: one message per recipient; the retry of the held one asked Twilio instead of sending again.
    const perNumber = (to: string) => loop.messages.filter((m) => m.to === to).length;
    expect(mobiles.map(perNumber)).toEqual(mobiles.map(() => 1));
    expect(loop.requests.some((r) => r.method === 'GET')).toBe(true);
    // SMTP: the process's mail and each manager's, accepted once; the held ones were transferred again by the retry.
    const accepted = (address: string) => smtp.received.filter((m) => m.to.includes(address));
    for (const address of ['acheteur@example.test', ...managers]) expect(accepted(address)).toHaveLength(1);
    expect(smtp.transfers.filter((m) => m.to.includes('acheteur@example.test'))).toHaveLength(2);
    // The resend is the same message (same Message-ID), so a receiving system could tell it apart anyway.
    const [message] = await t.admin('messages').where({ tenantId: tenant.tenantId, recipient: 'acheteur@example.test' }).select('id', 'status', 'attempts');
    expect(message).toMatchObject({ status: 'sent', attempts: 2 });
    expect(smtp.transfers.filter((m) => m.to.includes('acheteur@example.test')).map((m) => mailHeader(m.raw, 'Message-ID'))).toEqual([`<${message.id}@relais.message>`, `<${message.id}@relais.message>`]);
    expect(await t.admin('messages').where({ tenantId: tenant.tenantId, channel: 'mail' }).count<{ count: number }[]>('* as count')).toEqual([{ count: 3 }]);
    expect(await t.admin('messages').where({ tenantId: tenant.tenantId, campaignId }).count<{ count: number }[]>('* as count')).toEqual([{ count: mobiles.length }]);
  });

  it('a signal broadcast killed after it started its process and signalled its waiter starts the process once and signals once', async () => {
    const client = await t.deps.temporal();
    const waits = await api('post', '/api/v1/process-instances').send({ processKey: `kill-waits-${process.pid}`, businessKey: 'attente' });
    expect(waits.status).toBe(201);
    const waiter = await t.admin('processInstances').where({ id: waits.body.id }).first('workflowId');
    await until('the waiting instance to subscribe', async () => (await t.admin('signalSubscriptions').where({ workflowId: waiter.workflowId, elementId: 'first' }).first()) ?? undefined);
    // A subscription whose workflow has gone (closed before it unsubscribed): the broadcast drops it last,
    // after its starts and signals; the test holds that row, so the broadcast waits there when the worker dies.
    const gone = `${tenant.tenantId}/kill-gone-${process.pid}/closed`;
    await t.admin('signalSubscriptions').insert({ tenantId: tenant.tenantId, workflowId: gone, elementId: 'catch', signalName });
    const hold = await t.admin.transaction();
    let thrower: string;
    try {
      await hold('signalSubscriptions').where({ workflowId: gone }).forUpdate();
      const { rows: [holder] } = await hold.raw<{ rows: Array<{ pid: number }> }>('select pg_backend_pid() as pid');
      const throws = await api('post', '/api/v1/process-instances').send({ processKey: `kill-throws-${process.pid}`, businessKey: 'annonce' });
      expect(throws.status).toBe(201);
      thrower = throws.body.id;
      // Started, signalled (the waiter has moved on to its second catch), and waiting on the held row.
      await until('the broadcast to wait on the held subscription', async () => {
        const { rows: [blocked] } = await t.admin.raw<{ rows: Array<{ n: number }> }>('select count(*)::int as n from pg_stat_activity where ? = any(pg_blocking_pids(pid))', [holder!.pid]);
        const second = await t.admin('signalSubscriptions').where({ workflowId: waiter.workflowId, elementId: 'second' }).first();
        return blocked!.n > 0 && second ? true : undefined;
      });
      expect(await t.admin('processInstances').where({ tenantId: tenant.tenantId, processKey: `kill-starts-${process.pid}` })).toHaveLength(1);
      worker.kill('SIGKILL');
      await new Promise((r) => worker.once('exit', r));
    } finally {
      await hold.rollback();
    }
    await startWorker();

    // The activity's retry comes once its attempt has timed out (the engine's 30 s).
    await until('the throwing instance to complete', async () => {
      const row = await t.admin('processInstances').where({ id: thrower }).first('status');
      return row.status === 'completed' ? true : undefined;
    }, 120_000);
    // The process started on the signal: one instance, its row the one its workflow ran against.
    const started = await t.admin('processInstances').where({ tenantId: tenant.tenantId, processKey: `kill-starts-${process.pid}` }).select('status');
    expect(started).toEqual([{ status: 'completed' }]);
    expect(await t.admin('signalBroadcasts').where({ tenantId: tenant.tenantId, signalName }).select('delivered', 'started')).toEqual([{ delivered: 1, started: 1 }]);
    expect(await t.admin('signalSubscriptions').where({ workflowId: gone })).toHaveLength(0);
    // The retry signalled the waiter again (two signals in its history); it took the broadcast once and still waits at its second catch.
    const handle = client.workflow.getHandle(waiter.workflowId);
    const history = await handle.fetchHistory();
    expect((history.events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'processSignal')).toHaveLength(2);
    expect((await handle.query(processStateQuery)).activeElements).toEqual(['second']);
    // A new broadcast is the one its second catch takes.
    expect((await api('post', '/api/v1/process-signals').send({ name: signalName })).status).toBe(202);
    await until('the waiting instance to complete', async () => ((await t.admin('processInstances').where({ id: waits.body.id }).first('status')).status === 'completed' ? true : undefined));
  });
});
