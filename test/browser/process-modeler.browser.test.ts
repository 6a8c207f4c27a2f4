import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../db/seeds/demo-tenants';
import { tenantId, type TestContext } from '../support/api';
import { approvalXml } from '../support/approval-diagram';
import { axeSerious } from '../support/axe';
import { startBrowserStack, type BrowserStack } from '../support/browser';

interface Box { left: number; right: number; top: number; bottom: number; width: number; height: number }

/**
 * Where the diagram, its start event, the palette and the canvas are on screen, and the zoom: the
 * diagram is fitted when it lies in the canvas, clear of the palette, and fills the room on one side
 * at least, or is shown at 100 % (never enlarged).
 */
async function layout(page: Page, startId: string) {
  return page.evaluate(`(() => {
    const box = (el) => { if (!el) return null; const r = el.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height }; };
    const canvas = document.querySelector('[data-testid="modeler-canvas"]');
    return {
      canvas: box(canvas),
      palette: box(canvas.querySelector('.djs-palette')),
      diagram: box(canvas.querySelector('.viewport')),
      start: box(canvas.querySelector('.djs-element[data-element-id="${startId}"] .djs-visual')),
      scale: canvas.querySelector('.viewport').transform.baseVal.consolidate().matrix.a,
    };
  })()`) as Promise<Layout>;
}

interface Layout { canvas: Box; palette: Box | null; diagram: Box; start: Box; scale: number }

function expectFitted(where: Layout): void {
  const { canvas, palette, diagram, start, scale } = where;
  expect(start.left).toBeGreaterThan(palette ? palette.right : canvas.left);
  expect(diagram.left).toBeGreaterThan(palette ? palette.right : canvas.left);
  expect(diagram.right).toBeLessThanOrEqual(canvas.right);
  expect(diagram.top).toBeGreaterThanOrEqual(canvas.top);
  expect(diagram.bottom).toBeLessThanOrEqual(canvas.bottom);
  const room = { width: canvas.right - (palette ? palette.right : canvas.left), height: canvas.height };
  expect(scale).toBeLessThanOrEqual(1);
  if (scale < 0.999) expect(Math.max(diagram.width / room.width, diagram.height / room.height)).toBeGreaterThan(0.8);
}

/**
 * The canvas settles as the layout adapts (the drawer closing, the panels): the diagram is refitted
 * each time. Wait until it is fitted and has not moved for a second.
 */
async function waitFitted(page: Page): Promise<void> {
  const deadline = Date.now() + 30_000;
  let last = '';
  let since = Date.now();
  for (;;) {
    const { canvas, palette, diagram, scale } = await layout(page, 'start');
    const left = palette ? palette.right : canvas.left;
    const fitted = diagram.left > left && diagram.right <= canvas.right && diagram.bottom <= canvas.bottom
      && (scale >= 0.999 || Math.max(diagram.width / (canvas.right - left), diagram.height / canvas.height) > 0.8);
    const seen = [canvas.width, canvas.height, left, diagram.left, diagram.width, diagram.height].map(Math.round).join(',');
    if (!fitted || seen !== last) since = Date.now();
    last = seen;
    if (Date.now() - since >= 1000) return;
    if (Date.now() > deadline) throw new Error(`the diagram was not fitted to the canvas (${seen}, scale ${scale})`);
    await page.waitForTimeout(100);
  }
}

