import fs from 'node:fs';
import path from 'node:path';
import { NativeConnection, type Worker } from '@temporalio/worker';
import request from 'supertest';
import { loginAs, TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { engineWorker } from '../support/engine';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { ROOT } from '../support/paths';
import { buildPlan } from '../support/plans';

/**
 * A diagram's lint problems, its FEEL errors and a decision's refusals reach people in their
 * language (docs/adr/0010-server-messages.md): French by default and for `Accept-Language: fr`,
 * English for `en`, each with its catalogue code and the rule id beside it.
 */
const BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:relais="http://relais.dev/schema/bpmn/1.0" id="Defs" targetNamespace="https://relais.dev/test">
  <bpmn:process id="messages-language" name="Langue des messages" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:serviceTask id="Fax" name="Faxer le devis" relais:activity="comms.fax.send" />
    <bpmn:exclusiveGateway id="Amount" name="Montant ?" />
    <bpmn:endEvent id="Big" name="Gros" />
    <bpmn:endEvent id="Small" name="Petit" />
    <bpmn:task id="Lonely" name="Oubliée" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Fax" />
    <bpmn:sequenceFlow id="F2" sourceRef="Fax" targetRef="Amount" />
    <bpmn:sequenceFlow id="F3" sourceRef="Amount" targetRef="Big">
      <bpmn:conditionExpression>=amount &gt;&gt;= 3)</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="F4" sourceRef="Amount" targetRef="Small" />
  </bpmn:process>
