import crypto from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { simpleParser } from 'mailparser';
import request from 'supertest';
import { commsActivities } from '../../activities/comms/comms.wiring';
import type { ServiceTaskMeta } from '../../activities/registry';
import type { SendOutput } from '../../domain/comms/comms.activity-contracts';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, uniqueName, type OwnTenant } from '../support/fixtures';
import { startLoopbackSmtp, type LoopbackSmtp } from '../support/loopback-smtp';

/**
 * White label in the mails (spec 002 §11, ADR 0048): the same comms template sent through the real path (the
 * `comms.mail.send` activity, comms' delivery, the SMTP adapter, a loopback SMTP server) to a client of a brand
 * and to a client without one: the first receives the brand's own subject, body and sender name, the second the
 * organisation's. The brand's template deleted, the organisation's is used and the message's history says so.
 * Another organisation's template cannot be set as a brand's.
 */
describe('comms: a white-label brand\'s mail templates and sender are what is sent to its clients', () => {
  let t: TestContext;
  let smtp: LoopbackSmtp;
  let tenant: OwnTenant;
  let other: OwnTenant;
  let activities: ReturnType<typeof commsActivities>;
  let manager: string;
  let brandId: string;
  let ownTemplateId: string;
  const contacts: Record<'branded' | 'plain', string> = { branded: '', plain: '' };
  const env = new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });
  const meta = (): ServiceTaskMeta => {
    const workflowId = `${tenant.tenantId}/notice/${crypto.randomUUID()}`;
    return { tenantId: tenant.tenantId, workflowId, elementId: 'Task_Notice', loopCounter: 0, idempotencyKey: `${workflowId}/Task_Notice/1/0` };
  };
  const sendNotice = (contactId: string): Promise<SendOutput> =>
    env.run(activities['comms.mail.send'], { contactId, templateKey: 'telecom.service-notice' } as never, meta());
  const lastMail = async () => simpleParser(smtp.received[smtp.received.length - 1]!.raw);
  const api = (method: 'post' | 'patch' | 'get' | 'delete', path: string) => request(t.app)[method](path).set('Authorization', `Bearer ${manager}`).set('Accept-Language', 'fr');

  async function client(brand: string | null, email: string): Promise<string> {
    const [account] = await t.admin('accounts').insert({ tenantId: tenant.tenantId, number: 8_000_000 + Math.floor(Math.random() * 1_000_000), name: uniqueName('Client') }).returning('id');
    await t.admin('telecomAccountProfiles').insert({ accountId: account.id, tenantId: tenant.tenantId, softwhereId: `SW-${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}`, brandId: brand });
    const [contact] = await t.admin('contacts').insert({ tenantId: tenant.tenantId, accountId: account.id, firstName: 'Anne', lastName: 'Le Goff', email }).returning('id');
    return contact.id;
  }

  async function setBranding(body: Record<string, unknown>) {
    const brand = await api('get', `/api/v1/telecom/brands/${brandId}`);
    return api('patch', `/api/v1/telecom/brands/${brandId}/branding`).set('If-Match', brand.headers.etag).send(body);
  }

  beforeAll(async () => {
    smtp = await startLoopbackSmtp();
    t = testContext();
    activities = commsActivities(t.knex);
    [tenant, other] = await Promise.all([createOwnTenant(t.admin, 'brand-mail'), createOwnTenant(t.admin, 'brand-mail-other')]);
    manager = (await loginAs(t.app, 'manager', tenant.slug)).accessToken;
    const direction = (await loginAs(t.app, 'direction', tenant.slug)).accessToken;
    const settings = await request(t.app).put('/api/v1/comms/settings').set('Authorization', `Bearer ${direction}`).send({
      smsProvider: 'sandbox', mailProvider: 'smtp', smtpHost: '127.0.0.1', smtpPort: smtp.port, smtpSecure: false,
      smtpUser: 'relais', smtpPassword: 'smtp-secret', mailFrom: 'SoftWhere <noreply@softwhere.test>',
    });
    expect(settings.status).toBe(200);
    const template = (key: string, subject: string, body: string) => api('post', '/api/v1/comms/templates')
      .send({ key, language: 'fr', channel: 'mail', category: 'transactional', kind: 'contact.message', name: key, subject, body });
    expect((await template('telecom.service-notice', 'Vos services — {{account.name}}', 'Bonjour {{contact.firstName}},\n\nUne intervention est prévue.\n\n{{tenant.name}}')).status).toBe(201);
    const own = await template('telecom.service-notice.armor', 'Armor — vos lignes, {{contact.fullName}}', 'Bonjour {{contact.firstName}},\n\nVotre conseiller Armor vous informe.\n\nArmor Télécom');
    expect(own.status).toBe(201);
    ownTemplateId = own.body.id;
    brandId = (await t.admin('telecomBrands').insert({ tenantId: tenant.tenantId, key: 'armor', name: 'Armor Télécom' }).returning('id'))[0].id;
    const branding = await setBranding({ mailSenderName: 'Armor Télécom', mailTemplates: { 'telecom.service-notice': ownTemplateId } });
    expect(branding.status).toBe(200);
    contacts.branded = await client(brandId, 'anne@armor-client.test');
    contacts.plain = await client(null, 'anne@direct-client.test');
  });

  afterAll(async () => {
    await smtp.close();
    await t?.close();
  });

  it('sends the brand\'s subject, body and sender name to its client, and the organisation\'s to a client without brand', async () => {
    const branded = await sendNotice(contacts.branded);
    expect(branded.status).toBe('sent');
    const mail = await lastMail();
    expect(mail.from?.value).toEqual([{ name: 'Armor Télécom', address: 'noreply@softwhere.test' }]);
    expect(mail.subject).toBe('Armor — vos lignes, Anne Le Goff');
    expect(mail.text).toContain('Votre conseiller Armor vous informe.');
    const row = await t.admin('messages').where({ id: branded.messageId }).first('templateId', 'templateKey');
    expect(row).toEqual({ templateId: ownTemplateId, templateKey: 'telecom.service-notice' });
    const event = await t.admin('messageEvents').where({ messageId: branded.messageId, status: 'pending' }).first('detail');
    expect(event.detail).toEqual({ variant: { source: 'telecom.brand', templateId: ownTemplateId, fallback: false } });

    const plain = await sendNotice(contacts.plain);
    expect(plain.status).toBe('sent');
    const other = await lastMail();
    expect(other.from?.value).toEqual([{ name: 'SoftWhere', address: 'noreply@softwhere.test' }]);
    expect(other.subject).toMatch(/^Vos services — Client /);
    expect(other.text).toContain('Une intervention est prévue.');
    expect(other.text).not.toContain('Armor');
  });

  it('sends a mail written without template (the onboarding\'s welcome) to a brand\'s client under the brand\'s name', async () => {
    const sent = await env.run(activities['comms.mail.send'], { contactId: contacts.branded, subject: 'Bienvenue', body: 'Votre compte est prêt.' } as never, meta()) as { status: string; messageId: string };
    expect(sent.status).toBe('sent');
    const mail = await lastMail();
    expect(mail.from?.value).toEqual([{ name: 'Armor Télécom', address: 'noreply@softwhere.test' }]);
    expect(mail.subject).toBe('Bienvenue');
    const event = await t.admin('messageEvents').where({ messageId: sent.messageId, status: 'pending' }).first('detail');
    expect(event.detail).toEqual({ variant: { source: 'telecom.brand', templateId: null, fallback: false } });
  });

  it('falls back to the organisation\'s template when the brand\'s was deleted, keeps the brand\'s sender, and says so in the message\'s history', async () => {
    expect((await api('delete', `/api/v1/comms/templates/${ownTemplateId}`)).status).toBe(204);
    const sent = await sendNotice(contacts.branded);
    expect(sent.status).toBe('sent');
    const mail = await lastMail();
    expect(mail.subject).toMatch(/^Vos services — Client /);
    expect(mail.from?.value).toEqual([{ name: 'Armor Télécom', address: 'noreply@softwhere.test' }]);
    const event = await t.admin('messageEvents').where({ messageId: sent.messageId, status: 'pending' }).first('detail');
    expect(event.detail).toEqual({ variant: { source: 'telecom.brand', templateId: ownTemplateId, fallback: true } });
    expect(JSON.stringify(event.detail)).not.toMatch(/anne|Le Goff/i);
  });

  it('seeds the demo\'s client notice and Connextoo\'s own version, set in its branding', async () => {
    const demo = await t.admin('tenants').where({ slug: 'softwhere' }).first('id');
    const templates = await t.admin('commsTemplates').where({ tenantId: demo.id, channel: 'mail' }).whereIn('key', ['telecom.service-notice', 'telecom.service-notice.connextoo']).select('id', 'key');
    expect(templates.map((r: { key: string }) => r.key).sort()).toEqual(['telecom.service-notice', 'telecom.service-notice.connextoo']);
    const branding = await t.admin('telecomBrandBrandings as g').join('telecomBrands as b', 'b.id', 'g.brandId')
      .where({ 'b.tenantId': demo.id, 'b.key': 'connextoo' }).first('g.mailTemplates', 'g.mailSenderName');
    expect(branding).toEqual({ mailSenderName: 'Connextoo', mailTemplates: { 'telecom.service-notice': templates.find((r: { key: string }) => r.key.endsWith('connextoo'))!.id } });
  });

  it('refuses another organisation\'s template as a brand\'s, in French, writing nothing', async () => {
    const [foreign] = await t.admin('commsTemplates').insert({ tenantId: other.tenantId, key: 'telecom.service-notice', language: 'fr', channel: 'mail', category: 'transactional', kind: 'contact.message', name: 'Ailleurs', subject: 'Ailleurs', body: 'Ailleurs' }).returning('id');
    const before = await t.admin('telecomBrandBrandings').where({ brandId }).first('mailTemplates', 'version');
    const refused = await setBranding({ mailTemplates: { 'telecom.service-notice': foreign.id } });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toMatch(/modèle/i);
    expect(await t.admin('telecomBrandBrandings').where({ brandId }).first('mailTemplates', 'version')).toEqual(before);
  });
});
