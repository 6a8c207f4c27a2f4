import request from 'supertest';
import { loginAs, TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * The comms API: templates (unknown variables refused at save), preview,
 * consent for marketing, refusals before any send, permissions, and tenant
 * isolation. Sends are only queued here (no worker polls this queue): what is
 * checked is what the API accepts, refuses and records.
 */
describe('comms API: templates, consent, refusals, permissions, isolation', () => {
  let t: TestContext;
  let a: OwnTenant;
  let b: OwnTenant;
  const tokens: Record<string, string> = {};
  let contact: string;
  let other: string;
  let badNumber: string;
  let noNumber: string;
  let accountId: string;

  const as = (who: string) => ({
    get: (url: string) => request(t.app).get(url).set('Authorization', `Bearer ${tokens[who]}`),
    post: (url: string, body: object = {}) => request(t.app).post(url).set('Authorization', `Bearer ${tokens[who]}`).send(body),
    patch: (url: string, body: object, version: number) => request(t.app).patch(url).set('Authorization', `Bearer ${tokens[who]}`).set('If-Match', `"${version}"`).send(body),
    delete: (url: string) => request(t.app).delete(url).set('Authorization', `Bearer ${tokens[who]}`),
    put: (url: string, body: object) => request(t.app).put(url).set('Authorization', `Bearer ${tokens[who]}`).send(body),
  });
  const count = async (table: string, where: Record<string, unknown>) => Number((await t.admin(table).where(where).count<{ count: string }[]>('* as count'))[0]!.count);

  beforeAll(async () => {
    t = testContext({ taskQueue: `${TASK_QUEUE}-comms-api-unpolled` });
    a = await createOwnTenant(t.admin, 'comms-a', ['events']);
    b = await createOwnTenant(t.admin, 'comms-b', ['events']);
    for (const role of ['sales', 'support', 'management']) tokens[role] = (await loginAs(t.app, role, a.slug)).accessToken;
    tokens.otherSales = (await loginAs(t.app, 'sales', b.slug)).accessToken;
    const [account] = await t.admin('accounts').insert({ tenantId: a.tenantId, number: 1, name: 'École Test', ownerId: a.userIds.sales }).returning('id');
    accountId = account.id;
    const insert = async (firstName: string, mobile: string | null) => (await t.admin('contacts').insert({ tenantId: a.tenantId, accountId, firstName, lastName: 'Test', mobile }).returning('id'))[0].id as string;
    contact = await insert('Emma', '06 98 76 54 32');
    other = await insert('Louis', '+33698765433');
    badNumber = await insert('Bad', '12');
    noNumber = await insert('None', null);
  });
  afterAll(() => t.close());

  describe('templates', () => {
    it('refuses at save a template that uses a variable its kind does not declare, and writes nothing', async () => {
      const before = await count('commsTemplates', { tenantId: a.tenantId });
      const res = await as('sales').post('/api/v1/comms/templates', {
        key: 'bad', language: 'fr', channel: 'sms', category: 'transactional', kind: 'contact.message', name: 'Bad', body: 'Bonjour {{contact.firstName}}, pointure {{contact.shoeSize}} ; facture {{invoice.number}}',
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'body', code: 'comms.field.unknown-variables', message: expect.stringContaining('variables inconnues {{contact.shoeSize}}, {{invoice.number}}') })]);
      expect(res.body.errors[0].message).toContain('contact.firstName');
      const syntax = await as('sales').post('/api/v1/comms/templates', { key: 'bad', language: 'fr', channel: 'sms', category: 'transactional', kind: 'contact.message', name: 'Bad', body: 'Total {{ 1 + 1 }}' });
      expect(syntax.status).toBe(400);
      const noStop = await as('sales').post('/api/v1/comms/templates', { key: 'promo', language: 'fr', channel: 'sms', category: 'marketing', kind: 'contact.message', name: 'Promo', body: 'Promo -10% !' });
      expect(noStop.body.errors).toEqual([{ field: 'body', code: 'comms.field.stop-mention', message: expect.stringContaining('comment se désabonner') }]);
      const noSubject = await as('sales').post('/api/v1/comms/templates', { key: 'mail', language: 'fr', channel: 'mail', category: 'transactional', kind: 'contact.message', name: 'Mail', body: 'Hello' });
      expect(noSubject.body.errors).toEqual([{ field: 'subject', code: 'comms.field.mail-subject', message: 'est obligatoire pour un modèle d\'e-mail' }]);
      expect(await count('commsTemplates', { tenantId: a.tenantId })).toBe(before);
    });

    it('creates, previews and updates a template (If-Match), refusing an unknown variable on update too', async () => {
      const created = await as('sales').post('/api/v1/comms/templates', {
        key: 'relance', language: 'fr', channel: 'sms', category: 'transactional', kind: 'billing.payment-reminder', name: 'Relance',
        body: 'Bonjour {{contact.firstName}}, la facture {{invoice.number}} ({{invoice.amountDue}}) est échue. {{tenant.name}}',
      });
      expect(created.status).toBe(201);
      expect(created.headers.etag).toBe('"1"');

      const sample = await as('sales').post('/api/v1/comms/templates/preview', { templateId: created.body.id });
      expect(sample.body).toMatchObject({ body: 'Bonjour Camille, la facture F2026-0042 (1 250,00 €) est échue. Relais', missing: [], problems: [], segments: { segments: 1 } });
      const real = await as('sales').post('/api/v1/comms/templates/preview', { templateId: created.body.id, contactId: contact, variables: { invoice: { number: 'F-7' } } });
      expect(real.body.body).toBe(`Bonjour Emma, la facture F-7 (1 250,00 €) est échue. Test ${a.slug}`);
      const draft = await as('sales').post('/api/v1/comms/templates/preview', { kind: 'contact.message', channel: 'sms', body: 'Salut {{contact.firstName}} {{contact.age}}' });
      expect(draft.body.missing).toEqual(['contact.age']);
      expect(draft.body.problems[0].message).toContain('{{contact.age}}');

      const url = `/api/v1/comms/templates/${created.body.id}`;
      expect((await as('sales').patch(url, { body: 'Bonjour {{contact.nickname}}' }, 1)).status).toBe(400);
      const updated = await as('sales').patch(url, { body: 'Rappel : facture {{invoice.number}} à régler. {{tenant.name}}' }, 1);
      expect(updated.status).toBe(200);
      expect(updated.body.version).toBe(2);
      expect((await as('sales').patch(url, { name: 'Stale' }, 1)).status).toBe(412);
      expect((await as('sales').get('/api/v1/comms/template-kinds')).body.items.map((k: { key: string }) => k.key)).toContain('billing.payment-reminder');
    });

    it('lets only senders manage templates', async () => {
      const res = await as('support').post('/api/v1/comms/templates', { key: 'x', language: 'fr', channel: 'sms', category: 'transactional', kind: 'contact.message', name: 'X', body: 'x' });
      expect(res.status).toBe(403);
      expect((await as('support').get('/api/v1/comms/templates')).status).toBe(403);
      // Staff read the message log.
      expect((await as('support').get('/api/v1/comms/messages')).status).toBe(200);
    });
  });

  describe('sending from the API', () => {
    beforeAll(async () => {
      await as('sales').post('/api/v1/comms/templates', { key: 'promo', language: 'fr', channel: 'sms', category: 'marketing', kind: 'contact.message', name: 'Promo', body: 'Bonjour {{contact.firstName}}, -10% cette semaine. STOP au 36180' });
      await as('sales').post('/api/v1/comms/templates', { key: 'info', language: 'fr', channel: 'sms', category: 'transactional', kind: 'contact.message', name: 'Info', body: 'Bonjour {{contact.firstName}}, votre dossier est complet.' });
    });

    it('refuses marketing without recorded consent (nothing written), sends it once consent is recorded, refuses again once withdrawn', async () => {
      const before = await count('messages', { tenantId: a.tenantId });
      const refused = await as('sales').post(`/api/v1/contacts/${contact}/sms`, { templateKey: 'promo' });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ reason: 'no_consent', code: 'comms.refused.no-consent', detail: expect.stringContaining('n\'a pas consenti à la prospection par SMS') });
      expect(await count('messages', { tenantId: a.tenantId })).toBe(before);

      const consent = await as('sales').post(`/api/v1/contacts/${contact}/consents`, { channel: 'sms', source: 'Formulaire papier signé le 12/03' });
      expect(consent.status).toBe(201);
      expect(consent.body).toMatchObject({ channel: 'sms', active: true, source: 'Formulaire papier signé le 12/03' });
      const sent = await as('sales').post(`/api/v1/contacts/${contact}/sms`, { templateKey: 'promo' });
      expect(sent.status).toBe(202);
      expect(sent.body).toMatchObject({ status: 'pending', category: 'marketing', recipient: '+33698765432', body: 'Bonjour Emma, -10% cette semaine. STOP au 36180', sentByUserId: a.userIds.sales });

      expect((await as('sales').delete(`/api/v1/contacts/${contact}/consents/sms`)).status).toBe(200);
      expect((await as('sales').post(`/api/v1/contacts/${contact}/sms`, { templateKey: 'promo' })).status).toBe(422);
      const timeline = await as('sales').get(`/api/v1/contacts/${contact}/history`);
      expect(timeline.body.items.filter((i: { action: string }) => i.action === 'consent').map((i: { changes: { consent: { after: string } } }) => i.changes.consent.after)).toEqual(['withdrawn', 'granted']);
    });

    it('sends a transactional message without consent', async () => {
      const res = await as('sales').post(`/api/v1/contacts/${other}/sms`, { templateKey: 'info' });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ category: 'transactional', status: 'pending', body: 'Bonjour Louis, votre dossier est complet.' });
    });

    it('refuses an invalid or missing number before any send, and an Idempotency-Key repeat returns the same message', async () => {
      const before = await count('messages', { tenantId: a.tenantId });
      const invalid = await as('sales').post(`/api/v1/contacts/${badNumber}/sms`, { body: 'Test' });
      expect(invalid).toMatchObject({ status: 422, body: { reason: 'invalid_number' } });
      expect((await as('sales').post(`/api/v1/contacts/${noNumber}/sms`, { body: 'Test' })).body.reason).toBe('no_address');
      expect((await as('sales').post('/api/v1/comms/messages', { channel: 'sms', to: '+1 555', body: 'Test' })).body.reason).toBe('invalid_number');
      expect((await as('sales').post('/api/v1/comms/messages', { channel: 'sms', to: '06 12 34 56 78', body: 'Bonjour {{contact.firstName}}', templateKey: 'info' })).status).toBe(400);
      expect(await count('messages', { tenantId: a.tenantId })).toBe(before);

      const key = `free-text-${Date.now()}`;
      const first = await request(t.app).post('/api/v1/comms/messages').set('Authorization', `Bearer ${tokens.sales}`).set('Idempotency-Key', key).send({ channel: 'sms', to: '06 12 34 56 78', body: 'Votre colis arrive.' });
      const second = await request(t.app).post('/api/v1/comms/messages').set('Authorization', `Bearer ${tokens.sales}`).set('Idempotency-Key', key).send({ channel: 'sms', to: '06 12 34 56 78', body: 'Votre colis arrive.' });
      expect(first.status).toBe(202);
      expect(second.body.id).toBe(first.body.id);
      expect(await count('messages', { tenantId: a.tenantId })).toBe(before + 1);
      expect(first.body.recipient).toBe('+33612345678');
    });

    it('lists messages with filters (record, status, channel)', async () => {
      const byRecord = await as('support').get(`/api/v1/comms/messages?recordType=contact&recordId=${other}`);
      expect(byRecord.body.items).toHaveLength(1);
      expect(byRecord.body.items[0]).toMatchObject({ recordId: other, status: 'pending' });
      const pending = await as('support').get('/api/v1/comms/messages?status=pending&channel=sms&limit=1');
      expect(pending.body.items).toHaveLength(1);
      expect(pending.body.nextCursor).toEqual(expect.any(String));
      const next = await as('support').get(`/api/v1/comms/messages?status=pending&channel=sms&limit=1&cursor=${pending.body.nextCursor}`);
      expect(next.body.items[0].id).not.toBe(pending.body.items[0].id);
      expect((await as('support').get('/api/v1/comms/messages?status=bogus')).status).toBe(400);
    });
  });

  describe('settings', () => {
    it('are for administrators only', async () => {
      expect((await as('sales').get('/api/v1/comms/settings')).status).toBe(403);
      expect((await as('sales').put('/api/v1/comms/settings', { smsProvider: 'sandbox', mailProvider: 'sandbox' })).status).toBe(403);
      const res = await as('management').put('/api/v1/comms/settings', { smsProvider: 'twilio', mailProvider: 'sandbox' });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['twilioAccountSid', 'twilioAuthToken', 'twilioFrom']);
      const ok = await as('management').put('/api/v1/comms/settings', { smsProvider: 'sandbox', mailProvider: 'sandbox', smsRatePerMinute: 30 });
      expect(ok.body).toMatchObject({ smsProvider: 'sandbox', smsRatePerMinute: 30, version: 1 });
    });
  });

  describe('tenant isolation', () => {
    it('answers 404 for another organisation\'s messages, templates and contacts, and lists none of them', async () => {
      const message = await t.admin('messages').where({ tenantId: a.tenantId }).first('id');
      const template = await t.admin('commsTemplates').where({ tenantId: a.tenantId }).first('id', 'version');
      expect((await as('otherSales').get(`/api/v1/comms/messages/${message.id}`)).status).toBe(404);
      expect((await as('otherSales').get(`/api/v1/comms/templates/${template.id}`)).status).toBe(404);
      expect((await as('otherSales').patch(`/api/v1/comms/templates/${template.id}`, { name: 'hacked' }, template.version)).status).toBe(404);
      expect((await as('otherSales').delete(`/api/v1/comms/templates/${template.id}`)).status).toBe(404);
      expect((await as('otherSales').post('/api/v1/comms/templates/preview', { templateId: template.id })).status).toBe(404);
      expect((await as('otherSales').post(`/api/v1/contacts/${contact}/sms`, { body: 'Intrusion' })).status).toBe(404);
      expect((await as('otherSales').post(`/api/v1/contacts/${contact}/consents`, { channel: 'sms', source: 'forged' })).status).toBe(404);
      expect((await as('otherSales').get('/api/v1/comms/messages')).body.items).toEqual([]);
      expect((await as('otherSales').get('/api/v1/comms/templates')).body.items).toEqual([]);
      expect(await t.admin('commsTemplates').where({ id: template.id }).first('name')).not.toEqual({ name: 'hacked' });
    });
  });
});
