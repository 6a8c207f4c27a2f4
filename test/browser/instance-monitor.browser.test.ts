import path from 'node:path';
import request from 'supertest';
import { DEMO_PASSWORD } from '../../db/seeds/demo-tenants';
import { buildPlan } from '../support/plans';
import { loginAs, tenantId, type TestContext } from '../support/api';
import { approvalXml } from '../support/approval-diagram';
import { axeSerious } from '../support/axe';
import { startBrowserStack, type BrowserStack } from '../support/browser';
import { until } from '../support/worker-process';

/** The monitor paints what a finished instance did (Camunda Operate's instance history) and lists its element instances. */
describe('process instance monitor in the browser', () => {
  let stack: BrowserStack;
  let t: TestContext;
  const key = `browser-history-${process.pid}`;
  const plan = buildPlan(key, [
    { id: 'start', kind: 'startEvent', name: 'Commande reçue' },
    { id: 'review', kind: 'userTask', name: 'Vérifier la commande', candidateRoles: ['support-n1'], formKey: 'core.approval' },
    { id: 'decide', kind: 'exclusiveGateway', name: 'Acceptée ?', defaultFlow: 'no' },
    { id: 'end-approved', kind: 'endEvent', name: 'Commande acceptée' },
    { id: 'end-rejected', kind: 'endEvent', name: 'Commande refusée' },
  ], [['f1', 'start', 'review'], ['f2', 'review', 'decide'], ['yes', 'decide', 'end-approved', '=approved'], ['no', 'decide', 'end-rejected']]);

  beforeAll(async () => {
    stack = await startBrowserStack();
    t = stack.t;
    await t.admin('processDefinitions').insert({
      tenantId: await tenantId(t.admin, 'softwhere'), key, version: 1, status: 'deployed', name: 'Validation de commande', xml: approvalXml(key), plan: JSON.stringify(plan), deployedAt: new Date(),
    });
  });
  afterAll(async () => stack?.close());

  it('paints what a completed instance did, tells its business history (who, which branch and why), shows its variables as a table with the raw view folded, with no serious accessibility issue', async () => {
    const manager = (await loginAs(t.app, 'manager', 'softwhere')).accessToken;
    const supportN1 = (await loginAs(t.app, 'support-n1', 'softwhere')).accessToken;
    const started = await request(t.app).post('/api/v1/process-instances').set('Authorization', `Bearer ${manager}`)
      .send({ processKey: key, businessKey: 'CMD-MONITOR', variables: { orderId: 'CMD-MONITOR', amountCents: 1_250_050, receivedAt: '2026-03-02T09:30:00Z' } });
    expect(started.status).toBe(201);
    const task: { id: string } = await until('the review task', async () => (await t.admin('tasks').where({ instanceId: started.body.id, status: 'open' }).first('id')) ?? undefined);
    const done = await request(t.app).post(`/api/v1/tasks/${task.id}/complete`).set('Authorization', `Bearer ${supportN1}`).send({ approved: true });
    expect(done.status).toBe(200);
    await until('the end of the instance', async () => (await t.admin('processInstances').where({ id: started.body.id, status: 'completed' }).first('id')) ?? undefined);

    const page = await (await stack.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1366, height: 900 } })).newPage();
    try {
      await page.goto(`${stack.base}/login`);
      await page.getByTestId('login-email').fill('manager@softwhere.demo');
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(/\/(accounts|tasks|processes)/, { timeout: 60_000 });
      // The list names the instance by its business label and its process's title, not by ids.
      await page.goto(`${stack.base}/processes/instances`);
      const listed = page.locator(`[data-testid="instance-row"][data-instance-id="${started.body.id}"]`);
      await listed.waitFor({ timeout: 30_000 });
      expect(await listed.getByTestId('instance-label').textContent()).toBe('CMD-MONITOR');
      expect(await listed.getByTestId('instance-process-title').textContent()).toBe('Validation de commande');
      expect(await listed.textContent()).not.toContain(key);
      expect(await axeSerious(page, '.v-main')).toEqual([]);
      await listed.click();
      await page.locator('[data-testid="instance-detail"][data-status="completed"]').waitFor({ timeout: 30_000 });

      const diagram = page.getByTestId('instance-diagram');
      const gfx = (id: string) => diagram.locator(`.djs-element[data-element-id="${id}"]`);
      await gfx('end-approved').and(page.locator('.relais-completed')).waitFor({ timeout: 30_000 });
      for (const id of ['start', 'review', 'decide']) expect(await gfx(id).getAttribute('class')).toMatch(/relais-completed/);
      expect(await gfx('end-rejected').getAttribute('class')).not.toMatch(/relais-/);
      for (const id of ['f1', 'f2', 'yes']) expect(await gfx(id).getAttribute('class')).toMatch(/relais-taken/);
      expect(await gfx('no').getAttribute('class')).not.toMatch(/relais-taken/);
      // Colour is not the only cue: a legend in words, and the outcome written in the table.
      expect(await page.getByTestId('instance-detail').getByText('Chemin emprunté').isVisible()).toBe(true);

      const rows = page.getByTestId('instance-element');
      await rows.nth(3).waitFor();
      expect(await rows.count()).toBe(4);
      expect(await rows.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-element-id')}:${e.getAttribute('data-outcome')}`)))
        .toEqual(['end-approved:completed', 'decide:completed', 'review:completed', 'start:completed']);
      const last = await rows.first().textContent();
      for (const text of ['Commande acceptée', 'Événement de fin', 'Terminé']) expect(last).toContain(text);
      // The process's title and the business label head the page, not ids.
      expect(await page.getByTestId('instance-title').textContent()).toBe('CMD-MONITOR');
      expect(await page.getByTestId('instance-process-title').textContent()).toBe('Validation de commande · v1');

      // Variables as a table: amounts in euros, date-times in Paris time, booleans in words; the raw JSON folded.
      const value = async (name: string) => (await page.locator(`[data-testid="instance-variable"][data-name="${name}"]`).getByTestId('instance-variable-value').textContent())?.replace(/\s/g, ' ');
      expect(await value('orderId')).toBe('CMD-MONITOR');
      expect(await value('amountCents')).toBe('12 500,50 €');
      expect(await value('receivedAt')).toBe('02/03/2026 10:30');
      expect(await value('approved')).toBe('Oui');
      const raw = page.getByTestId('instance-variables-raw');
      expect(await raw.locator('pre').count()).toBe(0);
      await raw.getByRole('button').click();
      await raw.locator('pre').waitFor();
      expect(await raw.locator('pre').textContent()).toContain('"amountCents": 1250050');

      // The business history: each step, who completed the task, the branch taken and why.
      const step = (id: string) => page.locator(`[data-testid="instance-step"][data-element-id="${id}"]`);
      const completer = (await t.admin('users').where({ email: 'support-n1@softwhere.demo' }).first('displayName')).displayName as string;
      expect(await step('review').getByTestId('instance-step-actor').textContent()).toBe(`par ${completer}`);
      expect(await step('decide').getByTestId('instance-step-branch').textContent()).toBe('→ Commande acceptée, car approved');
      expect(await page.getByTestId('instance-step').count()).toBe(4);
      expect(await page.getByTestId('instance-history').textContent()).not.toMatch(/Activity|scheduled/);

      // The engine's own history stays one click away, in the technical view.
      await page.getByTestId('instance-engine-history').getByRole('button').click();
      await page.getByTestId('instance-engine-history').getByText('Étape « Commande acceptée (end-approved) » terminée').waitFor({ timeout: 30_000 });

      expect(await axeSerious(page, '[data-testid="instance-detail"]')).toEqual([]);
    } catch (error) {
      await page.screenshot({ path: path.join(process.env.RELAIS_DATA_DIR ?? '/tmp', 'instance-monitor.png'), fullPage: true }).catch(() => undefined);
      throw error;
    }
  });
});
