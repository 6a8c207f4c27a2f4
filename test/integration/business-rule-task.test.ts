import fs from 'node:fs';
import path from 'node:path';
import { NativeConnection, type Worker } from '@temporalio/worker';
import request from 'supertest';
import { loginAs, TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { engineWorker } from '../support/engine';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { asUser, eventually } from '../support/http';
import { ROOT } from '../support/paths';

/** A process that routes on a DMN decision: deployed, started and run through the HTTP API with the real worker. */
describe('business rule tasks through the API', () => {
  let t: TestContext;
  let own: OwnTenant;
  let connection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let token: string;

  const bpmn = (key: string, decisionId: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_${key}" targetNamespace="http://relais.dev/bpmn">
  <bpmn:process id="${key}" name="Ticket triage" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="route" />
    <bpmn:businessRuleTask id="route" name="Route the ticket">
      <bpmn:extensionElements><zeebe:calledDecision decisionId="${decisionId}" resultVariable="routing" /></bpmn:extensionElements>
    </bpmn:businessRuleTask>
    <bpmn:sequenceFlow id="f2" sourceRef="route" targetRef="which" />
    <bpmn:exclusiveGateway id="which" name="Which team?" default="other" />
    <bpmn:sequenceFlow id="n2" sourceRef="which" targetRef="level-2"><bpmn:conditionExpression>=routing.team = "support-n2"</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="other" sourceRef="which" targetRef="elsewhere" />
    <bpmn:endEvent id="level-2" name="Level 2" />
    <bpmn:endEvent id="elsewhere" name="Another team" />
  </bpmn:process>
</bpmn:definitions>`;

  beforeAll(async () => {
    t = testContext();
    own = await createOwnTenant(t.admin, 'brt');
    token = (await loginAs(t.app, 'direction', own.slug)).accessToken;
    connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    worker = await engineWorker(connection, TASK_QUEUE, t.knex);
    running = worker.run();
  });
  afterAll(async () => {
    worker.shutdown();
    await running;
    await connection.close();
    await t.close();
  });

  const deploy = (url: string, xml: string) =>
    request(t.app).post(url).set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/xml').send(xml);

  it('refuses a process whose business rule task names a decision not deployed, naming it (422); its draft is saved with that problem', async () => {
    const problem = {
      elementId: 'route', rule: 'relais/business-rule-task', code: 'lint.business-rule-task.not-deployed', params: { el: 'Route the ticket', decision: 'no-such-decision' },
      message: 'La tâche de règle métier « Route the ticket » évalue la décision « no-such-decision », qui n\'est pas déployée : déployez d\'abord le fichier DMN qui la définit (POST /api/v1/decision-definitions).',
    };
    const res = await deploy('/api/v1/process-definitions?deploy=true', bpmn('triage-undeployed', 'no-such-decision'));
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([problem]);
    const draft = await deploy('/api/v1/process-definitions', bpmn('triage-undeployed', 'no-such-decision'));
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', problems: [problem], warnings: [] });
  });

  it('embeds the deployed decision and routes each instance on its result', async () => {
    expect((await deploy('/api/v1/decision-definitions', fs.readFileSync(path.join(ROOT, 'test/fixtures/dmn/ticket-routing.dmn'), 'utf8'))).status).toBe(201);
    const deployed = await deploy('/api/v1/process-definitions?deploy=true', bpmn('triage', 'route-ticket'));
    expect(deployed.status).toBe(201);
    expect(deployed.body).toMatchObject({ key: 'triage', version: 1, warnings: [] });
    const plan = (await t.admin('processDefinitions').where({ tenantId: own.tenantId, key: 'triage', version: 1 }).first('plan')).plan;
    expect(plan.nodes.route).toMatchObject({ kind: 'businessRuleTask', decisionId: 'route-ticket', resultVariable: 'routing', decision: { id: 'route-ticket', hitPolicy: 'FIRST' } });

    const api = asUser(t.app, token);
    const run = async (businessKey: string, variables: Record<string, unknown>) => {
      const started = await api.post('/api/v1/process-instances', { processKey: 'triage', businessKey, variables });
      expect(started.status).toBe(201);
      return eventually(async () => {
        const res = await api.get(`/api/v1/process-instances/${started.body.id}`);
        return res.body.status === 'completed' ? res.body : undefined;
      });
    };
    const outage = await run('T-1', { ticket: { category: 'outage', priority: 3 }, customer: { segment: 'smb' } });
    expect(outage.takenFlows).toEqual(expect.arrayContaining(['f1', 'f2', 'n2']));
    expect(outage.takenFlows).not.toContain('other');
    expect(outage.variables.routing).toMatchObject({ team: 'support-n2', dueWithin: 'PT4H' });
    const billing = await run('T-2', { ticket: { category: 'billing', priority: 3 }, customer: { segment: 'smb' } });
    expect(billing.takenFlows).toContain('other');
    expect(billing.variables.routing).toMatchObject({ team: 'accounting' });
  });
});
