import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../db/seeds/demo-tenants';
import { startBrowserStack, watchCsp, type BrowserStack } from '../support/browser';

/**
 * The session in Debian's Chromium against the real API and the built UI:
 * the refresh token lives in an httpOnly cookie the page cannot read, a
 * reload signs back in with it, logout ends it, and no page breaks the
 * Content-Security-Policy.
 */
describe('the browser session', () => {
  let stack: BrowserStack;
  beforeAll(async () => { stack = await startBrowserStack(); }, 120_000);
  afterAll(() => stack?.close());

  async function signIn(page: Page): Promise<void> {
    await page.goto(`${stack.base}/login`);
    await page.getByTestId('login-email').fill('  Management@epic-events.demo ');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    // Management lands on its work (tasks or contracts), then opens the accounts.
    await page.waitForURL(/\/(accounts|tasks|events)/, { timeout: 60_000 });
    await page.goto(`${stack.base}/accounts`);
    await page.getByTestId('accounts-table').waitFor({ timeout: 60_000 });
  }

  it('keeps the refresh token out of the page, signs back in on reload with the cookie, and logs out; without CSP violations', async () => {
    const context = await stack.newContext({ locale: 'fr-FR' });
    const violations = watchCsp(context);
    const page = await context.newPage();
    await signIn(page);

    const cookie = (await context.cookies()).find((c) => c.name === 'relais_refresh');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });
    // Nothing of the session in what a script of the page can read.
    expect(await page.evaluate<string>('document.cookie')).not.toContain('relais_refresh');
    const stored = await page.evaluate<string>('JSON.stringify({ ...localStorage, ...sessionStorage })');
    expect(stored).not.toContain(cookie!.value);
    expect(stored).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);

    await page.reload();
    await page.getByTestId('accounts-table').waitFor({ timeout: 60_000 });
    const rotated = (await context.cookies()).find((c) => c.name === 'relais_refresh');
    expect(rotated!.value).not.toBe(cookie!.value);

    // The heaviest screen (bpmn-js styles its diagram inline) and the API docs.
    await page.goto(`${stack.base}/processes/modeler`);
    await page.locator('.djs-container').first().waitFor({ timeout: 60_000 });
    await page.goto(`${stack.base}/api/docs/`);
    await page.locator('.swagger-ui .info').waitFor({ timeout: 60_000 });

    await page.goto(`${stack.base}/accounts`);
    await page.getByTestId('accounts-table').waitFor({ timeout: 60_000 });
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-email').waitFor({ timeout: 60_000 });
    expect((await context.cookies()).find((c) => c.name === 'relais_refresh')).toBeUndefined();
    // The old cookie no longer opens a session.
    await context.addCookies([{ ...rotated!, expires: -1 }]);
    await page.goto(`${stack.base}/accounts`);
    await page.getByTestId('login-email').waitFor({ timeout: 60_000 });

    expect(violations).toEqual([]);
  }, 240_000);
});
