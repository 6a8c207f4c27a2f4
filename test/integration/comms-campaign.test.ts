import crypto from 'node:crypto';
import { NativeConnection, Worker } from '@temporalio/worker';
import request from 'supertest';
import { createActivities } from '../../activities';
import { bulkSend } from '../../workflows/comms/bulk-send.workflow';
import { workflowBundle, testDataConverter } from '../support/engine';
import { loginAs, TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { until } from '../support/worker-process';

/**
 * A campaign through the API: the bulkSend workflow sends one template to a
 * list of contacts through the sandbox SMS adapter, survives a worker restart
 * mid-way without sending anyone twice, and reports sent / refused / failed
 * per recipient with the reason.
 */
const QUEUE = `${TASK_QUEUE}-comms-campaign`;

describe('comms: bulk send (campaign)', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  let token: string;
  let connection: NativeConnection;
  const contacts: Record<string, string> = {};
  let current: { worker: Worker; running: Promise<void> } | undefined;

  async function startWorker(): Promise<{ worker: Worker; running: Promise<void> }> {
    const worker = await Worker.create({
      connection, taskQueue: QUEUE, workflowBundle: await workflowBundle(),
      activities: createActivities({ knex: t.knex, loadPlan: async () => undefined, comms: { sandboxLatencyMs: 10 } }),
      dataConverter: testDataConverter(t.knex),
    });
    return { worker, running: worker.run() };
  }

  beforeAll(async () => {
    t = testContext({ taskQueue: QUEUE });
    connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    tenant = await createOwnTenant(t.admin, 'comms-camp', ['school']);
    token = (await loginAs(t.app, 'school-office', tenant.slug)).accessToken;
    const lead = (await loginAs(t.app, 'school-lead', tenant.slug)).accessToken;
    expect((await request(t.app).put('/api/v1/comms/settings').set('Authorization', `Bearer ${lead}`).send({ smsProvider: 'sandbox', mailProvider: 'sandbox', smsRatePerMinute: 600 })).status).toBe(200);
    const [account] = await t.admin('accounts').insert({ tenantId: tenant.tenantId, number: 1, name: 'Promotion 2026' }).returning('id');
    const people: Array<[string, string | null]> = [
      ['Ada', '0611223341'], ['Blaise', '0611223342'], ['Claude', '0611223343'], ['Denis', '0611223344'], ['Emmy', '0611223345'], ['Félix', '0611223346'],
      ['Gaspard', null], ['Hedy', '0611223348'],
      // The sandbox's outcome numbers: …0000 is reported failed by the "network", …0002 is refused as invalid.
      ['Irène', '0612340000'], ['Jules', '0612340002'],
    ];
    for (const [firstName, mobile] of people) {
      const [row] = await t.admin('contacts').insert({ tenantId: tenant.tenantId, accountId: account.id, firstName, lastName: 'Étudiant', mobile: mobile ? `+33${mobile.slice(1)}` : null }).returning('id');
      contacts[firstName] = row.id;
    }
    // Hedy replied STOP earlier.
    await t.admin('commsOptOuts').insert({ tenantId: tenant.tenantId, channel: 'sms', address: '+33611223348', source: 'reply:twilio', keyword: 'STOP' });
  });

  afterAll(async () => {
    if (current && current.worker.getState() === 'RUNNING') {
      current.worker.shutdown();
      await current.running.catch(() => undefined);
    }
    await connection.close();
    await t.close();
  });

  it('sends to each recipient once across a worker restart and reports every outcome with its reason', async () => {
    const template = await request(t.app).post('/api/v1/comms/templates').set('Authorization', `Bearer ${token}`).send({
      key: 'rentree', language: 'fr', channel: 'sms', category: 'transactional', kind: 'contact.message', name: 'Rentrée',
      body: 'Bonjour {{contact.firstName}}, la rentrée a lieu lundi à 9h. {{tenant.name}}',
    });
    expect(template.status).toBe(201);

    current = await startWorker();
    const started = await request(t.app).post('/api/v1/comms/campaigns').set('Authorization', `Bearer ${token}`)
      .send({ name: 'Rentrée 2026', templateId: template.body.id, contactIds: Object.values(contacts) });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ total: 10, status: 'running' });
    const id = started.body.id as string;

    // Stop the worker part-way, then start another: the workflow resumes where it was.
    await until('a few messages', async () => (Number((await t.admin('messages').where({ campaignId: id }).count<{ count: string }[]>('* as count'))[0]!.count) >= 3 ? true : undefined));
    current.worker.shutdown();
    await current.running;
    current = await startWorker();

    const report = await until('the campaign to complete with every final status', async () => {
      const res = await request(t.app).get(`/api/v1/comms/campaigns/${id}`).set('Authorization', `Bearer ${token}`);
      return res.body.status === 'completed' && res.body.counts.failed === 1 ? res.body : undefined;
    }, 90_000);
    current.worker.shutdown();
    await current.running;

    expect(report.counts).toEqual({ pending: 0, sent: 6, refused: 3, failed: 1 });
    const byName = Object.fromEntries(report.recipients.map((r: { name: string }) => [r.name.split(' ')[0], r]));
    expect(byName.Ada).toMatchObject({ outcome: 'sent', recipient: '+33611223341' });
    // Refusals are kept in French (the organisation's language) on each message.
    expect(byName.Gaspard).toMatchObject({ outcome: 'refused', reason: 'Le contact n\'a ni mobile ni téléphone.' });
    expect(byName.Hedy).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('a répondu STOP') });
    expect(byName.Jules).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('invalid') });
    expect(byName['Irène']).toMatchObject({ outcome: 'failed', status: 'failed', reason: expect.stringContaining('30008') });

    // Exactly one message per recipient, and the sandbox "sent" each accepted one once.
    const perContact = await t.admin('messages').where({ campaignId: id }).groupBy('contactId').select('contactId').count<{ count: string }[]>('* as count');
    expect(perContact).toHaveLength(10);
    expect(perContact.every((r) => Number(r.count) === 1)).toBe(true);
    expect(Number((await t.admin('sandboxSmsOutbox').where({ tenantId: tenant.tenantId }).count<{ count: string }[]>('* as count'))[0]!.count)).toBe(7);
    const body = await t.admin('messages').where({ campaignId: id, contactId: contacts.Ada }).first('body', 'sentByProcess');
    expect(body).toEqual({ body: `Bonjour Ada, la rentrée a lieu lundi à 9h. Test ${tenant.slug}`, sentByProcess: started.body.workflowId });
  });

  it('waits for the campaign\'s creation to commit instead of finding nobody to send to', async () => {
    // The API starts the workflow inside the transaction that creates the campaign: the worker
    // may run before it commits. Here the rows appear three seconds after the start.
    const template = await t.admin('commsTemplates').where({ tenantId: tenant.tenantId }).first('id', 'key', 'language');
    const id = crypto.randomUUID();
    const workflowId = `${tenant.tenantId}/comms-campaign/${id}`;
    current = await startWorker();
    const client = await t.deps.temporal();
    const handle = await client.workflow.start(bulkSend, {
      workflowId, taskQueue: QUEUE,
      args: [{ tenantId: tenant.tenantId, campaignId: id, activity: 'comms.sms.send', templateKey: template.key, language: template.language, ratePerMinute: 600, retry: { maximumAttempts: 3, initialIntervalMs: 500, backoffCoefficient: 2, maximumIntervalMs: 2000 }, timeoutMs: 30_000, total: 2 }],
    });
    await new Promise((r) => setTimeout(r, 3000));
    await t.admin('commsCampaigns').insert({ id, tenantId: tenant.tenantId, name: 'Late', channel: 'sms', templateId: template.id, workflowId, total: 2, ratePerMinute: 600 });
    await t.admin('commsCampaignRecipients').insert([contacts.Ada, contacts.Blaise].map((contactId, i) => ({ tenantId: tenant.tenantId, campaignId: id, position: i + 1, contactId })));
    expect(await handle.result()).toEqual({ sent: 2, refused: 0, failed: 0 });
    current.worker.shutdown();
    await current.running;
  });

  it('refuses a campaign over contacts the user cannot see or that do not exist', async () => {
    const template = await t.admin('commsTemplates').where({ tenantId: tenant.tenantId }).first('id');
    const res = await request(t.app).post('/api/v1/comms/campaigns').set('Authorization', `Bearer ${token}`)
      .send({ name: 'Bad', templateId: template.id, contactIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ field: 'contactIds' });
  });
});
