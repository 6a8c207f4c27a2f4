import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../db/seeds/demo-tenants';
import { tenantId, type TestContext } from '../support/api';
import { approvalXml } from '../support/approval-diagram';
import { startBrowserStack, type BrowserStack } from '../support/browser';

/** The BPMN modeler, as a process author uses it: new, save, import, deploy, compare, undo, download, retire, open. */
describe('process modeler in the browser', () => {
  let stack: BrowserStack;
  let t: TestContext;
  const key = `modeler-${process.pid}`;

  beforeAll(async () => {
    stack = await startBrowserStack();
    t = stack.t;
  });
  afterAll(async () => stack?.close());

  const modeler = (page: Page) => page.getByTestId('process-modeler');
  const snackbar = async (page: Page, text: string) => page.getByTestId('modeler-snackbar').getByText(text).waitFor({ timeout: 30_000 });

  it('creates, saves with its lint problems, imports, deploys, compares, undoes, downloads, retires and reopens a process', async () => {
    const page = await (await stack.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1600, height: 900 } })).newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    try {
      await page.goto(`${stack.base}/login`);
      await page.getByTestId('login-email').fill('manager@softwhere.demo');
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(/\/(accounts|tasks)/, { timeout: 60_000 });
      await page.goto(`${stack.base}/processes/modeler`);
      // A blank diagram to start from.
      await page.locator('[data-testid="process-modeler"][data-process-key="nouveau-processus"]').waitFor({ timeout: 60_000 });

      // New: key and name, unsaved until saved.
      await page.getByTestId('modeler-new').click();
      await page.getByTestId('modeler-new-key').fill('Pas une clé');
      expect(await page.getByTestId('modeler-new-create').isDisabled()).toBe(true);
      await page.getByTestId('modeler-new-key').fill(key);
      await page.getByTestId('modeler-new-name').fill('Validation de commande');
      await page.getByTestId('modeler-new-create').click();
      await page.locator(`[data-testid="process-modeler"][data-process-key="${key}"][data-dirty="true"]`).waitFor();
      expect(await page.getByTestId('modeler-title').textContent()).toBe('Validation de commande');
      expect(await page.getByTestId('modeler-problems').getAttribute('data-linted')).toBe('false');

      // Save: a draft with only a start event; the server's lint problems are listed and painted.
      await page.getByTestId('modeler-save').click();
      await page.locator('[data-testid="modeler-problems"][data-linted="true"]').waitFor({ timeout: 30_000 });
      await page.waitForURL(new RegExp(`/processes/modeler/${key}$`));
      expect(Number(await page.getByTestId('modeler-problems').getAttribute('data-count'))).toBeGreaterThan(0);
      expect(await modeler(page).getAttribute('data-dirty')).toBe('false');
      expect(await t.admin('processDefinitions').where({ tenantId: await tenantId(t.admin, 'softwhere'), key }).pluck('status')).toEqual(['draft']);

      // Import a complete diagram from a file, then deploy it.
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'modeler-')), `${key}.bpmn`);
      fs.writeFileSync(file, approvalXml(key));
      await page.locator('input[type="file"]').setInputFiles(file);
      await page.locator('[data-testid="modeler-canvas"] .djs-element[data-element-id="end-rejected"]').waitFor();
      expect(await modeler(page).getAttribute('data-dirty')).toBe('true');
      await page.getByTestId('modeler-deploy').click();
      await snackbar(page, `« ${key} » déployé en version 1`);
      expect(await page.getByTestId('modeler-problems').getAttribute('data-count')).toBe('0');

      // Compare with the deployed version: no difference, then a removed end event, then undone.
      await page.getByTestId('modeler-compare').click();
      await page.getByTestId('modeler-deployed').locator('.djs-element[data-element-id="end-rejected"]').waitFor({ timeout: 30_000 });
      await page.getByTestId('modeler-diff').getByText('Aucune différence.').waitFor();
      await page.locator('[data-testid="modeler-canvas"] .djs-element[data-element-id="end-rejected"]').click();
      await page.locator('.djs-context-pad .entry[data-action="delete"]').click();
      await page.locator('[data-testid="modeler-diff-removed"][data-element-id="end-rejected"]').waitFor({ timeout: 30_000 });
      expect(await modeler(page).getAttribute('data-dirty')).toBe('true');
      await page.getByTestId('modeler-undo').click();
      await page.getByTestId('modeler-diff').getByText('Aucune différence.').waitFor({ timeout: 30_000 });
      await page.getByTestId('modeler-compare').click();
      await page.getByTestId('modeler-deployed').waitFor({ state: 'detached' });

      // Download: the diagram as <key>.bpmn.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('modeler-download').click()]);
      expect(download.suggestedFilename()).toBe(`${key}.bpmn`);

      // Retire the key, after confirming.
      await page.getByTestId('modeler-lifecycle').click();
      await page.getByTestId('modeler-retire').click();
      await page.getByTestId('modeler-lifecycle-confirm').click();
      await page.getByTestId('modeler-retired').waitFor({ timeout: 30_000 });

      // Open: the list of processes, this one at its deployed version.
      await page.getByTestId('modeler-open').click();
      await page.locator(`[data-testid="modeler-open-item"][data-key="${key}"] [data-testid="modeler-open-latest"]`).click();
      await page.waitForURL(new RegExp(`/processes/modeler/${key}\\?version=1$`));
      await page.locator(`[data-testid="process-modeler"][data-process-key="${key}"][data-dirty="false"]`).waitFor();
      await page.locator('[data-testid="modeler-canvas"] .djs-element[data-element-id="review"]').waitFor();
    } catch (error) {
      await page.screenshot({ path: path.join(process.env.RELAIS_DATA_DIR ?? '/tmp', 'process-modeler.png'), fullPage: true }).catch(() => undefined);
      throw error;
    }
  });
});
