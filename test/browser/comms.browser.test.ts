import fs from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '../../db/seeds/demo-tenants';
import { TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { axeSerious } from '../support/axe';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { ROOT } from '../support/paths';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const UI_DIR = path.join(ROOT, 'ui/dist');

/**
 * Communications in Debian's Chromium against the real API: "Envoyer un SMS"
 * from a contact of the account panel (template, preview with the contact's
 * own data, refusal shown with its reason), then the message in the outbox.
 * Sends are only queued (no worker polls this queue).
 */
describe('communications in the browser', () => {
  let t: TestContext;
  let server: Server;
  let base: string;
  let browser: Browser;
  let tenant: OwnTenant;
  let accountId: string;
  const contactIds: Record<string, string> = {};
  const shots = (name: string) => path.join(process.env.RELAIS_DATA_DIR!, `comms-${name}.png`);

  beforeAll(async () => {
    if (!fs.existsSync(path.join(UI_DIR, 'index.html'))) throw new Error('Build the UI first: npm run build:ui');
    if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);
    t = testContext({ uiDir: UI_DIR, taskQueue: `${TASK_QUEUE}-comms-ui-unpolled` });
    await new Promise<void>((resolve) => { server = t.app.listen(0, '127.0.0.1', () => resolve()); });
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    tenant = await createOwnTenant(t.admin, 'comms-ui', ['events']);
    const [account] = await t.admin('accounts').insert({ tenantId: tenant.tenantId, number: 1, name: 'Château de Candé', city: 'Candé', ownerId: tenant.userIds.sales }).returning('id');
    accountId = account.id;
    const rows = await t.admin('contacts').insert([
      { tenantId: tenant.tenantId, accountId, firstName: 'John', lastName: 'Ouick', mobile: '+33612345678' },
      { tenantId: tenant.tenantId, accountId, firstName: 'Sans', lastName: 'Numéro', mobile: null },
    ]).returning(['id', 'firstName']);
    for (const r of rows) contactIds[r.firstName] = r.id;
    await t.admin('commsTemplates').insert({
      tenantId: tenant.tenantId, key: 'rappel', language: 'fr', channel: 'sms', category: 'transactional', kind: 'contact.message', name: 'Rappel',
      body: 'Bonjour {{contact.firstName}}, votre événement approche. {{sender.name}}',
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
    await t?.close();
  });

  it('sends an SMS to a contact from the account panel and shows it in the outbox', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByTestId('login-email').fill(`sales@${tenant.slug}.demo`);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/(accounts|tasks|events)/, { timeout: 60_000 });

    await page.goto(`${base}/accounts/${accountId}`);
    await page.getByTestId('account-panel').waitFor({ timeout: 60_000 });
    const buttons = page.getByTestId('contact-send-sms');
    await buttons.first().waitFor();
    expect(await buttons.count()).toBe(2);

    // The contact without a number: refused, with the reason, nothing sent.
    const sendTo = (name: string) => page.locator(`[data-testid="contact-send-sms"][data-contact-id="${contactIds[name]}"]`).click();
    await sendTo('Sans');
    const dialog = page.getByTestId('send-sms-dialog');
    await dialog.waitFor();
    await page.getByTestId('send-sms-body').fill('Bonjour');
    await page.getByTestId('send-sms-submit').click();
    await page.getByTestId('send-sms-error').waitFor();
    expect(await page.getByTestId('send-sms-error').textContent()).toContain('n\'a ni mobile ni téléphone');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // John: the template, previewed with his own data.
    await sendTo('John');
    await dialog.waitFor();
    await page.getByTestId('send-sms-template').click();
    await page.getByRole('option', { name: /Rappel/ }).click();
    await page.getByTestId('send-sms-preview').getByText('Bonjour John, votre événement approche.', { exact: false }).waitFor();
    await page.screenshot({ path: shots('send-dialog') });
    await page.getByTestId('send-sms-submit').click();
    await page.getByTestId('send-sms-done').waitFor();
    expect(await page.getByTestId('send-sms-done').textContent()).toContain('+33612345678');

    await page.goto(`${base}/comms`);
    await page.getByTestId('message-row').first().waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('message-row').count()).toBe(1);
    expect(await page.getByTestId('message-status').first().getAttribute('data-status')).toBe('pending');
    await page.screenshot({ path: shots('outbox') });
    await page.getByTestId('message-row').first().click();
    await page.getByTestId('message-detail-body').getByText('Bonjour John', { exact: false }).waitFor();

    await page.keyboard.press('Escape');
    await page.getByTestId('comms-tab-templates').click();
    await page.getByTestId('template-item').first().click();
    await page.getByTestId('template-preview').getByText('Bonjour Camille', { exact: false }).waitFor();
    await page.getByTestId('template-body').fill('Bonjour {{contact.firstName}} {{contact.shoeSize}}');
    await page.getByTestId('template-problem').first().waitFor();
    await page.screenshot({ path: shots('template-editor') });
    await context.close();
  });

  it('shows every settings field, the SMTP sender included, side by side without overlapping, to an administrator', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/login`);
      await page.getByTestId('login-email').fill(`management@${tenant.slug}.demo`);
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(/\/(accounts|tasks|events)/, { timeout: 60_000 });
      await page.goto(`${base}/comms/settings`);
      const settings = page.getByTestId('comms-settings');
      await settings.waitFor({ timeout: 60_000 });
      await page.getByTestId('settings-smtp').locator('input').check();
      // The sender's label shows its example address (the @ of a vue-i18n message, escaped).
      await settings.locator('.v-field-label', { hasText: 'Expéditeur (ex. Relais <no-reply@exemple.fr>)' }).first().waitFor();
      await page.getByTestId('settings-twilio').locator('input').check();
      await page.getByLabel('Account SID').waitFor();

      const boxes = await settings.locator('.v-input').evaluateAll((inputs) => inputs.map((input) => {
        const r = input.getBoundingClientRect();
        return { label: input.textContent?.trim().slice(0, 40) ?? '', left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      }));
      expect(boxes.length).toBeGreaterThanOrEqual(12);
      const overlapping = boxes.flatMap((a, i) => boxes.slice(i + 1)
        .filter((b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
        .map((b) => `${a.label} / ${b.label}`));
      expect(overlapping).toEqual([]);
      await page.screenshot({ path: shots('settings'), fullPage: true });
      expect(await axeSerious(page, '[data-testid="comms-page"]')).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
