import request from 'supertest';
import { loginAs, tenantId, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * Retention's API (issue 15, docs/adr/0026-retention.md) in an organisation of its own: the data protection
 * officer reads the rules (from the register) and the runs, simulates a day (counts and references, no
 * personal value), places, changes and lifts legal holds; another role is refused in French; bad input is
 * a 4xx naming the field and changes nothing; another organisation sees none of it.
 */
describe('/api/v1/gdpr/retention and /api/v1/gdpr/legal-holds', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  let dpo: string;
  let admin: string;
  let otherDpo: string;
  let prospect: string;
  let foreign: string;
  const call = (token: string, method: 'get' | 'post' | 'patch', url: string) => request(t.app)[method](url).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    t = testContext();
    tenant = await createOwnTenant(t.admin, 'retention-api', ['psa']);
    [dpo, admin, otherDpo] = (await Promise.all([loginAs(t.app, 'dpo', tenant.slug), loginAs(t.app, 'admin', tenant.slug), loginAs(t.app, 'dpo', 'epic-events')])).map((l) => l.accessToken);
    const insert = async (tenantIdValue: string, name: string) => String((await t.admin('accounts').insert({
      tenantId: tenantIdValue, number: 900_000 + Math.floor(Math.random() * 99_999), name, email: 'anne.leroy@exemple.fr', status: 'prospect', updatedAt: '2021-02-01T10:00:00Z',
    }).returning('id'))[0].id);
    prospect = await insert(tenant.tenantId, 'Anne Leroy Conseil');
    foreign = await insert(await tenantId(t.admin, 'epic-events'), 'Prospect d’une autre organisation');
  });
  afterAll(() => t.close());

  it('the officer reads the rules from the register, with the next expiries, and the runs; another role is refused in French', async () => {
    const rules = (await call(dpo, 'get', '/api/v1/gdpr/retention/rules').expect(200)).body;
    expect(rules.rules).toEqual(expect.arrayContaining([
      expect.objectContaining({ table: 'accounts', activity: 'core.customers', duration: 'P3Y', action: 'anonymise', held: false }),
      expect.objectContaining({ table: 'history', activity: 'core.history', duration: 'P5Y', action: 'delete' }),
      expect.objectContaining({ table: 'psa_interactions', activity: 'psa.prospection' }),
    ]));
    expect(rules.rules.map((r: { table: string }) => r.table)).not.toContain('event_clients');
    expect((await call(dpo, 'get', '/api/v1/gdpr/retention/runs').expect(200)).body).toEqual({ items: [] });
    const refused = await call(admin, 'get', '/api/v1/gdpr/retention/rules').expect(403);
    expect(refused.body.detail).toBe('Les règles et les rapports de conservation sont réservés au délégué à la protection des données');
    await call(admin, 'post', '/api/v1/gdpr/retention/dry-run').send({}).expect(403);
  });

  it('the demo: the MSP\'s officer finds old prospects to process today, one of them held', async () => {
    const msp = (await loginAs(t.app, 'dpo', 'msp')).accessToken;
    const accounts = (await call(msp, 'post', '/api/v1/gdpr/retention/dry-run').send({}).expect(200)).body.tables.find((c: { table: string }) => c.table === 'accounts');
    expect(accounts.expired).toBeGreaterThanOrEqual(1);
    expect(accounts.held).toBeGreaterThanOrEqual(1);
    const holds = (await call(msp, 'get', '/api/v1/gdpr/legal-holds?active=true').expect(200)).body.items;
    expect(holds).toContainEqual(expect.objectContaining({ scope: 'record', table: 'accounts', reason: expect.stringContaining('mise en demeure') }));
  });

  it('a dry run counts what expires on a day and names records by reference only', async () => {
    const dry = (await call(dpo, 'post', '/api/v1/gdpr/retention/dry-run').send({ today: '2026-06-01' }).expect(200)).body;
    expect(dry.tables.find((c: { table: string }) => c.table === 'accounts')).toMatchObject({
      expired: 1, held: 0, sample: [{ id: prospect, clockDay: '2021-02-01', expiredOn: '2024-02-01' }],
    });
    expect(JSON.stringify(dry)).not.toMatch(/Leroy|exemple\.fr/);
    expect(JSON.stringify(dry)).not.toContain(foreign);
    // Nothing changed.
    expect((await t.admin('accounts').where({ id: prospect }).first('name')).name).toBe('Anne Leroy Conseil');
    const bad = await call(dpo, 'post', '/api/v1/gdpr/retention/dry-run').send({ today: '1er juin', sample: 500 }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['today', 'sample']));
  });

  it('places, changes and lifts a legal hold; refuses in French what is not in the organisation; another organisation sees nothing', async () => {
    const bad = await call(dpo, 'post', '/api/v1/gdpr/legal-holds').send({ scope: 'record', table: 'Accounts!', recordId: 'x', reason: '', until: '2026-02-30' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['table', 'recordId', 'reason', 'until']));
    const noRule = await call(dpo, 'post', '/api/v1/gdpr/legal-holds').send({ scope: 'record', table: 'sites', recordId: prospect, reason: 'Contrôle fiscal' }).expect(422);
    expect(noRule.body.detail).toBe('Aucune règle de conservation ne s’applique à cette table dans votre organisation');
    const elsewhere = await call(dpo, 'post', '/api/v1/gdpr/legal-holds').send({ scope: 'record', table: 'accounts', recordId: foreign, reason: 'Contrôle fiscal' }).expect(422);
    expect(elsewhere.body.detail).toBe('Cette fiche n’existe pas dans votre organisation');
    await call(dpo, 'post', '/api/v1/gdpr/legal-holds').send({ scope: 'activity', activity: 'events.clients', reason: 'Contrôle' }).expect(422);
    const kind = await call(dpo, 'post', '/api/v1/gdpr/legal-holds').send({ scope: 'subject', subject: { kind: 'event-client', id: prospect }, reason: 'Contrôle' }).expect(422);
    expect(kind.body.detail).toBe('Ce type de personne n’existe pas dans votre organisation');
    // The history's ids are numbers: a uuid names none of its rows.
    await call(dpo, 'post', '/api/v1/gdpr/legal-holds').send({ scope: 'record', table: 'history', recordId: prospect, reason: 'Contrôle' }).expect(422);
    await call(dpo, 'post', '/api/v1/gdpr/legal-holds').send({ scope: 'subject', subject: { kind: 'account', id: prospect }, reason: 'Contrôle', until: '2001-01-01' }).expect(422);
    await call(admin, 'post', '/api/v1/gdpr/legal-holds').send({ scope: 'record', table: 'accounts', recordId: prospect, reason: 'Contentieux' }).expect(403);
    expect(await t.admin('gdprLegalHolds').where({ tenantId: tenant.tenantId }).count({ n: '*' }).first()).toEqual({ n: 0 });

    const placed = await call(dpo, 'post', '/api/v1/gdpr/legal-holds').send({ scope: 'record', table: 'accounts', recordId: prospect, reason: 'Contentieux commercial' }).expect(201).expect('ETag', '"1"');
    expect(placed.body).toMatchObject({ scope: 'record', table: 'accounts', recordId: prospect, active: true, liftedAt: null, placedBy: { id: tenant.userIds.dpo } });
    const id = placed.body.id as string;
    const dry = (await call(dpo, 'post', '/api/v1/gdpr/retention/dry-run').send({ today: '2026-06-01' }).expect(200)).body;
    expect(dry.tables.find((c: { table: string }) => c.table === 'accounts')).toMatchObject({ expired: 0, held: 1, sample: [] });

    const changed = await call(dpo, 'patch', `/api/v1/gdpr/legal-holds/${id}`).set('If-Match', '"1"').send({ until: '2099-12-31' }).expect(200);
    expect(changed.body).toMatchObject({ until: '2099-12-31', version: 2 });
    await call(dpo, 'post', `/api/v1/gdpr/legal-holds/${id}/lift`).set('If-Match', '"1"').expect(412);
    const lifted = await call(dpo, 'post', `/api/v1/gdpr/legal-holds/${id}/lift`).set('If-Match', '"2"').expect(200);
    expect(lifted.body).toMatchObject({ active: false, liftedBy: { id: tenant.userIds.dpo } });
    const again = await call(dpo, 'post', `/api/v1/gdpr/legal-holds/${id}/lift`).set('If-Match', '*').expect(409);
    expect(again.body.detail).toBe('Ce gel juridique est déjà levé : il ne change plus');
    expect((await call(dpo, 'get', '/api/v1/gdpr/legal-holds?active=false').expect(200)).body.items.map((h: { id: string }) => h.id)).toEqual([id]);

    await call(otherDpo, 'get', `/api/v1/gdpr/legal-holds/${id}`).expect(404);
    expect((await call(otherDpo, 'get', '/api/v1/gdpr/legal-holds').expect(200)).body.items.map((h: { id: string }) => h.id)).not.toContain(id);
    expect((await t.admin('auditLog').where({ targetId: id }).orderBy('id').select('action')).map((r) => r.action)).toEqual(['gdpr.legal-hold.place', 'gdpr.legal-hold.change', 'gdpr.legal-hold.lift']);
  });
});
