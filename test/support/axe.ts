import fs from 'node:fs';
import type { Page } from 'playwright-core';

export interface AxeFinding { id: string; impact: string; nodes: string[] }

let axeSource: string | undefined;

/**
 * Runs axe-core in the page and returns its critical and serious violations
 * (the first three nodes of each). axe is evaluated through the DevTools
 * protocol, not injected as a <script>: the app's Content-Security-Policy
 * (script-src 'self') stays in force while it runs.
 */
export async function axeSerious(page: Page, selector?: string): Promise<AxeFinding[]> {
  axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(async (scope) => {
    const g = globalThis as unknown as {
      axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> };
      document: { querySelector: (s: string) => unknown };
    };
    const context = scope ? g.document.querySelector(scope) : g.document;
    const result = await g.axe.run(context, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious')
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  }, selector ?? null);
}

/**
 * Waits until the page is still: requests answered, progress bars and skeletons gone, and the
 * transitions of dialogs and panels over (axe reads colours, a screenshot shows the result).
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.locator('.v-progress-linear--active, .v-skeleton-loader').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  await page.waitForTimeout(350);
  // Transitions still running (a panel sliding in, a page fading after a route change): axe would read their colours half-way.
  await page.waitForFunction(() => {
    type Running = { playState: string; effect: { getComputedTiming: () => { iterations?: number } } | null };
    const doc = (globalThis as unknown as { document: { getAnimations: () => Running[] } }).document;
    return doc.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity);
  }, null, { timeout: 5_000 }).catch(() => undefined);
}

/** Settles the page, then expects axe to find no critical or serious violation (`where` names the screen in a failure). */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  await settle(page);
  expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
}
