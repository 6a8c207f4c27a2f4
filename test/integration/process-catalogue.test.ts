import request from 'supertest';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/** What the modeler offers: activities with their input fields, registered forms and the organisation's roles. */
describe('process catalogue API', () => {
  let t: TestContext;
  let own: OwnTenant;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    t = testContext();
    own = await createOwnTenant(t.admin, 'proccat');
    for (const role of ['direction', 'sales', 'client']) token[role] = (await loginAs(t.app, role, own.slug)).accessToken;
  });
  afterAll(() => t.close());

  const get = (who: string) => request(t.app).get('/api/v1/process-catalogue').set('Authorization', `Bearer ${token[who]}`);

  it('lists activities with their inputs, the registered forms and the tenant\'s roles', async () => {
    const res = await get('direction');
    expect(res.status).toBe(200);
    const record = res.body.activities.find((a: { name: string }) => a.name === 'system.record');
    expect(record).toEqual({
      name: 'system.record',
      description: { fr: expect.any(String), en: expect.any(String) },
      inputs: [{ name: 'label', required: true }, { name: 'data', required: false }],
    });
    // An activity that takes any record has no named inputs.
    expect(res.body.activities.find((a: { name: string }) => a.name === 'system.echo').inputs).toEqual([]);
    const sms = res.body.activities.find((a: { name: string }) => a.name === 'comms.sms.send');
    expect(sms.inputs).toEqual(expect.arrayContaining([{ name: 'contactId', required: false }, { name: 'body', required: false }]));
    expect(res.body.forms).toEqual(expect.arrayContaining([{ key: 'core.approval', title: { fr: 'Décision', en: 'Decision' } }]));
    const roleKeys = res.body.roles.map((r: { key: string }) => r.key);
    expect(roleKeys).toEqual(expect.arrayContaining(['direction', 'sales', 'client']));
    expect(res.body.roles[0]).toEqual({ key: expect.any(String), labelFr: expect.any(String), labelEn: expect.any(String) });
    // Every internal role reads definitions, so the catalogue too.
    expect((await get('sales')).status).toBe(200);
  });

  it('is refused without process.definition.read and without a token', async () => {
    const res = await get('client');
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect((await request(t.app).get('/api/v1/process-catalogue')).status).toBe(401);
  });
});