/** The BPMN modeler, as a process author uses it: new, save, import, deploy, compare, undo, download, retire, open; read-only for the others. */
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
  const signIn = async (page: Page, email: string) => {
    await page.goto(`${stack.base}/login`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/(accounts|tasks)/, { timeout: 60_000 });
  };
  const snackbar = async (page: Page, text: string) => page.getByTestId('modeler-snackbar').getByText(text).waitFor({ timeout: 30_000 });

  it('creates, saves with its lint problems, imports, deploys, compares, undoes, downloads, retires and reopens a process', async () => {
    const page = await (await stack.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1600, height: 900 } })).newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    try {
      await signIn(page, 'manager@softwhere.demo');
      await page.goto(`${stack.base}/processes/modeler`);
      // A blank diagram to start from.
      await page.locator('[data-testid="process-modeler"][data-process-key="nouveau-processus"]').waitFor({ timeout: 60_000 });
      expect(await axeSerious(page, '[data-testid="process-modeler"]')).toEqual([]);

      // In French: the palette, the context pad, the properties panel.
      const palette = page.locator('[data-testid="modeler-canvas"] .djs-palette');
      expect(await palette.locator('.entry[data-action="create.task"]').getAttribute('aria-label')).toBe('Créer une tâche');
      expect(await palette.locator('.entry[data-action="create.start-event"]').getAttribute('aria-label')).toBe('Créer un événement de début');
      expect(await palette.locator('.entry[data-action="hand-tool"]').getAttribute('aria-label')).toBe('Outil main');

      // Lint while drawing: a task dropped on its own is marked at once, in French.
      const canvasBox = (await page.getByTestId('modeler-canvas').boundingBox())!;
      await palette.locator('.entry[data-action="create.task"]').click();
      await page.mouse.move(canvasBox.x + canvasBox.width / 2, canvasBox.y + canvasBox.height / 2 + 100);
      await page.mouse.click(canvasBox.x + canvasBox.width / 2, canvasBox.y + canvasBox.height / 2 + 120);
      const task = page.locator('[data-testid="modeler-canvas"] .djs-element.djs-shape[data-element-id^="Activity_"]');
      await task.waitFor();
      const taskId = (await task.getAttribute('data-element-id'))!;
      const marker = page.locator(`[data-testid="modeler-canvas"] .djs-overlays[data-container-id="${taskId}"] .bjsl-overlay`);
      await marker.waitFor({ timeout: 30_000 });
      expect(await marker.locator('li[data-rule="no-disconnected"] .message').textContent()).toBe("Cet élément n'est relié à rien : reliez-le par des flux de séquence, ou supprimez-le.");
      expect(await page.locator('[data-testid="modeler-canvas"] .bjsl-button').textContent()).toMatch(/\d+ erreur\(s\), 0 avertissement\(s\)/);
      // Its properties, in French: the element type, the sections' controls.
      await page.locator('.bio-properties-panel-header-type').filter({ hasText: 'Tâche' }).waitFor();
      expect(await page.getByTestId('modeler-properties').locator('[title="Toggle section"]').count()).toBe(0);
      expect(await page.getByTestId('modeler-properties').locator('[title="Afficher ou masquer la section"]').count()).toBeGreaterThan(0);
      await page.locator('[data-testid="modeler-canvas"] .djs-context-pad .entry[data-action="replace"]').click();
      await page.locator('.djs-popup [data-id="replace-with-user-task"]').filter({ hasText: 'Tâche utilisateur' }).waitFor();
      await page.keyboard.press('Escape');

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

      // Opened fitted to the canvas, its start event clear of the palette; the same on a tablet.
      await waitFitted(page);
      expectFitted(await layout(page, 'start'));
      await page.setViewportSize({ width: 1024, height: 768 });
      await waitFitted(page);
      expectFitted(await layout(page, 'start'));
      expect(await axeSerious(page, '[data-testid="process-modeler"]')).toEqual([]);
    } catch (error) {
      await page.screenshot({ path: path.join(process.env.RELAIS_DATA_DIR ?? '/tmp', 'process-modeler.png'), fullPage: true }).catch(() => undefined);
      throw error;
    }
  });

  it('shows a person who may not edit processes the diagram without palette or editing tools, its properties read-only, under a fully visible read-only notice', async () => {
    const page = await (await stack.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1280, height: 800 } })).newPage();
    try {
      await signIn(page, 'support-n1@softwhere.demo');
      await page.goto(`${stack.base}/processes/modeler/${key}?version=1`);
      await page.locator(`[data-testid="process-modeler"][data-process-key="${key}"]`).waitFor({ timeout: 60_000 });
      await page.locator('[data-testid="modeler-canvas"] .djs-element[data-element-id="review"]').waitFor();

      const notice = page.getByTestId('modeler-read-only');
      expect(await notice.textContent()).toContain('Lecture seule');
      const clipped = await notice.evaluate((el) => el.scrollHeight > el.clientHeight + 1 || el.getBoundingClientRect().height < 24);
      expect(clipped).toBe(false);
      expect(await page.locator('[data-testid="modeler-canvas"] .djs-palette').count()).toBe(0);
      expect(await page.getByTestId('modeler-properties').count()).toBe(0);
      // The read-only properties: the process until an element is selected, then the element; nothing to edit.
      const properties = page.getByTestId('modeler-read-only-properties');
      expect(await properties.getByTestId('modeler-read-only-type').textContent()).toBe('Processus');
      expect(await properties.getByTestId('modeler-read-only-title').textContent()).toBe('Validation de commande');
      expect(await properties.getByTestId('modeler-read-only-line').allInnerTexts()).toContainEqual(`Identifiant\n${key}`);
      // The page's one heading: the diagram's name, introduced for screen readers.
      expect(await page.locator('h1:visible').count()).toBe(1);
      expect(await page.locator('h1').textContent()).toBe('Modeleur de processus : Validation de commande');
      await page.locator('[data-testid="modeler-canvas"] .djs-element[data-element-id="review"]').click();
      expect(await page.locator('.djs-context-pad .entry').count()).toBe(0);
      await properties.getByTestId('modeler-read-only-title').filter({ hasText: 'Vérifier la commande' }).waitFor();
      expect(await properties.getByTestId('modeler-read-only-type').textContent()).toBe('Tâche utilisateur');
      expect(await properties.locator('input, textarea, select, [contenteditable="true"]').count()).toBe(0);
      expect(await page.getByTestId('modeler-save').isDisabled()).toBe(true);
      expectFitted(await layout(page, 'start'));
      expect(await axeSerious(page, '[data-testid="process-modeler"]')).toEqual([]);
    } catch (error) {
      await page.screenshot({ path: path.join(process.env.RELAIS_DATA_DIR ?? '/tmp', 'process-modeler-read-only.png'), fullPage: true }).catch(() => undefined);
      throw error;
    }
  });
});
