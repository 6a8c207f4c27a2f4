import type { Page, Request } from 'playwright-core';
import { tenantId, userId, type TestContext } from '../support/api';
import { expectEventually as eventually, signIn as signInAs, startBrowserStack, type BrowserStack, waitShowing } from '../support/browser';
import { axeSerious } from '../support/axe';

const DAY = 86_400_000;

/** The page's globals this Node-side file names inside page.evaluate. */
interface DomGlobal { document: { activeElement: { getAttribute(name: string): string | null; closest(selector: string): unknown } | null } }

/**
 * The lists' shared behaviour in Debian's Chromium against the real API and database: the
 * view (search, filters) in the URL, the keyboard (j/k/Enter, Esc, /, ?), the Ctrl+K palette's
 * commands, selection across pages with a bulk action run by the server and its report per
 * record, and an event's start and end saved together in one request.
 */
describe('lists: view in the URL, keyboard, palette, bulk actions', () => {
  let t: TestContext;
  let stack: BrowserStack;
  let base: string;
  let tenant: string;
  let sales: string;
  const tag = `Lot${process.pid}x${Date.now() % 100_000}`;
  /** More than one page (the list loads 50 at a time). */
  const COUNT = 55;

  beforeAll(async () => {
    stack = await startBrowserStack();
    ({ t, base } = stack);
    tenant = await tenantId(t.admin, 'epic-events');
    sales = await userId(t.admin, 'sales', 'epic-events');
    const start = 8_000_000 + Math.floor(Math.random() * 900_000);
    await t.admin('accounts').insert(Array.from({ length: COUNT }, (_, i) => ({
      tenantId: tenant, number: start + i, name: `${tag} ${String(i).padStart(2, '0')}`, city: 'Tours', ownerId: sales, status: 'prospect',
    })));
  });

  afterAll(async () => {
    await stack?.close();
  });

  const signIn = (role: string): Promise<Page> => signInAs(stack, `${role}@epic-events.demo`);

  async function noSeriousAxe(page: Page, selector?: string): Promise<void> {
    expect(await axeSerious(page, selector)).toEqual([]);
  }

  const rows = (page: Page) => page.getByTestId('account-row');

  it('keeps the search and the status filter in the URL: a reload and a shared link show the same view', async () => {
    const page = await signIn('sales');
    await page.goto(`${base}/accounts`);
    await page.getByTestId('accounts-table').waitFor({ timeout: 60_000 });
    await page.getByTestId('accounts-filter').fill(tag);
    await page.waitForURL((url) => url.searchParams.get('q') === tag);
    await eventually(() => rows(page).count(), (v) => expect(v).toBe(50), 30_000);
    await page.reload();
    await page.getByTestId('accounts-table').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('accounts-filter').inputValue()).toBe(tag);
    await eventually(() => rows(page).count(), (v) => expect(v).toBe(50), 30_000);
    expect(await page.getByTestId('accounts-load-more').isVisible()).toBe(true);

    // A link naming a status: nothing of this lot is active yet.
    await page.goto(`${base}/accounts?q=${tag}&status=active`);
    await page.getByTestId('accounts-table').waitFor({ timeout: 60_000 });
    await eventually(() => page.getByTestId('accounts-count').textContent(), (v) => expect(v).toMatch(/^0 /), 30_000);
    expect(await page.getByTestId('accounts-status-filter').textContent()).toContain('Actif');
    // Opening a record keeps the view's parameters.
    await page.goto(`${base}/accounts?q=${tag}`);
    await eventually(() => rows(page).count(), (v) => expect(v).toBe(50), 30_000);
    await rows(page).first().click();
    await page.getByTestId('account-panel').waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe(tag);
    await page.context().close();
  });

  /** The menu's panel once its opening transition has ended: a click during the fade can land on nothing. */
  const panelSettled = (page: Page) => eventually(
    () => page.getByTestId('views-panel').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string } }).getComputedStyle(el.closest('.v-overlay__content')).opacity),
    (v) => expect(v).toBe('1'),
  );
  const openViews = async (page: Page) => {
    await page.getByTestId('views-menu').click();
    await page.getByTestId('views-panel').waitFor();
    await panelSettled(page);
  };
  /** Opens « Enregistrer la vue »; again if the click landed on a menu still closing from the last save. */
  const openSaveDialog = async (page: Page) => {
    for (let attempt = 1; ; attempt++) {
      // A menu left open (or reopened by focus coming back from the last dialog) is closed first: its activator toggles it.
      if (await page.getByTestId('views-panel').isVisible()) await page.keyboard.press('Escape');
      await page.getByTestId('views-panel').waitFor({ state: 'hidden' }).catch(() => undefined);
      await openViews(page);
      await page.getByTestId('view-save').click();
      try {
        await page.getByTestId('view-name').waitFor({ timeout: 10_000 });
        return;
      } catch (e) {
        if (attempt === 3) throw e;
        await page.keyboard.press('Escape');
      }
    }
  };

  it('saves the current view on the server: the person finds it in another browser, a colleague applies it once shared but cannot delete it', async () => {
    const page = await signIn('sales');
    await page.goto(`${base}/accounts?q=${tag}&sort=-number`);
    await eventually(() => rows(page).count(), (v) => expect(v).toBe(50), 60_000);
    await openSaveDialog(page);
    await page.getByTestId('view-name').fill('Mon lot');
    await page.getByTestId('view-shared').check();
    await page.getByTestId('view-save-submit').click();
    await page.getByTestId('view-save-dialog').waitFor({ state: 'detached' });
    // The same name again is refused by the server, in French, in the dialog.
    await openSaveDialog(page);
    await page.getByTestId('view-name').fill('mon lot');
    await page.getByTestId('view-save-submit').click();
    await eventually(() => page.getByTestId('view-save-error').textContent(), (v) => expect(v).toContain('Vous avez déjà une vue « mon lot » sur cette liste'));
    await page.keyboard.press('Escape');
    await page.context().close();

    // Another browser of the same person: the view is there and applies.
    const again = await signIn('sales');
    await again.goto(`${base}/accounts`);
    await again.getByTestId('accounts-table').waitFor({ timeout: 60_000 });
    // Applied again if the click landed while the menu was still appearing (applying a view twice changes nothing).
    const viewApplied = () => { const url = new URL(again.url()); return url.searchParams.get('q') === tag && url.searchParams.get('sort') === '-number'; };
    for (let attempt = 1; !viewApplied(); attempt++) {
      await again.getByTestId('views-panel').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
      await openViews(again);
      await again.getByTestId('views-mine').getByTestId('view-apply').filter({ hasText: 'Mon lot' }).click();
      try {
        await again.waitForURL(() => viewApplied(), { timeout: 10_000 });
      } catch (e) {
        if (attempt === 3) throw e;
        await again.keyboard.press('Escape');
      }
    }
    await eventually(() => again.getByTestId('accounts-filter').inputValue(), (v) => expect(v).toBe(tag));
    // Checked once the menu has finished appearing (openViews waits for it: its fade would lower every contrast).
    await openViews(again);
    await noSeriousAxe(again, '[data-testid="views-panel"]');
    await again.context().close();

    // A colleague sees it among the shared views, with its author, and applies it; deleting it is not offered.
    const colleague = await signIn('management');
    await colleague.goto(`${base}/accounts`);
    await colleague.getByTestId('accounts-table').waitFor({ timeout: 60_000 });
    await openViews(colleague);
    const sharedView = colleague.getByTestId('views-shared').locator('li').filter({ hasText: 'Mon lot' });
    expect(await sharedView.textContent()).toMatch(/par \S+/);
    expect(await sharedView.getByTestId('view-delete').count()).toBe(0);
    // Applying changes the address in place (no page load); a click landing while the menu still appears is made again.
    const applied = () => { const url = new URL(colleague.url()); return url.searchParams.get('q') === tag && url.searchParams.get('sort') === '-number'; };
    for (let attempt = 1; !applied(); attempt++) {
      if (!(await sharedView.isVisible())) await openViews(colleague);
      await sharedView.getByTestId('view-apply').click();
      await eventually(async () => applied(), (v) => expect(v).toBe(true), 10_000).catch((e) => { if (attempt === 3) throw e; });
    }
    await colleague.context().close();
  });

  it('moves the views this browser kept locally to the server on the first load, then forgets them', async () => {
    const page = await signIn('sales');
    const key = `relais.views.${tenant}.${sales}`;
    // As an earlier version left them in this browser; the next load of the app finds them.
    await page.evaluate(([k, v]) => (globalThis as unknown as { localStorage: { setItem(a: string, b: string): void } }).localStorage.setItem(k!, v!), [key, JSON.stringify({ accounts: [{ name: 'Vue d\'avant', query: { q: tag, status: 'prospect' } }] })]);
    await page.goto(`${base}/accounts`);
    await page.getByTestId('accounts-table').waitFor({ timeout: 60_000 });
    await openViews(page);
    await eventually(() => page.getByTestId('views-mine').textContent(), (v) => expect(v).toContain('Vue d\'avant'));
    expect(await page.evaluate((k) => (globalThis as unknown as { localStorage: { getItem(a: string): string | null } }).localStorage.getItem(k), key)).toBeNull();
    const saved = await t.admin('savedViews').where({ ownerId: sales, listKey: 'accounts', name: 'Vue d\'avant' }).first('query');
    expect(saved.query).toEqual({ q: tag, status: 'prospect' });
    await page.context().close();
  });

  it('keeps the task list\'s tab and sort in the URL across a reload', async () => {
    const page = await signIn('sales');
    await page.goto(`${base}/tasks`);
    await page.getByTestId('tasks-tab-mine').click();
    await page.waitForURL((url) => url.searchParams.get('tab') === 'mine');
    await page.reload();
    await page.getByTestId('tasks-tab-mine').waitFor({ timeout: 60_000 });
    await eventually(() => page.getByTestId('tasks-tab-mine').getAttribute('aria-selected'), (v) => expect(v).toBe('true'));
    expect(new URL(page.url()).searchParams.get('tab')).toBe('mine');
    await page.context().close();
  });

  it('keeps the instance monitor\'s filters in the URL across a reload', async () => {
    const page = await signInAs(stack, 'manager@softwhere.demo');
    await page.goto(`${base}/processes/instances?status=completed`);
    await page.getByTestId('instances-filter-status').waitFor({ timeout: 60_000 });
    await page.reload();
    await page.getByTestId('instances-filter-status').waitFor({ timeout: 60_000 });
    await eventually(() => page.getByTestId('instances-filter-status').textContent(), (v) => expect(v).toContain('Terminé'));
    expect(new URL(page.url()).searchParams.get('status')).toBe('completed');
    await page.context().close();
  });

  it('moves with j/k, opens with Enter, closes with Escape, searches with / and lists the shortcuts with ?', async () => {
    const page = await signIn('sales');
    await page.goto(`${base}/accounts?q=${tag}`);
    await eventually(() => rows(page).count(), (v) => expect(v).toBe(50), 60_000);
    const focusedRow = () => page.evaluate(() => (globalThis as unknown as DomGlobal).document.activeElement?.getAttribute('data-account-id') ?? null);
    const ids = await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-account-id')));

    await page.keyboard.press('j');
    expect(await focusedRow()).toBe(ids[0]);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    expect(await focusedRow()).toBe(ids[2]);
    await page.keyboard.press('k');
    expect(await focusedRow()).toBe(ids[1]);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/accounts/${ids[1]}`));
    await page.getByTestId('account-panel').waitFor();

    // Typing j in a field is typing, not moving.
    await page.getByTestId('accounts-filter').focus();
    await page.keyboard.press('End');
    await page.keyboard.type('j');
    expect(await page.getByTestId('accounts-filter').inputValue()).toBe(`${tag}j`);
    await page.keyboard.press('Backspace');
    await page.locator('h1').first().click();

    await page.keyboard.press('Escape');
    await page.getByTestId('account-panel').waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe('/accounts');

    await page.keyboard.press('/');
    expect(await page.evaluate(() => (globalThis as unknown as DomGlobal).document.activeElement?.closest('[data-list-search]') !== null)).toBe(true);
    await page.locator('h1').first().click();

    await page.keyboard.press('?');
    const help = page.getByTestId('shortcuts-help');
    await help.waitFor();
    expect(await help.textContent()).toContain('Raccourcis clavier');
    expect(await help.textContent()).toContain('Fermer le panneau latéral');
    await noSeriousAxe(page, '[data-testid="shortcuts-help"]');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('runs « Nouveau compte » from the Ctrl+K palette, which also lists recent records', async () => {
    const page = await signIn('sales');
    await page.goto(`${base}/accounts?q=${tag}`);
    await eventually(() => rows(page).count(), (v) => expect(v).toBe(50), 60_000);
    await rows(page).nth(3).click();
    // Its name shown: the panel has loaded the record, and told the recent records its title.
    await page.getByTestId('account-panel').getByText(`${tag} 03`).first().waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('account-panel').waitFor({ state: 'detached' });

    await page.keyboard.press('Control+k');
    await page.getByTestId('global-search').waitFor();
    const recent = page.getByTestId('palette-recent');
    await recent.first().waitFor();
    expect(await recent.first().textContent()).toContain(`${tag} 03`);
    await noSeriousAxe(page, '[data-testid="global-search"]');
    await page.getByTestId('global-search-input').fill('nouveau co');
    const commands = page.getByTestId('palette-command');
    await eventually(() => commands.evaluateAll((els) => els.map((e) => e.getAttribute('data-key'))), (v) => expect(v).toEqual(['core-new-account']), 10_000);
    await page.keyboard.press('Enter');
    await page.getByTestId('account-create-dialog').waitFor();
    // The create dialog's parameter does not stay in the URL.
    await eventually(async () => new URL(page.url()).searchParams.has('new'), (v) => expect(v).toBe(false));
    // The command opened the dialog over the view as it was.
    expect(new URL(page.url()).searchParams.get('q')).toBe(tag);
    await page.context().close();
  });

  it('selects every account the filter matches across pages and changes their status on the server, with a report per account', async () => {
    const page = await signIn('sales');
    await page.goto(`${base}/accounts?q=${tag}`);
    await eventually(() => rows(page).count(), (v) => expect(v).toBe(50), 60_000);
    await page.getByTestId('accounts-table').locator('thead input[type="checkbox"]').check();
    await page.getByTestId('bulk-bar').waitFor();
    expect(await page.getByTestId('bulk-count').textContent()).toContain('50');
    await page.getByTestId('bulk-select-all-matching').click();
    expect(await page.getByTestId('bulk-count').getAttribute('data-all-matching')).toBe('true');
    await noSeriousAxe(page, '[data-testid="bulk-bar"]');
    const requests: Request[] = [];
    page.on('request', (r) => { if (r.url().includes('/api/v1/accounts')) requests.push(r); });
    const answered = page.waitForResponse((r) => r.url().includes('/api/v1/accounts/bulk'), { timeout: 120_000 });
    // A choice clicked while its menu is still opening can be lost: open the menu and choose again until the request leaves (never twice).
    let sent = false;
    page.on('request', (r) => { if (r.url().includes('/api/v1/accounts/bulk')) sent = true; });
    await eventually(async () => {
      if (!sent) {
        const choice = page.getByTestId('bulk-choice-active');
        if (!(await choice.isVisible())) await page.getByTestId('bulk-action-status').click();
        await choice.click({ timeout: 10_000 }).catch(() => undefined);
        for (let i = 0; i < 20 && !sent; i++) await page.waitForTimeout(100);
      }
      return sent;
    }, (v) => expect(v).toBe(true), 60_000);
    // The server's answer first (its status and problem say why when it is not the report).
    const answer = await answered;
    expect({ status: answer.status(), body: answer.status() === 200 ? null : await answer.text() }).toEqual({ status: 200, body: null });
    const results = page.getByTestId('bulk-results');
    await waitShowing(page, results);
    expect(await page.getByTestId('bulk-summary').textContent()).toContain(`${COUNT} réussi`);
    expect(await page.getByTestId('bulk-result-ok').count()).toBe(COUNT);
    await noSeriousAxe(page, '[data-testid="bulk-results"]');
    // One request named the filter (not 55 PATCHes).
    const bulk = requests.filter((r) => r.method() === 'POST');
    expect(bulk).toHaveLength(1);
    expect(bulk[0]!.postDataJSON()).toMatchObject({ filter: { q: tag }, set: { status: 'active' } });
    expect(requests.filter((r) => r.method() === 'PATCH')).toHaveLength(0);
    const stored = await t.admin('accounts').where('tenantId', tenant).where('name', 'like', `${tag} %`).select('status');
    expect(stored).toHaveLength(COUNT);
    expect(stored.every((r) => r.status === 'active')).toBe(true);
    await page.context().close();
  });

  it('saves an event\'s start and end together, in one request', async () => {
    const management = await userId(t.admin, 'management', 'epic-events');
    const number = 900_000 + Math.floor(Math.random() * 90_000);
    const [client] = await t.admin('eventClients').insert({ tenantId: tenant, number, fullName: `Client ${tag}`, salesContactId: sales }).returning('id');
    const [contract] = await t.admin('eventContracts').insert({ tenantId: tenant, number, clientId: client.id, totalAmountCents: 100_000, amountDueCents: 0, signed: true, signedAt: new Date() }).returning('id');
    const starts = Date.now() + 30 * DAY;
    const [event] = await t.admin('eventEvents').insert({
      tenantId: tenant, number, name: `Gala ${tag}`, contractId: contract.id, startsAt: new Date(starts), endsAt: new Date(starts + 4 * 3_600_000), createdBy: management,
    }).returning('id');

    const page = await signIn('management');
    await page.goto(`${base}/events/events/${event.id}`);
    await page.getByTestId('event-panel').waitFor({ timeout: 60_000 });
    await page.getByTestId('field-group-dates').waitFor();
    const patches: Request[] = [];
    page.on('request', (r) => { if (r.method() === 'PATCH' && r.url().includes(`/events/events/${event.id}`)) patches.push(r); });

    // Moved one week later: the new start is after the old end, so the start alone would be refused.
    const day = new Date(starts + 7 * DAY).toISOString().slice(0, 10);
    await page.getByTestId('field-startsAt').fill(`${day}T18:00`);
    await page.getByTestId('field-endsAt').focus();
    await page.getByTestId('field-endsAt').fill(`${day}T23:30`);
    await page.getByTestId('panel-title').click();
    await page.locator('[data-testid="save-status"][data-status="saved"]').waitFor({ timeout: 30_000 });
    expect(patches).toHaveLength(1);
    expect(Object.keys(patches[0]!.postDataJSON()).sort()).toEqual(['endsAt', 'startsAt']);
    const stored = await t.admin('eventEvents').where({ id: event.id })
      .first(t.admin.raw(`to_char(starts_at at time zone 'Europe/Paris', 'YYYY-MM-DD"T"HH24:MI') as starts, to_char(ends_at at time zone 'Europe/Paris', 'YYYY-MM-DD"T"HH24:MI') as ends`));
    expect(stored).toEqual({ starts: `${day}T18:00`, ends: `${day}T23:30` });
    await noSeriousAxe(page, '[data-testid="field-group-dates"]');
    await page.context().close();
  });
});
