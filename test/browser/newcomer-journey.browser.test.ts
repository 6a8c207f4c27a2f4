import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { runModuleStartHooks } from '../../api/module-start';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { loginAs, userId } from '../support/api';
import { asUser } from '../support/http';
import { axeSerious, settle } from '../support/axe';
import { expectEventually, signIn, startBrowserStack, type BrowserStack } from '../support/browser';
import { ROOT } from '../support/paths';

/**
 * A newcomer's first hour in each of the six demo organisations, in Debian's Chromium against
 * the real API, database and process engine, at a laptop's and a tablet's size: the person signs
 * in and lands on their work, creates a record of their organisation (a client at Epic Events,
 * an account elsewhere), finds it again with Ctrl+K, ticks several rows of a list and changes
 * them all at once (the server's bulk action, a report per record), then reloads and finds the
 * same view (search and filter in the URL). axe-core finds no critical or serious violation on
 * any page or dialog the person sees. With RELAIS_SCREENSHOTS=1 the laptop journeys also save
 * the main screens in docs/screenshots (and one tablet journey its list).
 */

const SIZES = [
  { size: 'laptop', viewport: { width: 1440, height: 900 } },
  { size: 'tablet', viewport: { width: 820, height: 1180 } },
] as const;

/** What the newcomer creates, lists and bulk-edits in their organisation. */
interface RecordKind {
  /** The list's route name (screenshot names follow it). */
  route: string;
  list: string;
  /** Test ids: `<row>-row|create|panel`, `<row>-create-<field>`. */
  row: string;
  table: string;
  search: string;
  /** The create dialog's name field and the other fields a newcomer fills. */
  nameField: string;
  /** The names of the record the newcomer creates, then of two more of theirs (`*`: the journey's name). */
  names: [string, string, string];
  /** What the two others are made with besides their names. */
  others: Record<string, string>;
  more: Record<string, string>;
  /** The panel's title. */
  title: string;
  bulkAction: string;
}

const ACCOUNT: RecordKind = {
  route: 'accounts', list: '/accounts', row: 'account', table: 'accounts-table', search: 'accounts-filter',
  nameField: 'name', names: ['Crêperie *', 'Boulangerie *', 'Garage *'], more: { city: 'Quimperlé' }, others: { city: 'Lorient' }, title: 'account-panel-title', bulkAction: 'status',
};
const CLIENT: RecordKind = {
  route: 'events-clients', list: '/events/clients', row: 'client', table: 'clients-table', search: 'clients-search',
  nameField: 'fullName', names: ['Maëlle *', 'Yann *', 'Nolwenn *'], more: { companyName: 'Crêperie du Port', phone: '06 12 34 56 78' }, others: {}, title: 'panel-title', bulkAction: 'sales',
};

/** A newcomer of each demo organisation, in a role that creates its records, and where that role's work is. */
const ORGANISATIONS: Array<{ tenant: string; role: string; kind: RecordKind; work: RegExp; showcase: string; screens?: string[] }> = [
  { tenant: 'epic-events', role: 'sales', kind: CLIENT, work: /^\/(tasks|events\/clients)$/, showcase: 'Kevin Casey' },
  // The mission lead lands on the audits' dashboard (ui/src/audits/missions: in progress by status, days on site, reviews).
  { tenant: 'cassandre', role: 'mission-lead', kind: ACCOUNT, work: /^\/(tasks|accounts|audits\/dashboard)$/, showcase: 'Mairie de Quimper', screens: ['/audits/missions', '/audits/catalogue'] },
  { tenant: 'softwhere', role: 'manager', kind: ACCOUNT, work: /^\/(tasks|accounts)$/, showcase: 'Transports Morvan' },
  { tenant: 'vidangeur-breton', role: 'manager', kind: ACCOUNT, work: /^\/(tasks|accounts)$/, showcase: 'Camping des Dunes' },
  // The MSP admin's work without a task: the pre-billing queue to invoice (ui/src/psa/psa.module.ts home).
  { tenant: 'msp', role: 'admin', kind: ACCOUNT, work: /^\/(tasks|accounts|psa\/pre-billing)$/, showcase: 'Expert-comptable Durand', screens: ['/psa/tickets', '/psa/contracts'] },
  // Without a task, the student office's head lands on « Étudiants » (ui/src/school/registry: the registry's home).
  { tenant: 'acme-school', role: 'school-lead', kind: ACCOUNT, work: /^\/(tasks|accounts|school\/students)$/, showcase: 'Groupe Armor Finance', screens: ['/school/students'] },
];

/**
 * Every organisation on a laptop; on a tablet, the two kinds of list (Epic Events' clients, the
 * others' accounts, the same screens for all five) through Cassandre, whose specification asks for
 * tablets, and SoftWhere, whose tablet screens are photographed. Each journey costs about 20 s on two
 * cores; the accessibility test visits every screen of every organisation at one of the two sizes.
 */
