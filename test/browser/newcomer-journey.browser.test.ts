import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { tenantId, userId } from '../support/api';
import { axeSerious, settle } from '../support/axe';
import { eventually, signIn, startBrowserStack, type BrowserStack } from '../support/browser';
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
  more: Record<string, string>;
  /** The panel's title. */
  title: string;
  bulkAction: string;
}

const ACCOUNT: RecordKind = {
  route: 'accounts', list: '/accounts', row: 'account', table: 'accounts-table', search: 'accounts-filter',
  nameField: 'name', more: { city: 'Quimperlé' }, title: 'account-panel-title', bulkAction: 'status',
};
const CLIENT: RecordKind = {
  route: 'events-clients', list: '/events/clients', row: 'client', table: 'clients-table', search: 'clients-search',
  nameField: 'fullName', more: { companyName: 'Crêperie du Port', phone: '06 12 34 56 78' }, title: 'panel-title', bulkAction: 'sales',
};

/** A newcomer of each demo organisation, in a role that creates its records, and where that role's work is. */
const ORGANISATIONS = [
  { tenant: 'epic-events', role: 'sales', kind: CLIENT, work: /^\/(tasks|events\/clients)$/, showcase: 'Kevin Casey' },
  { tenant: 'cassandre', role: 'mission-lead', kind: ACCOUNT, work: /^\/(tasks|accounts)$/, showcase: 'Mairie de Quimper' },
  { tenant: 'softwhere', role: 'manager', kind: ACCOUNT, work: /^\/(tasks|accounts)$/, showcase: 'Transports Morvan' },
  { tenant: 'vidangeur-breton', role: 'manager', kind: ACCOUNT, work: /^\/(tasks|accounts)$/, showcase: 'Camping des Dunes' },
  { tenant: 'msp', role: 'admin', kind: ACCOUNT, work: /^\/(tasks|accounts)$/, showcase: 'Expert-comptable Durand' },
  { tenant: 'acme-school', role: 'school-office', kind: ACCOUNT, work: /^\/(tasks|accounts)$/, showcase: 'Groupe Armor Finance' },
];

const JOURNEYS = ORGANISATIONS.flatMap((o) => SIZES.map((s) => ({ ...o, ...s })));
const SHOTS = process.env.RELAIS_SCREENSHOTS === '1' ? path.join(ROOT, 'docs/screenshots') : null;
/** The one tablet journey whose screens are saved too. */
const TABLET_SHOT = 'softwhere';

let stack: BrowserStack;
beforeAll(async () => {
  stack = await startBrowserStack();
  if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
}, 120_000);
afterAll(() => stack?.close());

describe.each(JOURNEYS)('a newcomer of $tenant ($role) on a $size', ({ tenant, role, kind, work, showcase, size, viewport }) => {
  let page: Page;
  /** Names shared by what this journey creates and finds (unique per run, organisation and size). */
  const tag = `Essai${size === 'laptop' ? 'L' : 'T'}${process.pid % 10_000}${Date.now() % 10_000}`;
  const name = `${tag} Crêperie`;
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
    // Two more records of the newcomer's to select along with the one they create.
    const tid = await tenantId(stack.t.admin, tenant);
    const me = await userId(stack.t.admin, role, tenant);
    const number = 7_000_000 + Math.floor(Math.random() * 900_000);
    if (kind === CLIENT) {
      await stack.t.admin('eventClients').insert(['A', 'B'].map((x, i) => ({ tenantId: tid, number: number + i, fullName: `${tag} ${x}`, salesContactId: me })));
    } else {
      await stack.t.admin('accounts').insert(['A', 'B'].map((x, i) => ({ tenantId: tid, number: number + i, name: `${tag} ${x}`, city: 'Lorient', ownerId: me, status: 'prospect' })));
    }
    page = await signIn(stack, demoEmail(role, tenant), { viewport });
    // A step that cannot be done fails soon, not after the 30 s default.
    page.setDefaultTimeout(15_000);
  });

  afterAll(() => page?.context().close());

  it('lands on its work, not on a generic page', async () => {
    expect(new URL(page.url()).pathname).toMatch(work);
    await page.locator('h1:visible').first().waitFor({ timeout: 30_000 });
    await accessible('landing', undefined, true);
    expect(await overflow()).toBe(0);
  });

  it('creates a record from the list\'s create dialog, which opens beside the list', async () => {
    await page.goto(`${stack.base}${kind.list}`);
    await page.getByTestId(kind.table).waitFor({ timeout: 60_000 });
    await accessible(kind.route, undefined, true);
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
    await accessible(`${kind.route}-panel`);
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
    await accessible('search', '[data-testid="global-search"]');
    await hit.click();
    await page.getByTestId(`${kind.row}-panel`).getByTestId(kind.title).filter({ hasText: name }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    await page.getByTestId(`${kind.row}-panel`).waitFor({ state: 'detached' });
  });

  it('ticks several rows and changes them all at once, with a report per record', async () => {
    await page.getByTestId(kind.search).fill(tag);
    await page.waitForURL((url) => url.searchParams.get('q') === tag);
    await eventually(() => rows().count(), (n) => expect(n).toBe(3));
    for (let i = 0; i < 3; i++) await rows().nth(i).locator('input[type="checkbox"]').check();
    await page.getByTestId('bulk-bar').waitFor();
    expect(await page.getByTestId('bulk-count').textContent()).toContain('3');
    await accessible(`${kind.route}-selection`);
    expect(await overflow()).toBe(0);
    await page.getByTestId(`bulk-action-${kind.bulkAction}`).click();
    const choice = kind === CLIENT ? `bulk-choice-${await userId(stack.t.admin, role, tenant)}` : 'bulk-choice-active';
    await page.getByTestId(choice).click();
    await page.getByTestId('bulk-results').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('bulk-summary').textContent()).toContain('3 réussi');
    expect(await page.getByTestId('bulk-result-ok').count()).toBe(3);
    await accessible(`${kind.route}-bulk`, '[data-testid="bulk-results"]');
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
    await eventually(() => rows().count(), (n) => expect(n).toBe(3));
    await accessible(`${kind.route}-reloaded`);
  });

  // Only when screenshots are asked for: the accessibility test checks these screens in CI.
  (SHOTS && size === 'laptop' ? it : it.skip)('shows its main screens: a demo record beside its list, the task list, the monitor and the modeler', async () => {
    await page.goto(`${stack.base}${kind.list}`);
    await rows().filter({ hasText: showcase }).first().click();
    await page.getByTestId(`${kind.row}-panel`).getByTestId(kind.title).filter({ hasText: showcase }).waitFor({ timeout: 30_000 });
    await accessible(`${kind.route}-panel`, undefined, true);
    const links = await page.locator('[data-testid="nav-drawer"] a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const href of ['/tasks', '/processes/instances', '/processes/modeler'].filter((h) => links.includes(h))) {
      await page.goto(`${stack.base}${href}`);
      await page.locator('h1:visible, [data-testid="process-modeler"]').first().waitFor({ timeout: 30_000 });
      await accessible(href.slice(1).replace('/', '-'), undefined, true);
    }
  });
});
