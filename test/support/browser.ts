import fs from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../db/seeds/demo-tenants';
import { TASK_QUEUE, testContext, type TestContext } from './api';
import { engineWorker } from './engine';
import { ROOT } from './paths';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const UI_DIR = path.join(ROOT, 'ui/dist');
/** The flags Debian's Chromium needs here (headless, as root, offline). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/**
 * Collects the Content-Security-Policy violations Chromium reports in a
 * context's pages (its console says "…violates the following Content Security
 * Policy directive…"): a test asserts the list stays empty.
 */
export function watchCsp(context: BrowserContext): string[] {
  const violations: string[] = [];
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

/**
 * Prints the API's 5xx answers a context's pages receive, and a refused session refresh (method, path,
 * status, problem): when a page waits in vain for what a failed request should have shown, the test's
 * log says which one.
 */
function reportServerFailures(context: BrowserContext): void {
  context.on('response', (response) => {
    const refreshRefused = response.url().includes('/api/v1/auth/refresh') && response.status() >= 400;
    if ((response.status() < 500 && !refreshRefused) || !response.url().includes('/api/')) return;
    const { pathname } = new URL(response.url());
    void response.text().catch(() => '').then((body) =>
      console.warn(`[browser] ${response.request().method()} ${pathname} answered ${response.status()}: ${body.slice(0, 300)}`));
  });
}

export interface BrowserStack {
  t: TestContext;
  /** The app's URL (API + built UI). */
  base: string;
  browser: Browser;
  /** A new browser context, closed with the stack. */
  newContext(options?: Parameters<Browser['newContext']>[0]): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * The real app listening on a free port and serving the built UI, a worker
 * running the process engine, and Debian's Chromium: what a browser test of a
 * process needs.
 */
export async function startBrowserStack(): Promise<BrowserStack> {
  if (!fs.existsSync(path.join(UI_DIR, 'index.html'))) throw new Error('Build the UI first: npm run build:ui');
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);
  const t = testContext({ uiDir: UI_DIR });
  const server: Server = await new Promise((resolve) => { const s = t.app.listen(0, '127.0.0.1', () => resolve(s)); });
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const worker: Worker = await engineWorker(connection, TASK_QUEUE, t.knex);
  const running = worker.run();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];
  return {
    t, base, browser,
    async newContext(options) {
      const context = await browser.newContext(options);
      contexts.push(context);
      reportServerFailures(context);
      return context;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      worker.shutdown();
      await running;
      await connection.close();
      await new Promise((r) => server.close(r));
      await t.close();
    },
  };
}

/** Where a browser test's people work unless told otherwise: a laptop, in French, in Paris. */
export const LAPTOP = { width: 1366, height: 800 };

/**
 * Signs a demo person in on `page` (the demo password) and waits until the app has taken
 * them off the sign-in page to where they land (their work).
 */
export async function signInOn(page: Page, base: string, email: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 60_000 });
}

/**
 * A demo person signed in in a browser of their own (a new context of the stack: French,
 * Paris time, a laptop unless `options` say otherwise), on the page they land on.
 */
export async function signIn(stack: Pick<BrowserStack, 'base' | 'newContext'>, email: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const context = await stack.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: LAPTOP, ...options });
  const page = await context.newPage();
  await signInOn(page, stack.base, email);
  return page;
}

/**
 * Waits for `locator`; when it does not come, fails saying where the page is and what it shows
 * (signed out, an error alert, a page still loading), not only which element was missing.
 */
export async function waitShowing(page: Page, locator: ReturnType<Page['getByTestId']>, timeout = 60_000): Promise<void> {
  try {
    await locator.waitFor({ timeout });
  } catch (error) {
    const shown = await page.locator('body').innerText({ timeout: 5_000 }).catch(() => '(unreadable)');
    throw new Error(`${(error as Error).message}\nThe page is at ${page.url()} and shows:\n${shown.slice(0, 1500)}`);
  }
}

/** Reads `read()` until `check` accepts it (or `timeout` ms pass), then asserts with Jest. */
export async function expectEventually<T>(read: () => Promise<T>, check: (value: T) => void, timeout = 30_000): Promise<void> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await read();
    try {
      check(value);
      return;
    } catch (error) {
      if (Date.now() > end) throw error;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
