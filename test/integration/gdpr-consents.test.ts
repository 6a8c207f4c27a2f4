import { NativeConnection, Worker } from '@temporalio/worker';
import request from 'supertest';
import { createActivities } from '../../activities';
import { workflowBundle, testDataConverter } from '../support/engine';
import { loginAs, TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { until } from '../support/worker-process';

/**
 * The consent ledger (issue 15, ADR 0024) through the API: a contact's ledger and states, an entry recorded
 * with its source and text version, texts of consent for the data protection officer (a used text no longer
 * changes), « Mes données » for a collaborator and for a portal client (as their contact), French refusals,
 * another organisation seeing nothing — and a withdrawal stopping a campaign's send planned before it.
 */
const QUEUE = `${TASK_QUEUE}-gdpr-consents`;

describe('consent ledger: /api/v1/gdpr/consents, /consent-texts, /me', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  let other: OwnTenant;
  const tokens: Record<string, string> = {};
  let accountId: string;
  let ada: string;
  let blaise: string;
  let clientContact: string;

  beforeAll(async () => {
    t = testContext({ taskQueue: QUEUE });
    [tenant, other] = await Promise.all([createOwnTenant(t.admin, 'gdpr-consent'), createOwnTenant(t.admin, 'gdpr-consent-other')]);
    [accountId] = (await t.admin('accounts').insert({ tenantId: tenant.tenantId, number: 1, name: 'Boulangerie Martin' }).returning('id')).map((r) => r.id);
    const people = await t.admin('contacts').insert([
      { tenantId: tenant.tenantId, accountId, firstName: 'Ada', lastName: 'Martin', email: 'ada@boulangerie.test' },
      { tenantId: tenant.tenantId, accountId, firstName: 'Blaise', lastName: 'Martin', email: 'blaise@boulangerie.test' },
      { tenantId: tenant.tenantId, accountId, firstName: 'Client', lastName: 'Portail', email: `client@${tenant.slug}.demo` },
    ]).returning('id');
    [ada, blaise, clientContact] = people.map((p) => p.id as string);
    // The portal client belongs to the account whose contact has their e-mail.
    await t.admin('users').where({ id: tenant.userIds.client }).update({ accountId });
    for (const [key, role, slug] of [['manager', 'manager', tenant.slug], ['dpo', 'dpo', tenant.slug], ['client', 'client', tenant.slug], ['sales', 'sales', tenant.slug], ['otherManager', 'manager', other.slug], ['otherDpo', 'dpo', other.slug]] as const) {
      tokens[key] = (await loginAs(t.app, role, slug)).accessToken;
    }
  });
  afterAll(() => t.close());

  const as = (who: string) => ({
    get: (url: string) => request(t.app).get(url).set('Authorization', `Bearer ${tokens[who]}`),
    post: (url: string, body: unknown) => request(t.app).post(url).set('Authorization', `Bearer ${tokens[who]}`).send(body as object),
    put: (url: string, body: unknown) => request(t.app).put(url).set('Authorization', `Bearer ${tokens[who]}`).send(body as object),
    delete: (url: string) => request(t.app).delete(url).set('Authorization', `Bearer ${tokens[who]}`),
  });
  const contactSubject = (id: string) => ({ kind: 'contact', id });

  it('the officer publishes versions of a text; an entry names the version shown; a used text no longer changes', async () => {
    const purposes = await as('dpo').get('/api/v1/gdpr/consent-purposes').expect(200);
    expect(purposes.body.items).toEqual([expect.objectContaining({ key: 'comms.marketing', module: 'comms', channels: ['mail', 'sms'], validity: 'P3Y', softOptIn: true })]);
    const v1 = await as('dpo').post('/api/v1/gdpr/consent-texts', { purpose: 'comms.marketing', title: 'Offres', body: 'J’accepte de recevoir les offres de la boulangerie.' }).expect(201);
    expect(v1.body).toMatchObject({ purpose: 'comms.marketing', version: 1, used: false });
    // Not yet shown to anyone: still corrected in place.
    expect((await as('dpo').put(`/api/v1/gdpr/consent-texts/${v1.body.id}`, { title: 'Offres et actualités', body: 'J’accepte de recevoir les offres et actualités.' }).expect(200)).body.title).toBe('Offres et actualités');

    const granted = await as('manager').post('/api/v1/gdpr/consents', {
      subject: contactSubject(ada), purpose: 'comms.marketing', channel: 'mail', decision: 'opt-in', source: 'web', sourceDetail: 'Formulaire du site', occurredAt: '2026-01-10T09:00:00Z',
    }).expect(201);
    expect(granted.body).toMatchObject({ decision: 'opt-in', source: 'web', textId: v1.body.id, textVersion: 1, occurredAt: '2026-01-10T09:00:00.000Z', expiresAt: '2029-01-10T09:00:00.000Z' });

    const changed = await as('dpo').put(`/api/v1/gdpr/consent-texts/${v1.body.id}`, { title: 'Autre', body: 'Autre texte' }).expect(409);
    expect(changed.body.detail).toBe('Ce texte a déjà été présenté à des personnes : il ne change plus. Publiez une nouvelle version.');
    await as('dpo').delete(`/api/v1/gdpr/consent-texts/${v1.body.id}`).expect(409);
    const v2 = await as('dpo').post('/api/v1/gdpr/consent-texts', { purpose: 'comms.marketing', title: 'Offres 2026', body: 'Nouvelle version.' }).expect(201);
    expect(v2.body.version).toBe(2);

    // The state says Ada consented to an older text than the current one.
    const read = await as('manager').get(`/api/v1/gdpr/consents?subjectKind=contact&subjectId=${ada}`).expect(200);
    const marketing = read.body.purposes.find((p: { key: string }) => p.key === 'comms.marketing');
    expect(marketing.currentText).toMatchObject({ version: 2 });
    expect(marketing.states.find((s: { channel: string }) => s.channel === 'mail')).toMatchObject({ status: 'granted', allowed: true, textVersion: 1, textOutdated: true });
    expect(marketing.states.find((s: { channel: string }) => s.channel === 'sms')).toMatchObject({ status: 'none', allowed: false });
    // The comms view of the same contact reads the ledger.
    expect((await as('manager').get(`/api/v1/contacts/${ada}/consents`).expect(200)).body.items).toEqual([expect.objectContaining({ channel: 'mail', active: true, source: 'Formulaire du site' })]);
    // Texts are the officer's.
    expect((await as('manager').post('/api/v1/gdpr/consent-texts', { purpose: 'comms.marketing', title: 'x', body: 'y' }).expect(403)).body.detail).toBe('Les textes de consentement sont réservés au délégué à la protection des données');
  });

  it('keeps every entry: withdrawal then re-grant, newest first, on the contact\'s timeline too', async () => {
    await as('manager').post('/api/v1/gdpr/consents', { subject: contactSubject(blaise), purpose: 'comms.marketing', channel: 'sms', decision: 'opt-in', source: 'phone' }).expect(201);
    await as('manager').post('/api/v1/gdpr/consents', { subject: contactSubject(blaise), purpose: 'comms.marketing', channel: 'sms', decision: 'opt-out', source: 'phone' }).expect(201);
    const after = await as('manager').post('/api/v1/gdpr/consents', { subject: contactSubject(blaise), purpose: 'comms.marketing', channel: 'sms', decision: 'opt-in', source: 'form', sourceDetail: 'Bulletin papier' }).expect(201);
    const read = (await as('manager').get(`/api/v1/gdpr/consents?subjectKind=contact&subjectId=${blaise}`).expect(200)).body;
    expect(read.ledger.map((e: { decision: string }) => e.decision)).toEqual(['opt-in', 'opt-out', 'opt-in']);
    expect(read.ledger[0].id).toBe(after.body.id);
    expect(read.purposes[0].states.find((s: { channel: string }) => s.channel === 'sms')).toMatchObject({ status: 'granted', source: 'form', sourceDetail: 'Bulletin papier' });
    const timeline = await as('manager').get(`/api/v1/contacts/${blaise}/history`).expect(200);
    expect(timeline.body.items.filter((i: { action: string }) => i.action === 'consent').map((i: { changes: { consent: { after: string } } }) => i.changes.consent.after)).toEqual(['granted', 'withdrawn', 'granted']);
  });

  it('refuses bad entries in French and writes nothing', async () => {
    const before = Number((await t.admin('gdprConsentEntries').where({ tenantId: tenant.tenantId }).count<{ n: string }[]>('* as n'))[0]!.n);
    const bad = async (body: Record<string, unknown>, status: number, detail: string | RegExp) => {
      const res = await as('manager').post('/api/v1/gdpr/consents', { subject: contactSubject(ada), purpose: 'comms.marketing', channel: 'mail', decision: 'opt-in', source: 'web', ...body });
      expect(res.status).toBe(status);
      expect(JSON.stringify(res.body)).toMatch(detail);
    };
    await bad({ purpose: 'comms.unknown' }, 422, 'La finalité « comms.unknown » n’existe pas dans votre organisation');
    await bad({ channel: 'fax' }, 422, 'Le canal « fax » ne fait pas partie de cette finalité');
    await bad({ occurredAt: '2099-01-01T00:00:00Z' }, 422, 'ne peut pas être dans le futur');
    await bad({ decision: 'opt-out', expiresAt: '2030-01-01T00:00:00Z' }, 422, 'Un retrait de consentement n’a pas d’expiration');
    await bad({ expiresAt: '2020-01-01T00:00:00Z', occurredAt: '2026-01-01T00:00:00Z' }, 422, 'L’expiration doit être après la date du consentement');
    await bad({ source: 'pigeon' }, 400, /source/);
    const forUser = await as('dpo').post('/api/v1/gdpr/consents', { subject: { kind: 'user', id: tenant.userIds.sales }, purpose: 'comms.marketing', channel: 'mail', decision: 'opt-in', source: 'web' });
    expect([forUser.status, forUser.body.detail]).toEqual([422, 'Cette finalité ne concerne pas ce type de personne']);
    await bad({ extra: 1 }, 400, /extra/);
    expect(Number((await t.admin('gdprConsentEntries').where({ tenantId: tenant.tenantId }).count<{ n: string }[]>('* as n'))[0]!.n)).toBe(before);
  });

  it('another organisation sees nothing and writes nothing; a collaborator reads only their own user\'s consents', async () => {
    await as('otherManager').get(`/api/v1/gdpr/consents?subjectKind=contact&subjectId=${ada}`).expect(404);
    await as('otherDpo').get(`/api/v1/gdpr/consents?subjectKind=contact&subjectId=${ada}`).expect(404);
    await as('otherManager').post('/api/v1/gdpr/consents', { subject: contactSubject(ada), purpose: 'comms.marketing', channel: 'mail', decision: 'opt-out', source: 'web' }).expect(404);
    expect((await as('otherDpo').get('/api/v1/gdpr/consent-texts').expect(200)).body.items).toEqual([]);
    await as('otherDpo').get(`/api/v1/gdpr/consent-texts/${(await t.admin('gdprConsentTexts').where({ tenantId: tenant.tenantId }).first('id')).id}`).expect(404);
    // The ledger itself takes no change from the application role (append-only, proof).
    const userSubject = `/api/v1/gdpr/consents?subjectKind=user&subjectId=${tenant.userIds.manager}`;
    expect((await as('sales').get(userSubject).expect(403)).body.detail).toBe('Vous ne pouvez pas consulter les consentements de cette personne');
    await as('manager').get(userSubject).expect(200);
    await as('dpo').get(userSubject).expect(200);
  });

  it('« Mes données »: a collaborator is their user, a portal client their contact, and changes their own consent', async () => {
    const mine = (await as('sales').get('/api/v1/gdpr/me').expect(200)).body;
    expect(mine).toMatchObject({ subject: { kind: 'user', id: tenant.userIds.sales }, profile: { email: `sales@${tenant.slug}.demo`, account: null }, contact: null });
    // Counted by processing activity, the rows the export of my data would hold: my account, my sign-ins.
    expect(mine.counts).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'identity.accounts', label: expect.any(String), count: expect.any(Number) })]));

    const client = (await as('client').get('/api/v1/gdpr/me').expect(200)).body;
    expect(client).toMatchObject({ subject: { kind: 'contact', id: clientContact }, profile: { account: { id: accountId, name: 'Boulangerie Martin' } }, contact: { firstName: 'Client' } });
    const granted = await as('client').post('/api/v1/gdpr/me/consents', { purpose: 'comms.marketing', channel: 'mail', decision: 'opt-in' }).expect(201);
    expect(granted.body).toMatchObject({ source: 'portal', textVersion: 2 });
    await as('client').post('/api/v1/gdpr/me/consents', { purpose: 'comms.marketing', channel: 'mail', decision: 'opt-out' }).expect(201);
    const consents = (await as('client').get('/api/v1/gdpr/me/consents').expect(200)).body;
    expect(consents.purposes[0].states.find((s: { channel: string }) => s.channel === 'mail')).toMatchObject({ status: 'withdrawn', source: 'portal' });
    const counted = (await as('client').get('/api/v1/gdpr/me').expect(200)).body.counts;
    expect(counted).toEqual(expect.arrayContaining([{ kind: 'gdpr.consents', label: 'Preuve des consentements', count: 2 }]));
    // The staff read the same ledger on the contact.
    expect((await as('manager').get(`/api/v1/contacts/${clientContact}/consents`).expect(200)).body.items[0]).toMatchObject({ channel: 'mail', active: false });
    // A portal client gives no soft opt-in to themself, and a collaborator has no marketing purpose.
    await as('client').post('/api/v1/gdpr/me/consents', { purpose: 'comms.marketing', channel: 'mail', decision: 'soft-opt-in' }).expect(400);
    await as('sales').post('/api/v1/gdpr/me/consents', { purpose: 'comms.marketing', channel: 'mail', decision: 'opt-in' }).expect(422);
  });

  it('a vertical declares its own purposes: a school\'s student consents to its newsletter as a user; the telecom operator has none', async () => {
    const school = await createOwnTenant(t.admin, 'gdpr-consent-school', ['school']);
    const student = (await loginAs(t.app, 'student', school.slug)).accessToken;
    const mine = await request(t.app).get('/api/v1/gdpr/me/consents').set('Authorization', `Bearer ${student}`).expect(200);
    // The school's own purposes (its parts add theirs: the portal's SMS and alumni directory, the alumni's Alumnet sharing).
    expect(mine.body.purposes.map((p: { key: string }) => p.key)).toEqual(expect.arrayContaining(['school.newsletter', 'school.sms-info', 'school.alumni-directory']));
    await request(t.app).post('/api/v1/gdpr/me/consents').set('Authorization', `Bearer ${student}`).send({ purpose: 'school.newsletter', channel: 'mail', decision: 'opt-in' }).expect(201);
    const after = await request(t.app).get('/api/v1/gdpr/me/consents').set('Authorization', `Bearer ${student}`).expect(200);
    expect(after.body.purposes.find((p: { key: string }) => p.key === 'school.newsletter').states[0]).toMatchObject({ channel: 'mail', status: 'granted', source: 'portal', expiresAt: null });
    // Not a purpose of an organisation without the vertical.
    expect((await as('sales').post('/api/v1/gdpr/me/consents', { purpose: 'school.newsletter', channel: 'mail', decision: 'opt-in' }).expect(422)).body.detail)
      .toBe('La finalité « school.newsletter » n’existe pas dans votre organisation');
  });

  it('a STOP reply withdraws the contact\'s consents by SMS in the ledger (source « reply »); START gives none back', async () => {
    const [paul] = (await t.admin('contacts').insert({ tenantId: tenant.tenantId, accountId, firstName: 'Paul', lastName: 'Martin', mobile: '+33622334455' }).returning('id')).map((r) => r.id as string);
    await as('manager').post('/api/v1/gdpr/consents', { subject: contactSubject(paul), purpose: 'comms.marketing', channel: 'sms', decision: 'opt-in', source: 'form' }).expect(201);
    await as('manager').post('/api/v1/comms/sandbox/sms/inbound', { from: '06 22 33 44 55', body: 'STOP' }).expect(201);
    await as('manager').post('/api/v1/comms/sandbox/sms/inbound', { from: '06 22 33 44 55', body: 'STOP' }).expect(201);
    const read = (await as('manager').get(`/api/v1/gdpr/consents?subjectKind=contact&subjectId=${paul}`).expect(200)).body;
    expect(read.ledger.map((e: { decision: string; source: string; sourceDetail: string | null; recordedBy: string | null }) => [e.decision, e.source, e.sourceDetail, e.recordedBy]))
      .toEqual([['opt-out', 'reply', 'STOP', null], ['opt-in', 'form', null, expect.any(String)]]);
    await as('manager').post('/api/v1/comms/sandbox/sms/inbound', { from: '06 22 33 44 55', body: 'START' }).expect(201);
    const after = (await as('manager').get(`/api/v1/gdpr/consents?subjectKind=contact&subjectId=${paul}`).expect(200)).body;
    expect(after.purposes[0].states.find((s: { channel: string }) => s.channel === 'sms')).toMatchObject({ status: 'withdrawn', source: 'reply' });
  });

  it('a withdrawal stops at once a campaign\'s send planned before it', async () => {
    const template = await as('manager').post('/api/v1/comms/templates', {
      key: 'promo-pain', language: 'fr', channel: 'mail', category: 'marketing', kind: 'contact.message', name: 'Promo', subject: 'Nos offres', body: 'Bonjour {{contact.firstName}}, -10 % cette semaine.',
    }).expect(201);
    // Ada (mail consent) and Blaise (a fresh mail consent) are both in the campaign when it starts: no worker runs yet, nothing is sent.
    await as('manager').post('/api/v1/gdpr/consents', { subject: contactSubject(blaise), purpose: 'comms.marketing', channel: 'mail', decision: 'opt-in', source: 'form' }).expect(201);
    const started = await as('manager').post('/api/v1/comms/campaigns', { name: 'Promo', templateId: template.body.id, contactIds: [ada, blaise] }).expect(202);
    // Blaise withdraws from « Mes données »'s counterpart, the ledger, before the campaign reaches him.
    await as('manager').post('/api/v1/gdpr/consents', { subject: contactSubject(blaise), purpose: 'comms.marketing', channel: 'mail', decision: 'opt-out', source: 'phone' }).expect(201);

    const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    const worker = await Worker.create({
      connection, taskQueue: QUEUE, workflowBundle: await workflowBundle(),
      activities: createActivities({ knex: t.knex, loadPlan: async () => undefined, comms: { sandboxLatencyMs: 10 } }),
      dataConverter: testDataConverter(t.knex),
    });
    const running = worker.run();
    try {
      const report = await until('the campaign to complete', async () => {
        const res = await as('manager').get(`/api/v1/comms/campaigns/${started.body.id}`);
        return res.body.status === 'completed' ? res.body : undefined;
      }, 90_000);
      expect(report.counts).toMatchObject({ sent: 1, refused: 1 });
      const byName = Object.fromEntries(report.recipients.map((r: { name: string }) => [r.name.split(' ')[0], r]));
      expect(byName.Ada).toMatchObject({ outcome: 'sent' });
      expect(byName.Blaise).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('consenti') });
      expect(await t.admin('sandboxMailOutbox').where({ tenantId: tenant.tenantId, recipient: 'blaise@boulangerie.test' }).first('id')).toBeUndefined();
    } finally {
      worker.shutdown();
      await running;
      await connection.close();
    }
  });
});
