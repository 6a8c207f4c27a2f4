import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../db/seeds/demo-tenants';
import { workbookOf } from '../../scripts/fixtures/make-events-spreadsheet';
import { tenantId } from '../support/api';
import { startBrowserStack, type BrowserStack } from '../support/browser';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Management imports the legacy events spreadsheet from "Événements": "Vérifier" answers
 * the report without writing anything, "Importer" creates the event still to come (with
 * its client and contract) and rejects the sheet without an Event ID, saying why; the
 * imported event then shows in the list.
 */
describe('Epic Events spreadsheet import in the browser', () => {
  let stack: BrowserStack;
  const suffix = `${process.pid}-${Date.now() % 100_000}`;
  const clientName = `Import Navigateur ${suffix}`;

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
      await page.screenshot({ path: path.join(process.env.EVENTS_BROWSER_SHOTS ?? process.env.RELAIS_DATA_DIR!, 'events-import.png'), fullPage: true }).catch(() => undefined);
      throw error;
    }
  }

  it('checks the workbook (nothing written), imports it, reports each sheet and lists the new event', async () => {
    const startedAt = Date.now();
    const { t, base } = stack;
    const epic = await tenantId(t.admin, 'epic-events');
    const workbook = workbookOf([
      {
        name: 'Gala 2031',
        title: `Gala ${suffix}`,
        rows: [
          ['Event ID', 78301], ['Contract ID', 78961], ['Client name', clientName], ['Client contact', `import.${suffix}@example.fr`],
          ['Event date start', '12 Sep 2031 @ 7PM'], ['Event date end', '13 Sep 2031 @ 1AM'], ['Location', 'Orangerie de Blois'], ['Attendees', 120],
        ],
      },
      {
        name: 'Sans numéro',
        title: 'Sans numéro',
        rows: [['Contract ID', 78962], ['Client name', `${clientName} bis`], ['Event date start', '1 Oct 2031 @ 2PM'], ['Event date end', '1 Oct 2031 @ 6PM']],
      },
    ]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const written = async () => ({
      events: await t.admin('event_events').where({ tenantId: epic }).whereIn('number', [78301]).pluck('id'),
      clients: await t.admin('event_clients').where({ tenantId: epic }).whereLike('fullName', `${clientName}%`).pluck('id'),
      contracts: await t.admin('event_contracts').where({ tenantId: epic }).whereIn('number', [78961, 78962]).pluck('id'),
    });
    expect(await written()).toEqual({ events: [], clients: [], contracts: [] });

    const context = await stack.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1366, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByTestId('login-email').fill('management@epic-events.demo');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/(accounts|tasks|events)/, { timeout: 60_000 });

    await shotOnFailure(page, async () => {
      await page.goto(`${base}/events/events`);
      await page.getByTestId('events-table').waitFor({ timeout: 30_000 });
      await page.getByTestId('events-import-open').click();
      const dialog = page.getByTestId('events-import-dialog');
      await dialog.waitFor();
      await dialog.getByTestId('events-import-file').setInputFiles({ name: 'suivi-evenements.xlsx', mimeType: XLSX, buffer });

      // ── Vérifier: the report, nothing written. ──
      await dialog.getByTestId('events-import-check').click();
      const report = dialog.getByTestId('events-import-report');
      await report.waitFor({ timeout: 30_000 });
      expect(await report.getAttribute('data-dry-run')).toBe('true');
      const sheet = (name: string) => dialog.locator(`[data-testid="events-import-sheet"][data-sheet="${name}"]`);
      expect(await sheet('Gala 2031').getAttribute('data-status')).toBe('created');
      expect(await sheet('Sans numéro').getAttribute('data-status')).toBe('rejected');
      expect(await sheet('Sans numéro').textContent()).toContain('« Event ID » manque');
      expect(await dialog.getByTestId('events-import-totals').textContent()).toContain('1 rejetée(s)');
      expect(await written()).toEqual({ events: [], clients: [], contracts: [] });

      // ── Importer: the good sheet created, the bad one rejected with its reason. ──
      await dialog.getByTestId('events-import-submit').click();
      await dialog.locator('[data-testid="events-import-report"][data-dry-run="false"]').waitFor({ timeout: 30_000 });
      expect(await sheet('Gala 2031').getAttribute('data-status')).toBe('created');
      expect(await sheet('Gala 2031').getByTestId('events-import-sheet-status').textContent()).toContain('Créé');
      expect(await sheet('Sans numéro').getAttribute('data-status')).toBe('rejected');
      expect(await sheet('Sans numéro').getByTestId('events-import-sheet-messages').textContent()).toContain('« Event ID » manque');
      expect(await dialog.getByTestId('events-import-totals').textContent()).toContain('1 créée(s)');
      const stored = await written();
      expect(stored.events).toHaveLength(1);
      expect(stored.clients).toHaveLength(1);
      expect(stored.contracts).toHaveLength(1);

      // ── The list shows the imported event. ──
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      // Other tests' events fill the first pages: search for this one, as a person would.
      await page.getByTestId('events-search').fill(`Gala ${suffix}`);
      await page.locator(`[data-testid="event-row"][data-event-id="${stored.events[0]}"]`).waitFor({ timeout: 30_000 });
      expect(await page.locator(`[data-testid="event-row"][data-event-id="${stored.events[0]}"]`).textContent()).toContain(`Gala ${suffix}`);
    });
    console.log(`events import in the browser: ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  });
});
