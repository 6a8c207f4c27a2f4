import fs from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { chromium, type Browser } from 'playwright-core';
import request from 'supertest';
import { DEMO_PASSWORD } from '../../db/seeds/demo-tenants';
import { engineWorker } from '../support/engine';
import { buildPlan } from '../support/plans';
import { loginAs, TASK_QUEUE, tenantId, testContext, type TestContext } from '../support/api';
import { axeSerious } from '../support/axe';
import { ROOT } from '../support/paths';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const UI_DIR = path.join(ROOT, 'ui/dist');

/** A user task done the way staff do it: in the task list, claimed, its form filled in the side panel. */
describe('task list in the browser', () => {
  let t: TestContext;
  let server: Server;
  let base: string;
  let browser: Browser;
  let connection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  const key = `browser-approval-${process.pid}`;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(UI_DIR, 'index.html'))) throw new Error('Build the UI first: npm run build:ui');
    t = testContext({ uiDir: UI_DIR });
    await new Promise<void>((resolve) => { server = t.app.listen(0, '127.0.0.1', () => resolve()); });
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    worker = await engineWorker(connection, TASK_QUEUE, t.knex);
    running = worker.run();
    const plan = buildPlan(key, [
      { id: 'start', kind: 'startEvent' },
      { id: 'review', kind: 'userTask', name: 'Valider la commande', candidateRoles: ['support-n2'], formKey: 'core.approval' },
      { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'review'], ['f2', 'review', 'end']]);
    await t.admin('processDefinitions').insert({
      tenantId: await tenantId(t.admin, 'softwhere'), key, version: 1, status: 'deployed', name: 'Validation des commandes', xml: '<definitions/>', plan: JSON.stringify(plan), deployedAt: new Date(),
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    worker?.shutdown();
    await running;
    await connection?.close();
    await new Promise((r) => server?.close(r));
    await t?.close();
  });

  it('opens on the task offered to the role with counts on the tabs, claims it, fills its form and completes it; the process ends', async () => {
    const manager = (await loginAs(t.app, 'manager', 'softwhere')).accessToken;
    const started = await request(t.app).post('/api/v1/process-instances').set('Authorization', `Bearer ${manager}`)
      .send({ processKey: key, businessKey: 'CMD-BROWSER' });
    expect(started.status).toBe(201);
    let taskId: string | undefined;
    for (let i = 0; i < 100 && !taskId; i++) {
      taskId = (await t.admin('tasks').where({ instanceId: started.body.id, status: 'open' }).first('id'))?.id;
      if (!taskId) await new Promise((r) => setTimeout(r, 100));
    }
    expect(taskId).toBeDefined();

    const page = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await page.goto(`${base}/login`);
    await page.getByTestId('login-email').fill('support-n2@softwhere.demo');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/(accounts|tasks)/, { timeout: 60_000 });
    await page.goto(`${base}/tasks`);
    // The list opens on « À faire »: the role's unclaimed task is there, no tab to click.
    const row = page.locator(`[data-testid="task-row"][data-task-id="${taskId}"]`);
    await row.waitFor({ timeout: 60_000 });
    const todo = page.getByTestId('tasks-tab-todo');
    expect(await todo.getAttribute('aria-selected')).toBe('true');
    await page.locator('[data-testid="tasks-tab-todo"][data-count]:not([data-count=""])').waitFor();
    const before = Number(await todo.getAttribute('data-count'));
    expect(before).toBeGreaterThanOrEqual(1);
    expect(await todo.textContent()).toContain(String(before));
    const mineBefore = Number(await page.getByTestId('tasks-tab-mine').getAttribute('data-count'));
    // The process's title and the business label (no resolver: the business key), not the process key.
    expect(await row.getByTestId('task-label').textContent()).toBe('CMD-BROWSER');
    expect(await row.getByTestId('task-process-title').textContent()).toBe('Validation des commandes');
    expect(await row.textContent()).not.toContain(key);
    expect(await axeSerious(page, '.v-main')).toEqual([]);
    await row.getByTestId('task-claim').click();
    await page.locator(`[data-testid="tasks-tab-mine"][data-count="${mineBefore + 1}"]`).waitFor({ timeout: 30_000 });
    expect(await row.getByTestId('task-assignee').textContent()).toBe('Moi');
    await row.click();
    await page.getByTestId('task-panel').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('task-panel-process').textContent()).toBe('Validation des commandes');
    expect(await page.getByTestId('task-panel-label').textContent()).toContain('CMD-BROWSER');
    expect(await axeSerious(page, '[data-testid="task-panel"]')).toEqual([]);
    await page.getByTestId('task-field-approved').check();
    await page.getByTestId('task-field-comment').fill('Stock vérifié');
    await page.getByTestId('task-complete').click();

    for (let i = 0; i < 150; i++) {
      const status = (await t.admin('processInstances').where({ id: started.body.id }).first('status')).status;
      if (status === 'completed') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const task = await t.admin('tasks').where({ id: taskId }).first('status', 'data', 'completedBy');
    expect(task.status).toBe('completed');
    expect(task.data).toEqual({ approved: true, comment: 'Stock vérifié' });
    expect((await t.admin('processInstances').where({ id: started.body.id }).first('status')).status).toBe('completed');
  });
});