const ON_TABLET = new Set(['epic-events', 'cassandre', 'softwhere']);
const JOURNEYS = ORGANISATIONS.flatMap((o) => SIZES.filter((s) => s.size === 'laptop' || ON_TABLET.has(o.tenant)).map((s) => ({ ...o, ...s })));
const SHOTS = process.env.RELAIS_SCREENSHOTS === '1' ? path.join(ROOT, 'docs/screenshots') : null;
/** The one tablet journey whose screens are saved too. */
const TABLET_SHOT = 'softwhere';
/** The organisation whose palette and bulk report are saved too. */
const SHOWN_IN_FULL = 'epic-events';

let stack: BrowserStack;
beforeAll(async () => {
  stack = await startBrowserStack();
  if (SHOTS) {
    fs.mkdirSync(SHOTS, { recursive: true });
    await startAsNpmStartDoes();
  }
}, 180_000);

/**
 * For the screenshots, the demo as `npm start` shows it: the modules' start-up work done (the
 * demo clients' processes joined), and their first tasks open.
 */
async function startAsNpmStartDoes(): Promise<void> {
  await runModuleStartHooks(stack.t.deps);
  let seen = -1;
  for (let i = 0; i < 60; i++) {
    const [{ n }] = await stack.t.admin('tasks').count({ n: '*' });
    if (Number(n) > 0 && Number(n) === seen) return;
    seen = Number(n);
    await new Promise((r) => setTimeout(r, 1000));
  }
}
afterAll(() => stack?.close());

