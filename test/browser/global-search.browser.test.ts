import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../db/seeds/demo-tenants';
import { expectAccessible } from '../support/axe';
import { startBrowserStack, type BrowserStack } from '../support/browser';

/** A page of a new French laptop-sized context, signed in as `email` and past the sign-in page. */
async function signedIn(stack: BrowserStack, email: string): Promise<Page> {
  const context = await stack.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1366, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${stack.base}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 60_000 });
  return page;
}

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
    page = await signedIn(stack, 'sales@epic-events.demo');
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
      // Closed for good: a dialog still fading out counts as visible, and the next test would click into it.
      await page.getByTestId('global-search').waitFor({ state: 'hidden' });
    });
  }
});

/**
 * SoftWhere's support types a line's number as the caller reads it (« 06 … »): the palette shows it under
 * « Lignes » with its user and client, and choosing it opens the client's panel, where its fleet shows.
 */
describe('global search in the browser (SoftWhere lines)', () => {
  let stack: BrowserStack;
  let page: Page;

  beforeAll(async () => {
    stack = await startBrowserStack();
    page = await signedIn(stack, 'manager@softwhere.demo');
  });
  afterAll(() => stack?.close());

  it("finds a demo line by its national number and opens its client's panel", async () => {
    const line = await stack.t.admin('telecomLines as l').join('tenants as t', 't.id', 'l.tenantId')
      .where('t.slug', 'softwhere').where('l.number', 'like', '+336%').whereNotNull('l.userName').orderBy('l.number').first('l.id', 'l.number', 'l.accountId');
    const national = `0${String(line.number).slice(3)}`.replace(/(\d{2})(?=\d)/g, '$1 ');
    await page.keyboard.press('Control+k');
    await page.getByTestId('global-search').waitFor();
    await page.getByTestId('global-search-input').fill(national);
    const hit = page.locator(`[data-testid="search-result"][data-type="telecom-line"][data-id="${line.id}"]`);
    await hit.waitFor({ timeout: 30_000 });
    await page.getByTestId('global-search').getByText('Lignes', { exact: true }).waitFor();
    expect(await hit.innerText()).toContain(line.number);
    await expectAccessible(page, 'the palette with a line found');
    await hit.click();
    await page.waitForURL(new RegExp(`/accounts/${line.accountId}`));
  });
});
