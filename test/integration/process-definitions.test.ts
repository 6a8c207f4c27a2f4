import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { compileDefinition } from '../../domain/process/definition-compiler';
import { parseDefinition } from '../../domain/process/definition-parser';
import { getPlan } from '../../domain/process/definitions-service';
import { withTenant } from '../../db/tenant-scope';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { ROOT } from '../support/paths';

const fixture = (name: string) => fs.readFileSync(path.join(ROOT, 'test/fixtures/bpmn', name), 'utf8');
/** The same diagram under another process key. */
const withKey = (xml: string, from: string, to: string) => xml.replaceAll(`id="${from}"`, `id="${to}"`).replaceAll(`bpmnElement="${from}"`, `bpmnElement="${to}"`);

/** Saving, deploying and reading BPMN process definitions through the HTTP API. */
describe('process definitions API', () => {
  let t: TestContext;
  let own: OwnTenant;
  let other: OwnTenant;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    t = testContext();
    own = await createOwnTenant(t.admin, 'procdef');
    other = await createOwnTenant(t.admin, 'procdef-other');
    for (const role of ['direction', 'sales', 'client']) token[role] = (await loginAs(t.app, role, own.slug)).accessToken;
    token.stranger = (await loginAs(t.app, 'direction', other.slug)).accessToken;
  });
  afterAll(() => t.close());

  const as = (who: string) => ({ Authorization: `Bearer ${token[who]}` });
  const post = (xml: string, query = '?deploy=true', who = 'direction') =>
    request(t.app).post(`/api/v1/process-definitions${query}`).set(as(who)).set('Content-Type', 'application/xml').send(xml);
  const rows = (key?: string) => t.admin('processDefinitions').where({ tenantId: own.tenantId, ...(key ? { key } : {}) })
    .orderBy([{ column: 'key' }, { column: 'version', nulls: 'first' }]).select('key', 'version', 'status');

  it('deploys a definition twice as versions 1 and 2, and serves each version\'s XML and plan', async () => {
    const xml = fixture('order-approval.bpmn');
    const first = await post(xml);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ id: expect.any(String), key: 'order-approval', version: 1, status: 'deployed', name: 'Order approval', deployedAt: expect.any(String), warnings: [] });
    expect(first.headers.location).toBe('/api/v1/process-definitions/order-approval/versions/1/xml');
    const changed = xml.replace('name="Approve the order"', 'name="Approve the order (v2)"');
    const second = await post(changed);
    expect(second.status).toBe(201);
    expect(second.body.version).toBe(2);

    const list = await request(t.app).get('/api/v1/process-definitions').set(as('direction'));
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual({
      key: 'order-approval', name: 'Order approval', latestVersion: 2, versions: 2, hasDraft: false,
      deployedAt: second.body.deployedAt, deployedBy: own.userIds.direction, draftSavedAt: null, retiredAt: null, retiredBy: null,
    });
    const versions = await request(t.app).get('/api/v1/process-definitions/order-approval/versions').set(as('direction'));
    expect(versions.body.items.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[2, 'deployed'], [1, 'deployed']]);

    const v1 = await request(t.app).get('/api/v1/process-definitions/order-approval/versions/1/xml').set(as('direction'));
    expect(v1.status).toBe(200);
    expect(v1.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(v1.text).toBe(xml);
    expect((await request(t.app).get('/api/v1/process-definitions/order-approval/versions/latest/xml').set(as('direction'))).text).toBe(changed);

    const parsed = await parseDefinition(changed);
    if (!parsed.ok) throw new Error('fixture does not parse');
    const plan = await request(t.app).get('/api/v1/process-definitions/order-approval/versions/latest/plan').set(as('direction'));
    expect(plan.status).toBe(200);
    expect(plan.body).toEqual(compileDefinition(parsed.definitions, 2));
    expect((await request(t.app).get('/api/v1/process-definitions/order-approval/versions/1/plan').set(as('direction'))).body.version).toBe(1);
    // What the engine and the instances API call:
    expect(await withTenant({ tenantId: own.tenantId }, (trx) => getPlan(trx, 'order-approval'), t.knex)).toEqual(plan.body);
    expect((await withTenant({ tenantId: own.tenantId }, (trx) => getPlan(trx, 'order-approval', 1), t.knex))?.version).toBe(1);
    expect(await withTenant({ tenantId: own.tenantId }, (trx) => getPlan(trx, 'no-such-process'), t.knex)).toBeUndefined();
  });

  it('gives concurrent deploys of one key distinct versions', async () => {
    const xml = withKey(fixture('order-approval.bpmn'), 'order-approval', 'concurrent-approval');
    const answers = await Promise.all([1, 2, 3, 4].map(() => post(xml)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    expect(answers.map((a) => a.body.version).sort()).toEqual([1, 2, 3, 4]);
    expect((await rows('concurrent-approval')).map((r) => r.version)).toEqual([1, 2, 3, 4]);
  });

  it('saves a draft without creating a version; the next save replaces it and a deploy removes it', async () => {
    const xml = withKey(fixture('order-approval.bpmn'), 'order-approval', 'drafted');
    const draft = await post(xml, '');
    expect(draft.status).toBe(201);
    expect(draft.body).toEqual({ id: expect.any(String), key: 'drafted', version: null, status: 'draft', name: 'Order approval', deployedAt: null, problems: [], warnings: [] });
    expect(draft.headers.location).toBe('/api/v1/process-definitions/drafted/versions/draft/xml');
    const renamed = xml.replace('name="Order approval"', 'name="Order approval, draft 2"');
    const again = await post(renamed, '?deploy=false');
    expect(again.body).toMatchObject({ id: draft.body.id, status: 'draft', name: 'Order approval, draft 2' });
    expect(await rows('drafted')).toEqual([{ key: 'drafted', version: null, status: 'draft' }]);
    expect((await request(t.app).get('/api/v1/process-definitions/drafted/versions/draft/xml').set(as('direction'))).text).toBe(renamed);
    expect((await request(t.app).get('/api/v1/process-definitions/drafted/versions/latest/plan').set(as('direction'))).status).toBe(404);
    const list = await request(t.app).get('/api/v1/process-definitions').set(as('direction'));
    expect(list.body.items).toContainEqual(expect.objectContaining({ key: 'drafted', latestVersion: null, versions: 0, hasDraft: true, name: 'Order approval, draft 2' }));

    expect((await post(renamed)).body.version).toBe(1);
    expect(await rows('drafted')).toEqual([{ key: 'drafted', version: 1, status: 'deployed' }]);
  });

  it('deploys a definition carrying a Camunda extension Relais does not know, answering 201 with a warning that names it', async () => {
    const xml = withKey(fixture('order-approval.bpmn'), 'order-approval', 'with-extension')
      .replace('xmlns:relais=', 'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:relais=')
      .replace('<bpmn:serviceTask id="RecordOrder"', '<bpmn:serviceTask id="RecordOrder" zeebe:futureSetting="on"');
    const res = await post(xml);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ key: 'with-extension', version: 1, status: 'deployed' });
    expect(res.body.warnings).toEqual([{
      elementId: 'RecordOrder', rule: 'relais/extension', code: 'xml.unknown-camunda-extension', params: { name: 'zeebe:futureSetting' },
      message: '« zeebe:futureSetting » est une extension Camunda que Relais ne connaît pas : elle est ignorée et le processus s\'exécute sans elle. Retirez-la si le processus en dépend.',
    }]);
    const draft = await post(xml, '');
    expect(draft.body).toMatchObject({ problems: [], warnings: res.body.warnings });
  });

  it('describes the warnings of a save or deploy in the OpenAPI document', async () => {
    const doc = (await request(t.app).get('/api/v1/openapi.json')).body;
    const created = doc.paths['/api/v1/process-definitions'].post.responses['201'];
    expect(created.description).toContain('`warnings`');
    const warnings = created.content['application/json'].schema.properties.warnings;
    expect(warnings.type).toBe('array');
    for (const problem of [warnings.items, doc.components.schemas.DefinitionProblem]) {
      expect(problem.required).toEqual(['elementId', 'rule', 'message']);
      expect(Object.keys(problem.properties)).toEqual(['elementId', 'rule', 'message', 'code', 'params']);
    }
  });

  it('saves a draft that has lint problems and lists them; deploying it is refused', async () => {
    const xml = fixture('lint-missing-condition.bpmn');
    const draft = await post(xml, '');
    expect(draft.status).toBe(201);
    expect(draft.body.problems).toEqual([{
      elementId: 'Small', rule: 'relais/missing-condition', code: 'lint.missing-condition', params: { gateway: 'Big order?', target: 'Small' }, message: expect.stringContaining('n\'a pas de condition'),
    }]);
    const refused = await post(xml);
    expect(refused.status).toBe(422);
    expect(await rows('missing-condition')).toEqual([{ key: 'missing-condition', version: null, status: 'draft' }]);
  });

  it.each([
    ['an unknown activity', 'lint-service-task.bpmn', 'service-tasks', ['NoActivity', 'Unknown', 'BadInputs', 'BadLiteral'], 'relais/service-task'],
    ['a missing condition', 'lint-missing-condition.bpmn', 'missing-condition', ['Small'], 'relais/missing-condition'],
    ['an unknown role', 'lint-user-task.bpmn', 'user-tasks', ['UnknownRole'], 'relais/user-task'],
    ['bad FEEL', 'lint-feel.bpmn', 'feel', ['Msg_1', 'Echo', 'Approve', 'Odd', 'Wait'], 'relais/feel'],
  ])('refuses to deploy %s with 422, naming the elements, and stores nothing', async (_what, file, key, elementIds, rule) => {
    const before = await rows(key);
    const res = await post(fixture(file));
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 422, title: 'Refusé par une règle métier', type: 'https://relais.dev/problems/unprocessable' });
    for (const id of elementIds) expect(res.body.problems).toContainEqual(expect.objectContaining({ elementId: id, rule, code: expect.any(String), message: expect.any(String) }));
    expect(res.body.detail).toMatch(/^La définition de processus ne peut pas être déployée : \d+ problèmes?\. /);
    expect(res.body.code).toBe('definitions.has-problems');
    expect(res.body.detail).toContain(`${res.body.problems[0].elementId} : ${res.body.problems[0].message}`);
    expect(await rows(key)).toEqual(before);
  });

  it('names an unknown role and the roles the organisation has', async () => {
    const res = await post(fixture('lint-user-task.bpmn'));
    const problem = res.body.problems.find((p: { elementId: string }) => p.elementId === 'UnknownRole');
    expect(problem.message).toBe('La tâche utilisateur « Check » : le rôle « wizard » n\'existe pas dans cette organisation. Rôles connus : accounting, client, direction, dpo, manager, partner, sales, support-n1, support-n2.');
  });

  it('refuses XML with a DOCTYPE or ENTITY, malformed XML and oversized files with clear messages, storing nothing', async () => {
    const before = await rows();
    const xxe = await post(fixture('parse-xxe.bpmn'));
    expect(xxe.status).toBe(422);
    expect(xxe.body.problems).toEqual([{ elementId: null, rule: 'xml/doctype', code: 'xml.doctype', params: { format: 'BPMN' }, message: expect.stringContaining('déclaration DOCTYPE ou ENTITY') }]);
    expect(xxe.body.detail).toContain('déclaration DOCTYPE ou ENTITY');
    expect(JSON.stringify(xxe.body)).not.toContain('root:');

    const malformed = await post(fixture('parse-malformed.bpmn'), '');
    expect(malformed.status).toBe(422);
    expect(malformed.body.problems).toEqual([expect.objectContaining({ elementId: 'Start', rule: 'xml/malformed', code: 'xml.malformed', message: expect.stringContaining('ligne 5') })]);

    const notXml = await post('hello');
    expect(notXml.status).toBe(422);
    expect(notXml.body.problems[0].rule).toBe('xml/not-xml');

    const big = fixture('order-approval.bpmn').replace('</bpmn:definitions>', `<!-- ${'x'.repeat(1_200_000)} --></bpmn:definitions>`);
    const tooBig = await post(big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toMatchObject({ type: 'https://relais.dev/problems/too-large', detail: expect.stringMatching(/^Le fichier fait 1\s\d{3} Ko ; une définition de processus fait au plus 1\s024 Ko\./) });
    const huge = await post(`${big}<!-- ${'y'.repeat(1_000_000)} -->`);
    expect(huge.status).toBe(413);
    expect(huge.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await rows()).toEqual(before);
  });

  it('accepts only XML bodies', async () => {
    const json = await request(t.app).post('/api/v1/process-definitions?deploy=true').set(as('direction')).send({ xml: fixture('order-approval.bpmn') });
    expect(json.status).toBe(415);
    expect(json.body.detail).toContain('Content-Type: application/xml');
    expect(json.body.code).toBe('definitions.send-xml');
    const textXml = await request(t.app).post('/api/v1/process-definitions').set(as('direction')).set('Content-Type', 'text/xml; charset=utf-8')
      .send(withKey(fixture('order-approval.bpmn'), 'order-approval', 'text-xml'));
    expect(textXml.status).toBe(201);
    expect((await post(fixture('order-approval.bpmn'), '?deploy=yes')).status).toBe(400);
  });

  it('hides definitions from other tenants', async () => {
    const stranger = as('stranger');
    for (const url of ['versions', 'versions/1/xml', 'versions/latest/plan']) {
      const res = await request(t.app).get(`/api/v1/process-definitions/order-approval/${url}`).set(stranger);
      expect(res.status).toBe(404);
    }
    const list = await request(t.app).get('/api/v1/process-definitions').set(stranger);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
    expect(await withTenant({ tenantId: other.tenantId }, (trx) => getPlan(trx, 'order-approval'), t.knex)).toBeUndefined();
  });

  it('lets every internal role read definitions, only process owners save or deploy, and nobody else see them', async () => {
    expect((await request(t.app).get('/api/v1/process-definitions').set(as('sales'))).status).toBe(200);
    expect((await request(t.app).get('/api/v1/process-definitions/order-approval/versions/1/xml').set(as('sales'))).status).toBe(200);
    const before = await rows();
    const save = await post(withKey(fixture('order-approval.bpmn'), 'order-approval', 'by-sales'), '', 'sales');
    expect(save.status).toBe(403);
    expect(save.body).toMatchObject({ code: 'definitions.forbidden-create', detail: 'Vous ne pouvez pas créer de définition de processus (permission process.definition.create).' });
    expect((await post(fixture('order-approval.bpmn'), '?deploy=true', 'sales')).status).toBe(403);
    expect(await rows()).toEqual(before);
    const client = await request(t.app).get('/api/v1/process-definitions').set(as('client'));
    expect(client.status).toBe(403);
    expect(client.body).toMatchObject({ code: 'definitions.forbidden-read', detail: 'Vous ne pouvez pas consulter les définitions de processus (permission process.definition.read).' });
    expect((await request(t.app).get('/api/v1/process-definitions/order-approval/versions/1/plan').set(as('client'))).status).toBe(403);
  });

  it('answers 404 for unknown keys and versions, 400 for a version that is not one', async () => {
    const get = (url: string) => request(t.app).get(`/api/v1/process-definitions/${url}`).set(as('direction'));
    expect((await get('nothing-here/versions')).status).toBe(404);
    expect((await get('order-approval/versions/99/xml')).status).toBe(404);
    expect((await get('order-approval/versions/draft/xml')).status).toBe(404);
    expect((await get('bad%20key/versions')).status).toBe(404);
    const bad = await get('order-approval/versions/first/xml');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'version', code: 'definitions.field.version', params: { draft: true }, message: 'doit être un numéro de version, « latest » ou « draft »' }]);
    expect((await get('order-approval/versions/draft/plan')).status).toBe(400);
  });
});