describe.each(JOURNEYS)('a newcomer of $tenant ($role) on a $size', ({ tenant, role, kind, work, showcase, screens, size, viewport }) => {
  let page: Page;
  /** Where the person landed. */
  let landing = '';
  /** The name shared by what this journey creates and finds (one per size: both journeys share the organisation). */
  const tag = size === 'laptop' ? 'Kervella' : 'Penven';
  const name = kind.names[0].replace('*', tag);
  const rows = () => page.getByTestId(`${kind.row}-row`);

  /**
   * The page (or the dialog at `selector`) has no critical or serious axe violation. A main
   * screen (`shot`) is photographed first when screenshots are asked for.
   */
  async function accessible(where: string, selector?: string, shot = false): Promise<void> {
    await settle(page);
    if (SHOTS && shot && (size === 'laptop' || tenant === TABLET_SHOT)) {
      await page.screenshot({ path: path.join(SHOTS, `${tenant}-${size === 'tablet' ? 'tablet-' : ''}${where}.png`) });
    }
    expect({ where, findings: await axeSerious(page, selector) }).toEqual({ where, findings: [] });
  }

  /** How far the page is wider than the window (0: nothing sticks out sideways). */
  const overflow = () => page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
    return Math.max(0, root.scrollWidth - root.clientWidth);
  });

  beforeAll(async () => {
    // Two more records of the newcomer's, made through the API, to select along with the one they create.
    const api = asUser(stack.t.app, (await loginAs(stack.t.app, role, tenant)).accessToken);
    for (const other of kind.names.slice(1)) {
      const created = await api.post(`/api/v1${kind.list}`, { [kind.nameField]: other.replace('*', tag), ...kind.others });
      expect(created.status).toBe(201);
    }
    page = await signIn(stack, demoEmail(role, tenant), { viewport });
    // A step that cannot be done fails soon, not after the 30 s default.
    page.setDefaultTimeout(15_000);
  });

  afterAll(() => page?.context().close());

  it('lands on its work, not on a generic page', async () => {
    landing = new URL(page.url()).pathname;
    expect(landing).toMatch(work);
    await page.locator('h1:visible').first().waitFor({ timeout: 30_000 });
    await accessible('landing', undefined, true);
    expect(await overflow()).toBe(0);
  });

  it('creates a record from the list\'s create dialog, which opens beside the list', async () => {
    await page.goto(`${stack.base}${kind.list}`);
    await page.getByTestId(kind.table).waitFor({ timeout: 60_000 });
    // Checked (and photographed) unless the person landed on it.
    if (landing !== kind.list) await accessible(kind.route, undefined, true);
    const create = page.getByTestId(`${kind.row}-create`);
    expect(await create.isVisible()).toBe(true);
    await create.click();
    await page.getByTestId(`${kind.row}-create-dialog`).waitFor();
    await page.getByTestId(`${kind.row}-create-${kind.nameField}`).fill(name);
    for (const [field, value] of Object.entries(kind.more)) await page.getByTestId(`${kind.row}-create-${field}`).fill(value);
    await accessible(`${kind.route}-create`, `[data-testid="${kind.row}-create-dialog"]`, true);
    await page.getByTestId(`${kind.row}-create-submit`).click();
    const panel = page.getByTestId(`${kind.row}-panel`);
    await panel.getByTestId(kind.title).filter({ hasText: name }).waitFor({ timeout: 30_000 });
    // The new record beside the list (a seeded one is photographed at laptop size, below).
    await accessible(`${kind.route}-panel`, undefined, size === 'tablet');
    expect(await overflow()).toBe(0);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
  });

  it('finds the new record with Ctrl+K and opens it', async () => {
    await page.keyboard.press('Control+k');
    await page.getByTestId('global-search').waitFor();
    await page.getByTestId('global-search-input').fill(tag);
    const hit = page.getByTestId('search-result').filter({ hasText: name });
    await hit.waitFor({ timeout: 30_000 });
    await accessible('search', '[data-testid="global-search"]', tenant === SHOWN_IN_FULL);
    // The arrow keys move the highlight from the recent record onto the search's hits: still readable.
    await page.keyboard.press('ArrowDown');
    await page.locator('[data-testid="search-result"].v-list-item--active').waitFor();
    await accessible('search-hit', '[data-testid="global-search"]');
    await hit.click();
    await page.getByTestId(`${kind.row}-panel`).getByTestId(kind.title).filter({ hasText: name }).waitFor({ timeout: 30_000 });
    // The palette has gone (its field no longer holds the focus), Escape closes the panel.
    await page.getByTestId('global-search').waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await page.getByTestId(`${kind.row}-panel`).waitFor({ state: 'detached' });
  });

  it('ticks several rows and changes them all at once, with a report per record', async () => {
    await page.getByTestId(kind.search).fill(tag);
    await page.waitForURL((url) => url.searchParams.get('q') === tag);
    await expectEventually(() => rows().count(), (n) => expect(n).toBe(3));
    for (let i = 0; i < 3; i++) await rows().nth(i).locator('input[type="checkbox"]').check();
    await page.getByTestId('bulk-bar').waitFor();
    expect(await page.getByTestId('bulk-count').textContent()).toContain('3');
    await accessible(`${kind.route}-selection`, '[data-testid="bulk-bar"]');
    expect(await overflow()).toBe(0);
    await page.getByTestId(`bulk-action-${kind.bulkAction}`).click();
    const choice = kind === CLIENT ? `bulk-choice-${await userId(stack.t.admin, role, tenant)}` : 'bulk-choice-active';
    await page.getByTestId(choice).click();
    await page.getByTestId('bulk-results').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('bulk-summary').textContent()).toContain('3 réussi');
    expect(await page.getByTestId('bulk-result-ok').count()).toBe(3);
    await accessible(`${kind.route}-bulk`, '[data-testid="bulk-results"]', tenant === SHOWN_IN_FULL);
  });

  it('keeps its search and filter across a reload', async () => {
    if (kind === CLIENT) {
      await page.getByTestId('clients-filter-mine').click();
      await page.waitForURL((url) => url.searchParams.has('salesContactId'));
    } else {
      await page.getByTestId('accounts-status-filter').click();
      await page.getByRole('option', { name: 'Actif' }).click();
      await page.waitForURL((url) => url.searchParams.get('status') === 'active');
    }
    await page.reload();
    await page.getByTestId(kind.table).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId(kind.search).inputValue()).toBe(tag);
    if (kind === CLIENT) expect(await page.getByTestId('clients-filter-mine').getAttribute('data-active')).toBe('true');
    else expect(await page.getByTestId('accounts-status-filter').textContent()).toContain('Actif');
    await expectEventually(() => rows().count(), (n) => expect(n).toBe(3));
  });

  // Only when screenshots are asked for: the accessibility test checks these screens in CI.
  (SHOTS && size === 'laptop' ? it : it.skip)('shows its main screens: a demo record beside its list, the task list, the monitor and the modeler', async () => {
    await page.goto(`${stack.base}${kind.list}`);
    await rows().filter({ hasText: showcase }).first().click();
    await page.getByTestId(`${kind.row}-panel`).getByTestId(kind.title).filter({ hasText: showcase }).waitFor({ timeout: 30_000 });
    await accessible(`${kind.route}-panel`, undefined, true);
    const links = await page.locator('[data-testid="nav-drawer"] a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    // The modeler opens one of the organisation's processes (its vertical's before the core's), not an empty new one.
    const shipped = await stack.t.admin('processDefinitions').join('tenants', 'tenants.id', 'processDefinitions.tenantId')
      .where({ 'tenants.slug': tenant, 'processDefinitions.status': 'deployed' })
      .orderByRaw("process_definitions.key like 'core.%', process_definitions.key").first('processDefinitions.key');
    // The task list was photographed already when the person landed on it.
    // The organisation's own main screens first (the MSP's tickets and contracts).
    for (const href of [...(screens ?? []), '/tasks', '/processes/instances', '/processes/modeler'].filter((h) => links.includes(h) && h !== landing)) {
      await page.goto(`${stack.base}${href}${href.endsWith('modeler') && shipped ? `/${shipped.key}` : ''}`);
      await page.locator('h1:visible, [data-testid="process-modeler"]').first().waitFor({ timeout: 30_000 });
      await accessible(href.slice(1).replace('/', '-'), undefined, true);
    }
  });
});
