import type { Page } from 'playwright-core';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { tenantId, type TestContext } from '../support/api';
import { axeSerious } from '../support/axe';
import { LAPTOP, signIn as signInAs, startBrowserStack, type BrowserStack, waitShowing } from '../support/browser';
import { createOwnTenant, uniqueName, type OwnTenant } from '../support/fixtures';

/**
 * Core records in Debian's Chromium against the real API and database: a salesperson creates
 * an account, then its contact, billing site and site from the account's panel and assigns
 * the contact to the site, then unassigns it after a confirmation; the sites block is compact
 * for one site and navigable for several, the open site in the URL; each role lands on its
 * work. axe finds no critical or serious violation on the screens visited.
 */
describe('core records in the browser', () => {
  let stack: BrowserStack;
  let t: TestContext;
  let base: string;
  let events: OwnTenant;

  beforeAll(async () => {
    stack = await startBrowserStack();
    ({ t, base } = stack);
    // An Epic Events organisation of its own: no task waits there, so each role lands on its module's home.
    events = await createOwnTenant(t.admin, 'landing', ['events']);
  }, 120_000);

  afterAll(() => stack?.close());

  const signIn = (email: string, viewport = LAPTOP): Promise<Page> => signInAs(stack, email, { viewport });

  /** What this change adds (the create dialogs, the account panel) has no critical or serious axe violation. */
  async function expectAccessible(page: Page, where: string, selector: string): Promise<void> {
    const findings = await axeSerious(page, selector);
    expect({ where, findings }).toEqual({ where, findings: [] });
  }

  it('creates an account, then its contact, billing site and site from its panel, assigns the contact to the site and unassigns it after a confirmation', async () => {
    const page = await signIn('sales@softwhere.demo');
    await page.getByTestId('accounts-table').waitFor({ timeout: 60_000 });
    
    const name = uniqueName('Crêperie du Port');
    await page.getByTestId('account-create').click();
    await page.getByTestId('account-create-dialog').waitFor();
    await page.getByTestId('account-create-name').fill(name);
    await page.getByTestId('account-create-email').fill('pas-une-adresse');
    await page.getByTestId('account-create-city').fill('Concarneau');
    await page.getByTestId('account-create-submit').click();
    // The API's refusal, on the field, in French; nothing created.
    await page.getByTestId('account-create-dialog').locator('.v-messages').getByText(/adresse e-mail/i).waitFor();
    expect(await t.admin('accounts').where({ name })).toHaveLength(0);
    await expectAccessible(page, 'new account dialog', '[data-testid="account-create-dialog"]');
    await page.getByTestId('account-create-email').fill('contact@creperie-du-port.fr');
    await page.getByTestId('account-create-submit').click();

    const panel = page.getByTestId('account-panel');
    await panel.waitFor({ timeout: 30_000 });
    await page.getByTestId('account-panel-title').filter({ hasText: name }).waitFor();
    const account = await t.admin('accounts').where({ name }).first('id', 'ownerId', 'status', 'city');
    expect(account).toMatchObject({ status: 'prospect', city: 'Concarneau', ownerId: expect.any(String) });
    expect(page.url()).toContain(`/accounts/${account.id}`);

    await page.getByTestId('contact-create').click();
    await page.getByTestId('contact-create-firstName').fill('Maëlle');
    await page.getByTestId('contact-create-lastName').fill('Le Floch');
    await page.getByTestId('contact-create-phone').fill('06 12 34 56 78');
    await page.getByTestId('contact-create-submit').click();
    await panel.getByTestId('contact-row').getByText('Maëlle Le Floch').waitFor();

    await page.getByTestId('billing-site-create').click();
    await page.getByTestId('billing-site-create-name').fill('Crêperie — facturation');
    await page.getByTestId('billing-site-create-submit').click();
    await panel.getByTestId('billing-site-row').getByText('Crêperie — facturation').waitFor();

    await page.getByTestId('site-create').click();
    await page.getByTestId('site-create-name').fill('Salle du port');
    await page.getByTestId('site-create-city').fill('Concarneau');
    await page.getByTestId('site-create-submit').click();
    // One site: shown inline, with its billing site (the account's only one, preselected).
    const compact = panel.getByTestId('site-compact');
    await compact.getByText('Salle du port').waitFor();
    await compact.getByTestId('site-billing').getByText('Crêperie — facturation').waitFor();

    await compact.getByTestId('site-assign-contact').click();
    await page.getByTestId('assignment-create-dialog').waitFor();
    await page.getByTestId('assignment-create-contactId').click();
    await page.getByRole('option', { name: 'Maëlle Le Floch' }).click();
    await expectAccessible(page, 'assignment dialog', '[data-testid="assignment-create-dialog"]');
    await page.getByTestId('assignment-create-submit').click();
    await compact.getByTestId('site-contact').getByText('Maëlle Le Floch').waitFor();

    const contact = await t.admin('contacts').where({ accountId: account.id }).first('id', 'phone');
    expect(contact.phone).toBe('+33612345678');
    const site = await t.admin('sites').where({ accountId: account.id }).first('id', 'billingSiteId');
    expect(site.billingSiteId).toEqual(expect.any(String));
    expect(await t.admin('contactAssignments').where({ contactId: contact.id }).select('purpose', 'siteId')).toEqual([{ purpose: 'site', siteId: site.id }]);
    await expectAccessible(page, 'account panel', '[data-testid="account-panel"]');

    // Unassigning asks first: cancelled from the site's chip, nothing changes.
    await compact.getByTestId('site-contact').getByRole('button', { name: 'Retirer Maëlle Le Floch du site Salle du port' }).click();
    const confirm = page.getByTestId('unassign-dialog');
    await confirm.getByText('Maëlle Le Floch ne sera plus affecté(e) à : Site Salle du port.').waitFor();
    await expectAccessible(page, 'unassign dialog', '[data-testid="unassign-dialog"]');
    await confirm.getByRole('button', { name: 'Annuler' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await t.admin('contactAssignments').where({ contactId: contact.id })).toHaveLength(1);
    // Confirmed from the contact's row: gone from the site, on the account's timeline.
    await panel.getByTestId('contact-unassign').click();
    await page.getByTestId('contact-unassign-item').filter({ hasText: 'Site Salle du port' }).click();
    await page.getByTestId('unassign-submit').click();
    await compact.getByTestId('site-contact').waitFor({ state: 'detached' });
    // The timeline's line is written by the same request, so once it shows the removal is committed.
    await panel.getByText('a retiré l\'affectation de Maëlle Le Floch').waitFor();
    expect(await t.admin('contactAssignments').where({ contactId: contact.id })).toHaveLength(0);
    await page.context().close();
  });

  it('shows one site inline and several as a searchable panel with a drill-down in the URL that keeps the search', async () => {
    const tenant = await tenantId(t.admin, 'softwhere');
    // An account of its own with one site (the demo's single-site accounts may gain sites from other suites:
    // the permission matrix writes its samples under the client user's company).
    const [single] = await t.admin('accounts').insert({ tenantId: tenant, number: 9_000_000 + Math.floor(Math.random() * 900_000), name: `Boulangerie du Quai ${process.pid}`, city: 'Lorient', status: 'active' }).returning('id');
    const [shop] = await t.admin('sites').insert({ tenantId: tenant, accountId: single.id, name: 'Boutique centre', addressLine1: '17 rue du Port', postalCode: '56100', city: 'Lorient' }).returning('id');
    const [manager] = await t.admin('contacts').insert({ tenantId: tenant, accountId: single.id, firstName: 'Jean', lastName: 'Dupont', jobTitle: 'Gérant' }).returning('id');
    await t.admin('contactAssignments').insert({ tenantId: tenant, contactId: manager.id, purpose: 'site', siteId: shop.id });
    const multi = await t.admin('accounts').where({ tenantId: tenant, name: 'Transports Morvan' }).first('id');
    // Support N1 reads accounts but creates none of these records: no create button.
    const page = await signIn('support-n1@softwhere.demo', { width: 1024, height: 768 });

    await page.goto(`${base}/accounts/${single.id}`);
    await waitShowing(page, page.getByTestId('site-compact').getByText('Boutique centre'));
    expect(await page.getByTestId('account-sites').getAttribute('data-mode')).toBe('compact');
    await page.getByTestId('site-compact').getByTestId('site-contact').getByText('Jean Dupont').waitFor();
    for (const button of ['account-create', 'contact-create', 'site-create', 'billing-site-create']) expect(await page.getByTestId(button).count()).toBe(0);

    await page.goto(`${base}/accounts/${multi.id}`);
    const navigator = page.getByTestId('sites-navigator');
    await navigator.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('site-row').count()).toBe(3);
    await page.getByTestId('site-search').fill('auray');
    await page.getByTestId('site-row').filter({ hasText: 'Dépôt Vannes' }).waitFor({ state: 'detached' });
    expect(await page.getByTestId('site-row').count()).toBe(1);
    await page.getByTestId('site-row').filter({ hasText: 'Agence Auray' }).click();
    const auray = await t.admin('sites').where({ accountId: multi.id, name: 'Agence Auray' }).first('id');
    await page.waitForURL((url) => url.pathname === `/accounts/${multi.id}` && url.searchParams.get('site') === auray.id);
    const detail = page.getByTestId('site-detail');
    await detail.getByTestId('site-contact').getByText('Nathalie Guého').waitFor();
    await detail.getByTestId('site-billing').getByText('Transports Morvan — agences').waitFor();
    await expectAccessible(page, 'multi-site panel, a site opened', '[data-testid="account-panel"]');
    await page.getByTestId('site-back').click();
    await page.waitForURL((url) => !url.searchParams.has('site'));
    await expect(page.getByTestId('site-search').inputValue()).resolves.toBe('auray');
    expect(await page.getByTestId('site-row').count()).toBe(1);
    // Back reopens the site; a reload (or the link, shared) shows it again.
    await page.goBack();
    await detail.getByTestId('site-contact').getByText('Nathalie Guého').waitFor();
    await page.reload();
    await page.getByTestId('site-detail').getByTestId('site-contact').getByText('Nathalie Guého').waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).searchParams.get('site')).toBe(auray.id);
    await page.context().close();
  });

  it.each([
    ['sales', /\/events\/clients$/],
    ['support', /\/events\/events$/],
    ['management', /\/events\/contracts$/],
  ])('lands %s of an Epic Events organisation on its work', async (role, expected) => {
    const page = await signIn(demoEmail(role, events.slug));
    await page.waitForURL(expected, { timeout: 30_000 }).catch(() => undefined);
    expect(new URL(page.url()).pathname).toMatch(expected);
    await page.context().close();
  });

  it('lands a person with no module home and no task on the accounts', async () => {
    const page = await signIn('sales@softwhere.demo');
    await page.waitForURL(/\/accounts$/, { timeout: 60_000 });
    await page.context().close();
  });
});
