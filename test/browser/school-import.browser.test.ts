import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../db/seeds/demo-tenants';
import { studentWorkbookBuffer, trickyStudentRows } from '../fixtures/school/student-workbook';
import { tenantId } from '../support/api';
import { expectAccessible } from '../support/axe';
import { startBrowserStack, type BrowserStack } from '../support/browser';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The student office imports the registry workbook from « Import du référentiel » (issue 18, ADR 0050): the dry run
 * shows the diff (new rows, rejected ones with their reason, filtered by outcome) and writes nothing; « Importer »
 * writes the good rows; the history shows the run beside the demo's daily ones. Axe on the page.
 */
describe('school registry import in the browser', () => {
  let stack: BrowserStack;
  const rows = trickyStudentRows(8_000_000 + (process.pid % 1000) * 100).map((r) => r.row);

  beforeAll(async () => {
    stack = await startBrowserStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  async function shotOnFailure<T>(page: Page, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      await page.screenshot({ path: path.join(process.env.RELAIS_DATA_DIR!, 'school-import.png'), fullPage: true }).catch(() => undefined);
      throw error;
    }
  }

  it('dry run shows the diff with reasons and writes nothing; Importer writes the good rows', async () => {
    const { t, base } = stack;
    const school = await tenantId(t.admin, 'acme-school');
    const count = async () => Number((await t.admin('school_students').where({ tenant_id: school }).count('* as n'))[0]!.n);
    const buffer = await studentWorkbookBuffer(rows);
    const before = await count();

    const context = await stack.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1366, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByTestId('login-email').fill('school-office@acme-school.demo');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: 60_000 });

    await shotOnFailure(page, async () => {
      await page.goto(`${base}/school/import`);
      await page.getByTestId('import-page').waitFor({ timeout: 30_000 });
      await page.locator('[data-testid="import-run"][data-source="schedule"]').first().waitFor({ timeout: 30_000 });
      await page.getByTestId('import-file').locator('input[type="file"]').setInputFiles({ name: 'referentiel.xlsx', mimeType: XLSX, buffer });

      await page.getByTestId('import-dry-run').click();
      await page.getByTestId('import-result').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('import-result').textContent()).toContain('rien n’a été écrit');
      expect(await page.locator('[data-testid="import-row"][data-outcome="create"]').count()).toBe(4);
      expect(await page.locator('[data-testid="import-row"][data-outcome="rejected"]').count()).toBe(6);
      await page.getByTestId('import-filter-rejected').click();
      await page.locator('[data-testid="import-row"][data-outcome="create"]').first().waitFor({ state: 'detached' });
      const rejected = await page.locator('[data-testid="import-row"]').allTextContents();
      expect(rejected.join('\n')).toContain('La clé du numéro de sécurité sociale ne correspond pas');
      expect(rejected.join('\n')).toContain('Statut inconnu « diplômée »');
      for (const r of rows) expect(await page.content()).not.toContain(r[1]);
      expect(await count()).toBe(before);
      await expectAccessible(page, 'school import dry run');

      await page.getByTestId('import-apply').click();
      await page.getByTestId('import-result').filter({ hasText: 'Import terminé' }).waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('import-result').textContent()).toContain('4 nouveau(x)');
      expect(await count()).toBe(before + 4);
      await page.locator('[data-testid="import-run"][data-source="upload"]').first().waitFor();
    });
  });
});
