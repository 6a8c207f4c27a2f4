import crypto from 'node:crypto';
import request from 'supertest';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * `If-Match: *` (RFC 9110 §13.1.1) matches whatever version is current:
 * every route that reads If-Match takes it, the change goes through on top of
 * changes the client did not see, and a record that does not exist still
 * answers 404. Each organisation here is the test's own.
 */
describe('If-Match: * (any current version)', () => {
  let t: TestContext;
  let telecom: OwnTenant;
  let events: OwnTenant;
  const tokens: Record<string, string> = {};
  const as = (who: string) => (method: 'get' | 'post' | 'patch' | 'put' | 'delete', url: string, ifMatch?: string) => {
    const req = request(t.app)[method](url).set('Authorization', `Bearer ${tokens[who]}`);
    return ifMatch === undefined ? req : req.set('If-Match', ifMatch);
  };

  beforeAll(async () => {
    t = testContext();
    telecom = await createOwnTenant(t.admin, 'if-match-t');
    events = await createOwnTenant(t.admin, 'if-match-e', ['events']);
    tokens.manager = (await loginAs(t.app, 'manager', telecom.slug)).accessToken;
    tokens.management = (await loginAs(t.app, 'management', events.slug)).accessToken;
    tokens.sales = (await loginAs(t.app, 'sales', events.slug)).accessToken;
  });
  afterAll(() => t.close());

  it('updates and deletes a record whatever its version, and answers 404 for one that does not exist', async () => {
    const api = as('manager');
    const created = await api('post', '/api/v1/accounts').send({ name: 'Étoile SARL', city: 'Vannes' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    // Someone else's change: the client's "1" is stale now, `*` is not.
    expect((await api('patch', `/api/v1/accounts/${id}`, '"1"').send({ city: 'Auray' })).status).toBe(200);
    expect((await api('patch', `/api/v1/accounts/${id}`, '"1"').send({ city: 'Lorient' })).status).toBe(412);
    const any = await api('patch', `/api/v1/accounts/${id}`, '*').send({ city: 'Lorient' });
    expect(any.status).toBe(200);
    expect(any.body).toMatchObject({ city: 'Lorient', version: 3 });
    expect(any.headers.etag).toBe('"3"');
    expect((await t.admin('history').where({ recordId: id }).orderBy('id').select('action')).map((h) => h.action)).toEqual(['create', 'update', 'update']);

    expect((await api('delete', `/api/v1/accounts/${id}`, '*')).status).toBe(204);
    const gone = await api('patch', `/api/v1/accounts/${id}`, '*').send({ city: 'Brest' });
    expect(gone.status).toBe(404);
    expect(gone.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await api('delete', `/api/v1/accounts/${crypto.randomUUID()}`, '*')).status).toBe(404);
    // Anything else that is not an ETag is still refused.
    for (const bad of ['**', '* "1"', 'abc']) expect((await api('patch', `/api/v1/accounts/${id}`, bad).send({ city: 'Brest' })).status).toBe(400);
  });

  it('is taken by every other route that reads If-Match: collaborators, templates, saved views, settings', async () => {
    const management = as('management');
    const user = await management('post', '/api/v1/users').send({ email: `any@${events.slug}.demo`, displayName: 'Avant', roles: ['support'], password: 'correct horse battery' });
    expect(user.status).toBe(201);
    const renamed = await management('patch', `/api/v1/users/${user.body.id}`, '*').send({ displayName: 'Après' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ displayName: 'Après', version: user.body.version + 1 });
    expect((await management('patch', `/api/v1/users/${crypto.randomUUID()}`, '*').send({ displayName: 'Personne' })).status).toBe(404);

    const sales = as('sales');
    const template = await sales('post', '/api/v1/comms/templates').send({
      key: 'any-version', language: 'fr', channel: 'sms', category: 'transactional', kind: 'contact.message', name: 'Rappel', body: 'Bonjour {{contact.firstName}}',
    });
    expect(template.status).toBe(201);
    const changed = await sales('patch', `/api/v1/comms/templates/${template.body.id}`, '*').send({ name: 'Rappel du jour' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Rappel du jour', version: template.body.version + 1 });

    const view = await sales('post', '/api/v1/saved-views').send({ list: 'events.clients', name: 'Les miens', query: {} });
    expect(view.status).toBe(201);
    expect((await sales('patch', `/api/v1/saved-views/${view.body.id}`, '*').send({ name: 'Les nôtres' })).body).toMatchObject({ name: 'Les nôtres' });
    expect((await sales('delete', `/api/v1/saved-views/${view.body.id}`, '*')).status).toBe(204);
    expect((await sales('delete', `/api/v1/saved-views/${view.body.id}`, '*')).status).toBe(404);

    const settings = await management('put', '/api/v1/comms/settings', '*').send({ smsProvider: 'sandbox', mailProvider: 'sandbox', smsRatePerMinute: 30 });
    expect(settings.status).toBe(200);
    expect(settings.body.smsRatePerMinute).toBe(30);
  });

  it('declares * beside the ETag in the OpenAPI document', async () => {
    const doc = (await request(t.app).get('/api/v1/openapi.json')).body;
    const param = (doc.paths['/api/v1/accounts/{id}'].patch.parameters as Array<{ name: string; schema: { pattern: string } }>).find((p) => p.name === 'If-Match')!;
    const pattern = new RegExp(param.schema.pattern);
    expect(['*', '"3"', 'W/"3"', '3'].map((v) => pattern.test(v))).toEqual([true, true, true, true]);
    expect(['**', 'abc'].map((v) => pattern.test(v))).toEqual([false, false]);
  });
});
