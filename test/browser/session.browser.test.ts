import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../db/seeds/demo-tenants';
import { startBrowserStack, watchCsp, type BrowserStack } from '../support/browser';
import { until } from '../support/worker-process';

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

  it('keeps a person signed in when the first refresh at load finds the API away (network error, 503): says so in French and tries again; only a 401 signs out', async () => {
    const context = await stack.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    await signIn(page);
    const visited: string[] = [];
    page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) visited.push(frame.url()); });

    // The reload's refresh: first the server out of reach, then its database away (503) until `back`, then the real API.
    let failures = 0;
    let back = false;
    await page.route('**/api/v1/auth/refresh', async (route) => {
      if (back) return route.continue();
      failures += 1;
      if (failures === 1) return route.abort('connectionrefused');
      return route.fulfill({
        status: 503, headers: { 'content-type': 'application/problem+json', 'retry-after': '5' },
        body: JSON.stringify({ type: 'https://relais.dev/problems/database-unavailable', title: 'Service indisponible', status: 503, detail: 'La base de données est momentanément injoignable.' }),
      });
    });
    await page.reload();
    const notice = page.getByTestId('service-unavailable');
    await notice.waitFor({ timeout: 60_000 });
    expect(await notice.textContent()).toContain('Service momentanément indisponible');
    expect(await notice.textContent()).toContain('Vous restez connecté');
    // It tries again by itself, waiting longer each time; the person may ask for an attempt at once.
    await page.waitForFunction(() => document.querySelector('[data-testid="service-unavailable-next"]')?.textContent?.includes('Nouvelle tentative dans'), undefined, { timeout: 60_000 });
    await until('three failed attempts', async () => (failures >= 3 ? true : undefined));
    const before = failures;
    await page.getByTestId('service-unavailable-retry').click();
    await until('the attempt asked for', async () => (failures > before ? true : undefined));
    expect(await notice.count()).toBe(1);
    back = true;
    await page.getByTestId('accounts-table').waitFor({ timeout: 60_000 });
    expect(await notice.count()).toBe(0);
    expect(visited.filter((url) => url.includes('/login'))).toEqual([]);

    // A refused refresh (401) is the one answer that signs out.
    await page.unroute('**/api/v1/auth/refresh');
    await page.route('**/api/v1/auth/refresh', (route) => route.fulfill({
      status: 401, headers: { 'content-type': 'application/problem+json' },
      body: JSON.stringify({ type: 'about:blank', title: 'Non authentifié', status: 401, detail: 'Votre session a pris fin.' }),
    }));
    await page.reload();
    await page.getByTestId('login-email').waitFor({ timeout: 60_000 });
  }, 240_000);
});
