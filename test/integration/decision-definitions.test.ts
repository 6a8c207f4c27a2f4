import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { loadDecisionsForDeploy } from '../../domain/process/decisions-service';
import { withTenant } from '../../db/tenant-scope';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { ROOT } from '../support/paths';

const fixture = (name: string) => fs.readFileSync(path.join(ROOT, 'test/fixtures/dmn', name), 'utf8');

/** Deploying DMN decision tables, listing them and evaluating them, through the HTTP API. */
describe('decision definitions API', () => {
  let t: TestContext;
  let own: OwnTenant;
  let other: OwnTenant;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    t = testContext();
    own = await createOwnTenant(t.admin, 'dmn');
    other = await createOwnTenant(t.admin, 'dmn-other');
    for (const role of ['direction', 'sales', 'client']) token[role] = (await loginAs(t.app, role, own.slug)).accessToken;
    token.stranger = (await loginAs(t.app, 'direction', other.slug)).accessToken;
  });
  afterAll(() => t.close());

  const as = (who: string) => ({ Authorization: `Bearer ${token[who]}` });
  const deploy = (xml: string, who = 'direction') =>
    request(t.app).post('/api/v1/decision-definitions').set(as(who)).set('Content-Type', 'application/xml').send(xml);
  const evaluate = (decisionId: string, variables: unknown, who = 'direction') =>
    request(t.app).post(`/api/v1/decision-definitions/${decisionId}/evaluate`).set(as(who)).send({ variables });
  const stored = async () => ({
    files: await t.admin('decisionRequirements').where({ tenantId: own.tenantId }).orderBy(['key', 'version']).select('key', 'version'),
    decisions: await t.admin('decisionDefinitions').where({ tenantId: own.tenantId }).orderBy(['decisionId', 'version']).select('decisionId', 'version'),
  });

  it('deploys a DMN file as versions 1 and 2 of its key, and evaluates the latest', async () => {
    const first = await deploy(fixture('discount.dmn'));
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      id: expect.any(String), key: 'order-discounts', name: 'Order discounts', version: 1, deployedAt: expect.any(String),
      decisions: [{ decisionId: 'discount', name: 'Discount', key: 'order-discounts', version: 1, kind: 'decisionTable', hitPolicy: 'COLLECT', requiredDecisions: [], deployedAt: first.body.deployedAt }],
    });
    const variables = { customer: { tier: 'gold' }, order: { totalCents: 600_000, date: '2026-03-01' } };
    expect((await evaluate('discount', variables)).body).toEqual({
      decisionId: 'discount', version: 1, result: 13, decisions: [{ decisionId: 'discount', matchedRules: ['DecisionRule_gold', 'DecisionRule_volume'], result: 13 }],
    });

    const second = await deploy(fixture('discount.dmn').replace('<text>10</text>', '<text>12</text>'));
    expect(second.status).toBe(201);
    expect(second.body.version).toBe(2);
    expect((await evaluate('discount', variables)).body).toMatchObject({ version: 2, result: 15 });

    const list = await request(t.app).get('/api/v1/decision-definitions').set(as('sales'));
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual(expect.objectContaining({ decisionId: 'discount', key: 'order-discounts', version: 2, versions: 2 }));
    const one = await request(t.app).get('/api/v1/decision-definitions/discount').set(as('sales'));
    expect(one.body).toMatchObject({ decisionId: 'discount', version: 2, plan: { kind: 'decisionTable', hitPolicy: 'COLLECT', aggregation: 'SUM' } });
  });

  it('evaluates a decision with its required decision, and answers 422 when a UNIQUE table has two matches', async () => {
    expect((await deploy(fixture('credit-risk.dmn'))).status).toBe(201);
    const ok = await evaluate('risk-level', { account: { latePayments: 2, ageYears: 3 }, amountCents: 500_000 });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({
      decisionId: 'risk-level', version: 1, result: { risk: 'medium', needsApproval: true },
      decisions: [
        { decisionId: 'payment-score', matchedRules: [], result: 70 },
        { decisionId: 'risk-level', matchedRules: ['DecisionRule_medium'], result: { risk: 'medium', needsApproval: true } },
      ],
    });
    const overlapping = fixture('credit-risk.dmn').replace('<text>[50..80)</text>', '<text>[50..100]</text>');
    expect((await deploy(overlapping)).body.version).toBe(2);
    const clash = await evaluate('risk-level', { account: { latePayments: 0, ageYears: 3 }, amountCents: 100 });
    expect(clash.status).toBe(422);
    expect(clash.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(clash.body).toMatchObject({ code: 'decision.unique', params: { rules: ['DecisionRule_low', 'DecisionRule_medium'] } });
    expect(clash.body.detail).toMatch(/^Décision « Risk level » \(risk-level\) : la politique de résultat UNIQUE admet une seule règle, mais 2 s'appliquent/);
  });

  it('gives the BPMN deploy the latest plan of each decision, required decisions embedded', async () => {
    await deploy(fixture('ticket-routing.dmn'));
    const plans = await withTenant({ tenantId: own.tenantId, userId: own.userIds.direction! }, (trx) => loadDecisionsForDeploy(trx, ['risk-level', 'route-ticket', 'nowhere', 'risk-level']), t.knex);
    expect(Object.keys(plans).sort()).toEqual(['risk-level', 'route-ticket']);
    expect(plans['risk-level']).toMatchObject({ id: 'risk-level', requiredDecisions: [{ id: 'payment-score', kind: 'literalExpression' }] });
    expect(plans['risk-level']!.kind === 'decisionTable' && plans['risk-level']!.rules[1]!.inputEntries[0]).toBe('[50..100]');
  });

  it('refuses a file with problems (422, each on its element) and stores nothing', async () => {
    const before = await stored();
    const bad = fixture('ticket-routing.dmn').replace('<text>[1..2]</text>', '<text>[1..</text>').replace('id="ticket-routing"', 'id="ticket-routing-bad"');
    const res = await deploy(bad);
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([expect.objectContaining({ elementId: 'UnaryTests_0r9ub2a', rule: 'dmn/feel', code: 'dmn.feel', message: expect.stringContaining('« [1.. » n\'est pas un test unaire FEEL valide') })]);
    const boxed = await deploy('<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="boxed" namespace="x"><decision id="b"><context id="c"/></decision></definitions>');
    expect(boxed.status).toBe(422);
    expect(boxed.body.problems).toEqual([expect.objectContaining({ elementId: 'c', rule: 'dmn/unsupported', code: 'dmn.unsupported-logic', message: expect.stringContaining('utilise un contexte') })]);
    expect((await deploy('<!DOCTYPE x><definitions/>')).status).toBe(422);
    expect((await deploy(`${fixture('discount.dmn')}<!--${'x'.repeat(1024 * 1024)}-->`)).status).toBe(413);
    const json = await request(t.app).post('/api/v1/decision-definitions').set(as('direction')).send({ xml: '<definitions/>' });
    expect(json.status).toBe(415);
    expect(await stored()).toEqual(before);
  });

  it('refuses a decision id another file of the tenant already deploys', async () => {
    const before = await stored();
    const res = await deploy(fixture('discount.dmn').replace('id="order-discounts"', 'id="other-discounts"'));
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([expect.objectContaining({ elementId: 'discount', rule: 'dmn/decision-id-taken', code: 'dmn.decision-taken', message: expect.stringContaining('déjà déployé avec le fichier « order-discounts »') })]);
    expect(await stored()).toEqual(before);
  });

  it('answers 400 for bad variables, 404 for an unknown decision or another tenant\'s', async () => {
    expect((await evaluate('discount', 'not an object')).status).toBe(400);
    expect((await evaluate('nowhere', {})).status).toBe(404);
    expect((await evaluate('discount', {}, 'stranger')).status).toBe(404);
    expect((await request(t.app).get('/api/v1/decision-definitions').set(as('stranger'))).body.items).toEqual([]);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = await request(t.app).get('/api/v1/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/decision-definitions', '/api/v1/decision-definitions/{decisionId}/evaluate']));
  });

  it('needs process.definition.create to deploy and process.definition.read to list or evaluate', async () => {
    const sales = await deploy(fixture('discount.dmn'), 'sales');
    expect(sales.status).toBe(403);
    expect(sales.body.detail).toContain('process.definition.create');
    expect((await evaluate('discount', {}, 'sales')).status).toBe(200);
    expect((await evaluate('discount', {}, 'client')).status).toBe(403);
    expect((await request(t.app).get('/api/v1/decision-definitions').set(as('client'))).status).toBe(403);
  });
});
