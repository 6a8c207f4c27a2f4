import fs from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../db/seeds/demo-tenants';
import { tenantId, testContext, userId, type TestContext } from '../support/api';
import { ROOT } from '../support/paths';
import { axeSerious } from '../support/axe';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const UI_DIR = path.join(ROOT, 'ui/dist');

/**
 * The accounts screen in Debian's Chromium against the real API and database:
 * inline editing with autosave survives a reload, and two tabs editing the
 * same account get the conflict prompt instead of a silent overwrite.
 */
describe('accounts in the browser', () => {
  let t: TestContext;
  let server: Server;
  let base: string;
  let browser: Browser;
  let accountId: string;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(UI_DIR, 'index.html'))) throw new Error('Build the UI first: npm run build:ui');
    if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);
    t = testContext({ uiDir: UI_DIR });
    await new Promise<void>((resolve) => { server = t.app.listen(0, '127.0.0.1', () => resolve()); });
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const tenant = await tenantId(t.admin, 'epic-events');
    const sales = await userId(t.admin, 'sales', 'epic-events');
    const [row] = await t.admin('accounts').insert({ tenantId: tenant, number: 5_000_000 + Math.floor(Math.random() * 1_000_000), name: 'Navigateur Événements', city: 'Blois', ownerId: sales }).returning('id');
    accountId = row.id;
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

  async function signIn(page: Page): Promise<void> {
    await page.goto(`${base}/login`);
    await page.getByTestId('login-email').fill('sales@epic-events.demo');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    // Sales of Epic Events land on their clients (or their tasks), then open the accounts.
    await page.waitForURL(/\/(accounts|tasks|events)/, { timeout: 60_000 });
    await page.goto(`${base}/accounts`);
    await page.getByTestId('accounts-table').waitFor({ timeout: 60_000 });
  }

  async function openAccount(page: Page): Promise<void> {
    await page.goto(`${base}/accounts/${accountId}`);
    await page.getByTestId('account-panel').waitFor({ timeout: 60_000 });
  }

  /** "Enregistré", matched on its state: the text "Modifications non enregistrées" contains it too. */
  const saved = async (page: Page) => {
    try {
      await page.locator('[data-testid="save-status"][data-status="saved"]').waitFor({ timeout: 30_000 });
    } catch (error) {
      await page.screenshot({ path: path.join(process.env.RELAIS_DATA_DIR!, 'failure.png') });
      const status = await page.getByTestId('save-status').getAttribute('data-status').catch(() => 'none');
      throw new Error(`not saved (status ${status}): ${(error as Error).message}`);
    }
  };

  async function edit(page: Page, field: string, value: string): Promise<void> {
    const input = page.getByTestId(`field-${field}`);
    await input.click();
    await input.fill(value);
    await input.blur();
  }

  it('signs in, edits an account inline, autosaves, and shows the saved value after a reload', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    await signIn(page);
    await page.getByTestId('account-row').first().waitFor();
    await openAccount(page);
    await edit(page, 'city', 'Chambord');
    await saved(page);
    await expect(page.getByTestId('save-status').textContent()).resolves.toContain('Enregistré');
    expect((await t.admin('accounts').where({ id: accountId }).first('city')).city).toBe('Chambord');

    await page.reload();
    await page.getByTestId('account-panel').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('field-city').inputValue()).resolves.toBe('Chambord');
    // The change is on the record's timeline, as a sentence: who, which field by its label, the values.
    const timeline = page.getByTestId('history-timeline');
    await timeline.getByText('Chambord').first().waitFor();
    await expect(timeline.getByTestId('history-sentence').first().textContent()).resolves.toMatch(/a modifié « Ville » : .* → Chambord/);
    expect(await timeline.textContent()).not.toMatch(/\bcity\b|champs renseignés|Système|[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(await axeSerious(page, '[data-testid="history-timeline"]')).toEqual([]);
    await context.close();
  });

  it('prompts about the conflict when two tabs edit the same account, and keeps what was typed', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const first = await context.newPage();
    await signIn(first);
    const second = await context.newPage();
    await openAccount(first);
    await openAccount(second);

    await edit(first, 'name', 'Nom depuis l\'onglet 1');
    await saved(first);

    await edit(second, 'name', 'Nom depuis l\'onglet 2');
    await second.getByTestId('conflict-dialog').waitFor({ timeout: 30_000 });
    // Nothing was overwritten silently.
    expect((await t.admin('accounts').where({ id: accountId }).first('name')).name).toBe('Nom depuis l\'onglet 1');
    await second.getByTestId('conflict-keep-mine').click();
    await saved(second);
    expect((await t.admin('accounts').where({ id: accountId }).first('name')).name).toBe('Nom depuis l\'onglet 2');
    await context.close();
  });
});
