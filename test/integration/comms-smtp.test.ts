import crypto from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import request from 'supertest';
import type { SendOutput } from '../../domain/comms/comms.activity-contracts';
import { commsActivities } from '../../activities/comms/comms.wiring';
import type { ServiceTaskMeta } from '../../activities/registry';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { mailHeader as header, startLoopbackSmtp, type LoopbackSmtp } from '../support/loopback-smtp';

describe('comms: mail through the SMTP adapter (loopback SMTP server)', () => {
  let t: TestContext;
  let smtp: LoopbackSmtp;
  let tenant: OwnTenant;
  let contactId: string;
  let activities: ReturnType<typeof commsActivities>;
  // Expected failures are part of these tests: keep the SDK's warnings out of the output.
  const env = new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });
  const meta = (): ServiceTaskMeta => {
    const workflowId = `${tenant.tenantId}/welcome/${crypto.randomUUID()}`;
    return { tenantId: tenant.tenantId, workflowId, elementId: 'Task_Mail', loopCounter: 0, idempotencyKey: `${workflowId}/Task_Mail/1/0` };
  };
  const send = (input: Record<string, unknown>, m: ServiceTaskMeta): Promise<SendOutput> => env.run(activities['comms.mail.send'], input as never, m);

  beforeAll(async () => {
    smtp = await startLoopbackSmtp();
    t = testContext();
    activities = commsActivities(t.knex);
    tenant = await createOwnTenant(t.admin, 'comms-smtp', ['events']);
    const management = (await loginAs(t.app, 'management', tenant.slug)).accessToken;
    const [account] = await t.admin('accounts').insert({ tenantId: tenant.tenantId, number: 1, name: 'Cool Startup' }).returning('id');
    const [contact] = await t.admin('contacts').insert({ tenantId: tenant.tenantId, accountId: account.id, firstName: 'Paul', lastName: 'Martin', email: 'Paul.Martin@example.test' }).returning('id');
    contactId = contact.id;
    const settings = await request(t.app).put('/api/v1/comms/settings').set('Authorization', `Bearer ${management}`).send({
      smsProvider: 'sandbox', mailProvider: 'smtp', smtpHost: '127.0.0.1', smtpPort: smtp.port, smtpSecure: false,
      smtpUser: 'relais', smtpPassword: 'smtp-secret', mailFrom: 'Relais Test <noreply@relais.test>',
    });
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({ smtpPasswordSet: true });
    expect(JSON.stringify(settings.body)).not.toContain('smtp-secret');
    const template = await request(t.app).post('/api/v1/comms/templates').set('Authorization', `Bearer ${management}`).send({
      key: 'welcome', language: 'fr', channel: 'mail', category: 'transactional', kind: 'contact.message', name: 'Bienvenue',
      subject: 'Welcome {{contact.firstName}}', body: 'Hello {{contact.fullName}},\n\nYour account at {{account.name}} is ready.\n\n{{tenant.name}}',
    });
    expect(template.status).toBe(201);
  });

  afterAll(async () => {
    await smtp.close();
    await t.close();
  });

  it('delivers the rendered template to the SMTP server, authenticated, with our headers; a repeat sends nothing more', async () => {
    const m = meta();
    const result = await send({ contactId, templateKey: 'welcome' }, m);
    expect(result).toMatchObject({ status: 'sent' });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail).toMatchObject({ from: 'noreply@relais.test', to: ['paul.martin@example.test'], user: 'relais' });
    expect(header(mail.raw, 'From')).toBe('Relais Test <noreply@relais.test>');
    expect(header(mail.raw, 'To')).toBe('paul.martin@example.test');
    expect(header(mail.raw, 'Subject')).toBe('Welcome Paul');
    expect(header(mail.raw, 'Message-ID')).toBe(`<${result.messageId}@relais.message>`);
    expect(header(mail.raw, 'X-Relais-Message')).toBe(result.messageId);
    expect(mail.raw).toContain('Hello Paul Martin,');
    expect(mail.raw).toContain(`Your account at Cool Startup is ready.`);

    // The same task retried (same key): the message exists, nothing is sent again.
    expect(await send({ contactId, templateKey: 'welcome' }, m)).toEqual(result);
    expect(smtp.received).toHaveLength(1);
    const row = await t.admin('messages').where({ id: result.messageId }).first('status', 'subject', 'recordType', 'recordId');
    expect(row).toEqual({ status: 'sent', subject: 'Welcome Paul', recordType: 'contact', recordId: contactId });
  });

  it('refuses for good a mailbox the server does not know, and retries a temporary refusal', async () => {
    const refused = await send({ to: 'nobody@example.test', body: 'Hello', subject: 'Test' }, meta()).then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(ApplicationFailure);
    expect(refused).toMatchObject({ type: 'CommsRefused', nonRetryable: true });
    expect(String((refused as Error).message)).toMatch(/No such mailbox/);

    const before = smtp.received.length;
    smtp.failNext(1);
    const m = meta();
    const transient = await send({ contactId, body: 'Second try', subject: 'Retry' }, m).then(() => null, (e: unknown) => e);
    expect(transient).toMatchObject({ type: 'CommsProviderUnavailable', nonRetryable: false });
    expect(smtp.received.length).toBe(before);
    // Temporal's retry of the same task: sent once.
    const retried = await send({ contactId, body: 'Second try', subject: 'Retry' }, m);
    expect(retried.status).toBe('sent');
    expect(smtp.received.length).toBe(before + 1);
    expect(await t.admin('messages').where({ id: retried.messageId }).first('attempts')).toEqual({ attempts: 2 });
  });

  it('attaches the files another activity passes (an invoice PDF), keeps their names on the message and its timeline, and attaches them again on a retry', async () => {
    const pdf = Buffer.from('%PDF-1.7\n% une facture\n%%EOF\n');
    const attachments = [{ filename: 'Facture F-2026-00042.pdf', contentType: 'application/pdf', content: pdf }];
    const before = smtp.received.length;
    smtp.failNext(1);
    const m = meta();
    const input = { contactId, subject: 'Votre facture', body: 'Veuillez trouver votre facture ci-jointe.', recordType: 'account', recordId: (await t.admin('contacts').where({ id: contactId }).first('accountId')).accountId, attachments };
    expect(await send(input, m).then(() => null, (e: unknown) => e)).toMatchObject({ type: 'CommsProviderUnavailable' });
    const sent = await send(input, m);
    expect(smtp.received.length).toBe(before + 1);
    const raw = smtp.received[before]!.raw;
    expect(raw).toMatch(/Content-Type: application\/pdf; name=/);
    expect(raw).toContain('Content-Disposition: attachment');
    expect(raw).toContain(pdf.toString('base64'));
    const row = await t.admin('messages').where({ id: sent.messageId }).first('attachments', 'recordId');
    expect(row.attachments).toEqual([{ filename: 'Facture F-2026-00042.pdf', contentType: 'application/pdf', sizeBytes: pdf.length }]);
    const timeline = await t.admin('history').where({ recordType: 'account', recordId: row.recordId, action: 'message' }).orderBy('id', 'desc').first('changes');
    expect(timeline.changes).toMatchObject({ status: 'sent', attachments: ['Facture F-2026-00042.pdf'] });
  });
});