</bpmn:definitions>`;

/** What would betray an English sentence in a French text, once names («…») are set aside. */
const ENGLISH = /\b(the|is|has|does|not|and|with|which|must|remove|give|choose|this|it|of|to|from|flow|element)\b/i;
const withoutNames = (text: string) => text.replace(/«[^»]*»/g, '«»');

describe('definition and decision messages in the reader\'s language', () => {
  let t: TestContext;
  let own: OwnTenant;
  let token: string;

  beforeAll(async () => {
    t = testContext();
    own = await createOwnTenant(t.admin, 'msg-lang');
    token = (await loginAs(t.app, 'direction', own.slug)).accessToken;
  });
  afterAll(() => t.close());

  const deploy = (xml: string, language?: string, kind = 'process-definitions?deploy=true') => {
    const req = request(t.app).post(`/api/v1/${kind}`).set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/xml');
    return (language ? req.set('Accept-Language', language) : req).send(xml);
  };
  const byCode = (problems: Array<{ code: string; message: string }>, code: string) => problems.find((p) => p.code === code)!.message;

  it('answers a diagram\'s lint problems and its invalid FEEL condition in French, by default and for fr, and in English for en', async () => {
    const [byDefault, fr, en] = await Promise.all([deploy(BPMN), deploy(BPMN, 'fr-FR,fr;q=0.9'), deploy(BPMN, 'en-GB,en;q=0.8')]);
    for (const res of [byDefault, fr, en]) expect(res.status).toBe(422);
    expect(byDefault.body).toEqual(fr.body);

    // The same problems in both languages: same elements, rules and codes; the rule id stays visible for experts.
    const shape = (body: { problems: Array<Record<string, unknown>> }) => body.problems.map(({ elementId, rule, code }) => `${elementId} ${rule} ${code}`);
    expect(shape(fr.body)).toEqual(shape(en.body));
    expect(shape(fr.body)).toEqual(expect.arrayContaining([
      'Fax relais/service-task lint.service-task.unknown-activity',
      'F4 relais/missing-condition lint.missing-condition',
      'F3 relais/feel lint.feel',
      'Lonely no-disconnected lint.no-disconnected',
    ]));

    expect(byCode(fr.body.problems, 'lint.service-task.unknown-activity')).toBe(
      'La tâche de service « Faxer le devis » exécute « comms.fax.send », qui n\'est pas une activité connue. Choisissez-en une dans la liste des activités.',
    );
    expect(byCode(en.body.problems, 'lint.service-task.unknown-activity')).toBe(
      'Service task "Faxer le devis" runs "comms.fax.send", which is not a known activity. Choose one from the activity list.',
    );
    expect(byCode(fr.body.problems, 'lint.feel')).toBe('La condition de « F3 » : « =amount >>= 3) » n\'est pas une expression FEEL valide : « ) » inattendu au caractère 13.');
    expect(byCode(en.body.problems, 'lint.feel')).toBe('The condition of "F3": "=amount >>= 3)" is not a valid FEEL expression: unexpected ")" at character 13.');
    expect(byCode(fr.body.problems, 'lint.missing-condition')).toBe(
      'Le flux de la passerelle « Montant ? » vers « Petit » n\'a pas de condition. Donnez-lui une condition, ou faites-en le flux par défaut de la passerelle.',
    );
    expect(byCode(en.body.problems, 'lint.no-disconnected')).toBe('This element is not connected to anything: connect it with sequence flows, or remove it.');

    expect(fr.body.title).toBe('Refusé par une règle métier');
    expect(en.body.title).toBe('Unprocessable content');
    expect(fr.body.detail).toMatch(/^La définition de processus ne peut pas être déployée : \d+ problèmes\./);
    expect(en.body.detail).toMatch(/^The process definition cannot be deployed: \d+ problems\./);
    for (const text of [fr.body.detail, ...fr.body.problems.map((p: { message: string }) => p.message)]) expect(withoutNames(text)).not.toMatch(ENGLISH);
  });

  it('answers a DMN file\'s invalid FEEL and a decision that cannot decide in the reader\'s language', async () => {
    const dmn = fs.readFileSync(path.join(ROOT, 'test/fixtures/dmn/credit-risk.dmn'), 'utf8');
    const broken = dmn.replace('<text>[50..80)</text>', '<text>[50..</text>');
    const [fr, en] = await Promise.all([deploy(broken, 'fr', 'decision-definitions'), deploy(broken, 'en', 'decision-definitions')]);
    expect(fr.status).toBe(422);
    expect(fr.body.problems.map((p: { rule: string; code: string }) => `${p.rule} ${p.code}`)).toEqual(['dmn/feel dmn.feel']);
    expect(fr.body.problems[0].message).toMatch(/^Décision « Risk level » \(risk-level\), règle \d \(DecisionRule_medium\), entrée « .+ » : « \[50\.\. » n'est pas un test unaire FEEL valide : l'expression est incomplète à la fin\.$/);
    expect(en.body.problems[0].message).toMatch(/^Decision "Risk level" \(risk-level\), rule \d \(DecisionRule_medium\), input ".+": "\[50\.\." is not a valid FEEL unary test: the expression is incomplete at its end\.$/);
    expect(withoutNames(fr.body.problems[0].message)).not.toMatch(ENGLISH);

    // Two rules of a UNIQUE table match: the evaluation is refused, saying why.
    expect((await deploy(dmn.replace('<text>[50..80)</text>', '<text>[50..100]</text>'), 'fr', 'decision-definitions')).status).toBe(201);
    const evaluate = (language: string) => request(t.app).post('/api/v1/decision-definitions/risk-level/evaluate')
      .set('Authorization', `Bearer ${token}`).set('Accept-Language', language).send({ variables: { account: { latePayments: 0, ageYears: 3 }, amountCents: 100 } });
    const [clashFr, clashEn] = await Promise.all([evaluate('fr'), evaluate('en')]);
    expect(clashFr.status).toBe(422);
    expect(clashFr.body).toMatchObject({ code: 'decision.unique', params: { rules: ['DecisionRule_low', 'DecisionRule_medium'] } });
    expect(clashFr.body.detail).toBe('Décision « Risk level » (risk-level) : la politique de résultat UNIQUE admet une seule règle, mais 2 s\'appliquent (DecisionRule_low, DecisionRule_medium). Rendez leurs entrées exclusives, ou choisissez la politique FIRST ou PRIORITY.');
    expect(clashEn.body.detail).toBe('Decision "Risk level" (risk-level): hit policy UNIQUE allows one matching rule, but 2 match (DecisionRule_low, DecisionRule_medium). Make their input entries exclusive, or choose the FIRST or PRIORITY hit policy.');
  });

  it('shows an incident of the engine in the reader\'s language, with its code', async () => {
    // No condition of the gateway holds and it has no default flow: the engine opens an incident (incident.no-flow).
    const key = `no-way-${process.pid}`;
    const plan = buildPlan(key, [
      { id: 'start', kind: 'startEvent' }, { id: 'choose', kind: 'exclusiveGateway' }, { id: 'end', kind: 'endEvent' }, { id: 'other', kind: 'endEvent' },
    ], [['f1', 'start', 'choose'], ['f2', 'choose', 'end', '=false'], ['f3', 'choose', 'other', '=1 > 2']]);
    await t.admin('processDefinitions').insert({
      tenantId: own.tenantId, key, version: 1, status: 'deployed', xml: '<definitions/>', plan: JSON.stringify(plan), deployedAt: new Date(),
    });
    const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    const worker: Worker = await engineWorker(connection, TASK_QUEUE, t.knex);
    const running = worker.run();
    try {
      const started = await request(t.app).post('/api/v1/process-instances').set('Authorization', `Bearer ${token}`).send({ processKey: key, businessKey: 'B-1' });
      expect(started.status).toBe(201);
      const detail = (language: string) => request(t.app).get(`/api/v1/process-instances/${started.body.id}`).set('Authorization', `Bearer ${token}`).set('Accept-Language', language);
      let fr = await detail('fr');
      for (let i = 0; i < 150 && fr.body.incidents?.length !== 1; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        fr = await detail('fr');
      }
      expect(fr.body.incidents).toEqual([expect.objectContaining({
        elementId: 'choose', code: 'incident.no-flow',
        message: 'Aucune condition des flux sortants n\'est vraie et il n\'y a pas de flux par défaut : corrigez les variables et relancez, ou ajoutez un flux par défaut.',
      })]);
      expect((await detail('en')).body.incidents[0].message).toBe('No outgoing flow\'s condition holds and there is no default flow: correct the variables and retry, or add a default flow.');
      await request(t.app).post(`/api/v1/process-instances/${started.body.id}/cancel`).set('Authorization', `Bearer ${token}`).send({ reason: 'test over' });
    } finally {
      worker.shutdown();
      await running;
      await connection.close();
    }
  });

  it('names what was not found in the reader\'s language, without an English noun in the French text', async () => {
    const get = (language: string) => request(t.app).get('/api/v1/process-definitions/nowhere/versions/3/xml').set('Authorization', `Bearer ${token}`).set('Accept-Language', language);
    const [fr, en] = await Promise.all([get('fr'), get('en')]);
    expect(fr.status).toBe(404);
    expect(fr.body).toMatchObject({ code: 'definitions.not-found', detail: 'La version 3 de la définition de processus « nowhere » est introuvable, ou vous n\'y avez pas accès.' });
    expect(en.body.detail).toBe('Version 3 of process definition "nowhere" was not found, or you do not have access to it.');
  });
});
