import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../db/seeds/demo-tenants';
import { startBrowserStack, type BrowserStack } from '../support/browser';

/**
 * The Ctrl+K palette finds a vertical's records through its registration (Epic Events: the
 * client Marion Lebrun of the demo, her contract and her wedding), shows each under its kind
 * with a label for people (« Contrat n° … »), and opens the chosen one in its list's panel.
 */
describe('global search in the browser (Epic Events)', () => {
  let stack: BrowserStack;
  let page: Page;

  beforeAll(async () => {
    stack = await startBrowserStack();
    const context = await stack.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1366, height: 800 } });
    page = await context.newPage();
    await page.goto(`${stack.base}/login`);
    await page.getByTestId('login-email').fill('sales@epic-events.demo');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/(tasks|events)/, { timeout: 60_000 });
  });
  afterAll(() => stack?.close());

  async function searchFor(q: string): Promise<void> {
    await page.keyboard.press('Control+k');
    await page.getByTestId('global-search').waitFor();
    await page.getByTestId('global-search-input').fill(q);
    await page.locator('[data-testid="search-result"][data-type="event"]').waitFor({ timeout: 30_000 });
  }

  const hit = (type: string) => page.locator(`[data-testid="search-result"][data-type="${type}"]`).first();

  it("shows a client's contract and event under their kinds, each with a label for people", async () => {
    await searchFor('Marion Lebrun');
    const dialog = page.getByTestId('global-search');
    for (const heading of ['Clients', 'Contrats', 'Événements']) await dialog.getByText(heading, { exact: true }).waitFor();
    expect(await hit('event-client').innerText()).toContain('Marion Lebrun');
    expect(await hit('event-contract').innerText()).toMatch(/Contrat n° \d+[\s\S]*Marion Lebrun/);
    expect(await hit('event').innerText()).toMatch(/Mariage Lebrun[\s\S]*Événement n° \d+ · Marion Lebrun/);
  });

  for (const [type, row, list] of [['event-contract', 'contract', 'contracts'], ['event', 'event', 'events'], ['event-client', 'client', 'clients']] as const) {
    it(`opens the ${row} found in its list's panel`, async () => {
      if (!(await page.getByTestId('global-search').isVisible())) await searchFor('Marion Lebrun');
      const id = await hit(type).getAttribute('data-id');
      await hit(type).click();
      await page.waitForURL(new RegExp(`/events/${list}/${id}`));
      await page.locator(`[data-testid="${row}-panel"][data-${row}-id="${id}"]`).waitFor({ timeout: 30_000 });
      await page.keyboard.press('Escape');
    });
  }
});
