import zlib from 'node:zlib';
import request from 'supertest';
import { MAX_JSON_DEPTH } from '../../api/http/request-limits';
import { MAX_LISTED_PROBLEMS } from '../../domain/errors';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * Requests an attacker crafts to break the server rather than the rules: a
 * malformed multipart body, an undecodable path, an unknown encoding or
 * charset, JSON nested 100,000 deep, a BPMN file of 40,000 elements or
 * 10,000 nested sub-processes, 50,000 unknown fields. Each gets a 4xx
 * problem+json with a French detail (never a 500) and writes nothing.
 */
describe('malformed input', () => {
  let t: TestContext;
  let own: OwnTenant;
  let manager: string;
  let management: string;
  let accountId: string;

  beforeAll(async () => {
    t = testContext();
    own = await createOwnTenant(t.admin, 'malformed', ['telecom', 'events']);
    manager = (await loginAs(t.app, 'manager', own.slug)).accessToken;
    management = (await loginAs(t.app, 'management', own.slug)).accessToken;
    const account = await request(t.app).post('/api/v1/accounts').set('Authorization', `Bearer ${manager}`).send({ name: 'Malformed fixture' });
    expect(account.status).toBe(201);
    accountId = account.body.id;
  });
  afterAll(() => t.close());

  const TABLES = ['accounts', 'documents', 'history', 'idempotencyKeys', 'processDefinitions', 'decisionDefinitions', 'processInstances', 'eventEvents', 'eventClients'];
  /** How many rows of each table this tenant has: what a request could have written. */
  async function snapshot(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const exists = (await t.admin.raw('select to_regclass(?) as t', [table.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)])).rows[0].t;
      if (exists) counts[table] = Number((await t.admin(table).where({ tenantId: own.tenantId }).count<{ count: string }[]>('* as count'))[0]!.count);
    }
    return counts;
  }

  /** The answer is a 4xx problem with a French detail (an accented word or a French article), and nothing was written. */
  async function expectRefused(send: () => request.Test, status: number, type?: string): Promise<request.Response> {
    const before = await snapshot();
    const res = await send();
    expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status, type: expect.stringMatching(/^application\/problem\+json/) });
    expect(res.body.status).toBe(status);
    if (type) expect(res.body.type).toBe(`https://relais.dev/problems/${type}`);
    expect(res.body.detail).toMatch(/[éèàçù]|\b(le|la|les|des|du|un|une)\b/i);
    expect(await snapshot()).toEqual(before);
    return res;
  }

  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  /** A multipart body that declares a boundary and then breaks its own structure. */
  const BROKEN_MULTIPART = '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello';

  it('answers a malformed multipart document upload with a 400 naming the file field', async () => {
    for (const [contentType, body] of [
      ['multipart/form-data; boundary=XyZ', BROKEN_MULTIPART],
      ['multipart/form-data; boundary=XyZ', '--XyZ\r\nthis is not a part header\r\n\r\n--XyZ--'],
      ['multipart/form-data', 'no boundary at all'],
    ] as const) {
      const res = await expectRefused(() => request(t.app).post(`/api/v1/accounts/${accountId}/documents`).set(as(manager)).set('Content-Type', contentType).send(body), 400, 'validation');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'file', code: 'upload.invalid', message: expect.stringContaining('envoyez un fichier dans le champ multipart « file »') })]);
    }
  });

  it('answers a malformed multipart spreadsheet import with a 400 naming the file field', async () => {
    const res = await expectRefused(() => request(t.app).post('/api/v1/events/events/import').set(as(management))
      .set('Content-Type', 'multipart/form-data; boundary=XyZ').send(BROKEN_MULTIPART), 400, 'validation');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'file', code: 'upload.invalid', message: expect.stringContaining('un classeur .xlsx') })]);
    // Two files where one is expected: multer's own refusal, also in French.
    const two = await expectRefused(() => request(t.app).post('/api/v1/events/events/import').set(as(management))
      .attach('file', Buffer.from('a'), 'a.xlsx').attach('file', Buffer.from('b'), 'b.xlsx'), 400, 'validation');
    expect(two.body.errors[0].message).toMatch(/^le formulaire envoyé n'est pas celui attendu/);
  });

  it('answers a path with an invalid percent-escape with a 400, not a 500', async () => {
    for (const path of ['/api/v1/accounts/%C0%AF', '/api/v1/accounts/%E0%A4%A', '/api/v1/contacts/%ZZ/history']) {
      await expectRefused(() => request(t.app).get(path).set(as(manager)), 400, 'malformed-path');
    }
    await expectRefused(() => request(t.app).patch('/api/v1/accounts/%C0%AF').set(as(manager)).set('If-Match', '"1"').send({ name: 'x' }), 400, 'malformed-path');
  });

  it('answers an unknown Content-Encoding and an unknown charset with a 415, and a corrupt gzip body with a 400', async () => {
    const json = JSON.stringify({ name: 'Encoded' });
    await expectRefused(() => request(t.app).post('/api/v1/accounts').set(as(manager)).set('Content-Type', 'application/json').set('Content-Encoding', 'x-bogus').send(json), 415, 'unsupported-encoding');
    await expectRefused(() => request(t.app).post('/api/v1/accounts').set(as(manager)).set('Content-Type', 'application/json; charset=x-klingon').send(json), 415, 'unsupported-charset');
    await expectRefused(() => request(t.app).post('/api/v1/accounts').set(as(manager)).set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send('not gzip at all'), 400);
    // A well-formed gzip body is read as it always was.
    const gzipped = await request(t.app).post('/api/v1/accounts').set(as(manager)).set('Content-Type', 'application/json').set('Content-Encoding', 'gzip')
      .serialize((bytes) => bytes).send(zlib.gzipSync(json));
    expect({ status: gzipped.status, body: gzipped.body }).toMatchObject({ status: 201, body: { name: 'Encoded' } });
  });

  const nestedObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  const nestedArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  it(`refuses a JSON body nested deeper than ${MAX_JSON_DEPTH} levels, also with an Idempotency-Key, and accepts one at the limit`, async () => {
    for (const body of [nestedArray(200_000), `{"name":"Deep","notes":${nestedObject(200_000)}}`]) {
      const res = await expectRefused(() => request(t.app).post('/api/v1/accounts').set(as(manager)).set('Idempotency-Key', `deep-${body.length}`)
        .set('Content-Type', 'application/json').send(body), 400, 'validation');
      expect(res.body.errors).toEqual([{ field: 'body', message: `imbrique plus de ${MAX_JSON_DEPTH} niveaux d'objets ou de tableaux`, code: 'field.too-deep', params: { max: MAX_JSON_DEPTH } }]);
    }
    // At the limit the body is read, and validation (not the depth check) answers.
    const atLimit = await request(t.app).post('/api/v1/accounts').set(as(manager)).set('Content-Type', 'application/json').send(`{"name":"Deep","notes":${nestedObject(MAX_JSON_DEPTH - 1)}}`);
    expect(atLimit.status).toBe(400);
    expect(atLimit.body.errors).toEqual([{ field: 'notes', message: 'doit être un texte', code: 'field.wrong-type', params: { expected: 'string' } }]);
  });

  it('refuses process variables nested 100,000 deep on starting an instance, completing a task, sending a message and a signal', async () => {
    const variables = `{"v":${nestedObject(100_000)}}`;
    for (const [path, body] of [
      ['/api/v1/process-instances', `{"processKey":"anything","variables":${variables}}`],
      ['/api/v1/tasks/00000000-0000-4000-8000-000000000000/complete', `{"data":${variables}}`],
      ['/api/v1/process-messages', `{"name":"m","correlationKey":"k","variables":${variables}}`],
      ['/api/v1/process-signals', `{"name":"s","variables":${variables}}`],
    ] as const) {
      await expectRefused(() => request(t.app).post(path).set(as(management)).set('Content-Type', 'application/json').send(body), 400, 'validation');
    }
  });

  const BPMN_NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"';
  const bpmn = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ${BPMN_NS} id="D" targetNamespace="x"><bpmn:process id="hostile" isExecutable="true">${body}</bpmn:process></bpmn:definitions>`;
  const deploy = (xml: string) => () => request(t.app).post('/api/v1/process-definitions?deploy=true').set(as(management)).set('Content-Type', 'application/xml').send(xml);

  it('refuses a BPMN file of 40,000 tasks (0.9 MB) before parsing it, naming the element limit, and stays responsive', async () => {
    const xml = bpmn(Array.from({ length: 40_000 }, (_, i) => `<bpmn:task id="t${i}"/>`).join(''));
    expect(xml.length).toBeLessThan(1024 * 1024);
    const res = await expectRefused(deploy(xml), 413, 'too-large');
    expect(res.body.detail).toMatch(/^Le fichier contient plus de 10\s000 éléments XML/);
    expect(res.body.problems).toEqual([{ elementId: null, rule: 'xml/too-many-elements', code: 'xml.too-many-elements', params: { format: 'BPMN', max: 10_000 }, message: res.body.detail }]);
    expect((await request(t.app).get('/api/v1/health')).status).toBeLessThan(500);
  });

  it('refuses a BPMN file of 10,000 nested sub-processes before parsing it, naming the depth limit', async () => {
    const xml = bpmn(`${'<bpmn:subProcess>'.repeat(10_000)}${'</bpmn:subProcess>'.repeat(10_000)}`);
    const res = await expectRefused(deploy(xml), 413, 'too-large');
    expect(res.body.problems[0]).toMatchObject({ rule: 'xml/too-deep', message: expect.stringContaining('plus de 64 niveaux') });
    // The same bounds hold for decisions (DMN).
    const dmn = `<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="x">${'<extensionElements>'.repeat(100)}${'</extensionElements>'.repeat(100)}</definitions>`;
    const decision = await expectRefused(() => request(t.app).post('/api/v1/decision-definitions').set(as(management)).set('Content-Type', 'application/xml').send(dmn), 413, 'too-large');
    expect(decision.body.detail).toMatch(/une définition de décisions/);
  });

  it('lists at most the first 50 errors of a body with 50,000 unknown fields, and counts the rest', async () => {
    const body = Object.fromEntries([['name', 'Many keys'], ...Array.from({ length: 50_000 }, (_, i) => [`k${i}`, 1])]);
    const res = await expectRefused(() => request(t.app).post('/api/v1/accounts').set(as(manager)).send(body), 400, 'validation');
    expect(res.body.errors).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(res.body.errors[0]).toEqual({ field: 'k0', message: 'n\'est pas un champ connu : retirez-le', code: 'field.unknown' });
    expect(res.body.errorsNotListed).toBe(50_000 - MAX_LISTED_PROBLEMS);
    expect(res.body.detail).toMatch(/^Requête invalide : 50000 erreurs, dont les 50 premières sont listées/);
    expect(res.text.length).toBeLessThan(10_000);
  });
});
