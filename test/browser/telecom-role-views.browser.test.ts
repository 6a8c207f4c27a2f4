import type { Page } from 'playwright-core';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { tenantId } from '../support/api';
import { expectAccessible } from '../support/axe';
import { signIn, startBrowserStack, waitShowing, type BrowserStack } from '../support/browser';

/**
 * Spec 002 §10.3 in Debian's Chromium: the same SoftWhere account opened by the direction, support N1,
 * accounting and the client itself shows different information — because the API answers differently, the
 * screen draws what it gets. And §11: a partner of the account's brand sees its brand's colours and logo.
 * Axe finds nothing critical or serious on each page.
 */
describe('telecom account views by role in the browser', () => {
  let stack: BrowserStack;
  let accountId: string;
  let brandKey: string;
  /** A site of the account with a fleet: opened when the block lists several sites (their fleets are one level down). */
  let fleetSiteId: string | null;

  beforeAll(async () => {
    stack = await startBrowserStack();
    const { admin } = stack.t;
    const tenant = await tenantId(admin, 'softwhere');
    // The demo client's own company (db/seed.ts gives client@ the first demo account).
    const client = await admin('users').whereRaw('lower(email) = ?', [demoEmail('client', 'softwhere')]).first('accountId');
    accountId = client.accountId;
    // Its telecom side, when the demo has not made it: a brand, a profile, a site's fleet and lines.
    let brand = await admin('telecomBrands').where({ tenantId: tenant }).orderBy(['name', 'id']).first('id', 'key');
    brand ??= (await admin('telecomBrands').insert({ tenantId: tenant, key: 'armor-test', name: 'Armor Télécom' }).returning(['id', 'key']))[0];
    await admin('telecomAccountProfiles').insert({ accountId, tenantId: tenant, softwhereId: 'SW-990001', brandId: brand.id, externalRefs: JSON.stringify({ extranet: 'EXT-1' }) }).onConflict('accountId').ignore();
    const profile = await admin('telecomAccountProfiles').where({ accountId }).first('brandId');
    brandKey = (await admin('telecomBrands').where({ id: profile.brandId }).first('key')).key;
    const lines = await admin('telecomLines').where({ accountId }).first('id');
    if (!lines) {
      const site = await admin('sites').where({ accountId }).first('id');
      const [fleet] = await admin('telecomFleets').insert({ tenantId: tenant, accountId, siteId: site?.id ?? null, type: 'mobile', operatorKey: 'orange', name: 'Mobile / Orange' }).returning('id');
      await admin('telecomLines').insert(['+33699000101', '+33699000102'].map((number) => ({
        tenantId: tenant, accountId, fleetId: fleet.id, siteId: site?.id ?? null, number, status: 'active', salePriceCents: 2490, purchasePriceCents: 1300, operatorKey: 'snaic',
      })));
    }
    fleetSiteId = (await admin('telecomFleets').where({ accountId }).whereNotNull('siteId').first('siteId'))?.siteId ?? null;
    // The demo partner belongs to the account's brand, and to it alone.
    const partner = await admin('users').whereRaw('lower(email) = ?', [demoEmail('partner', 'softwhere')]).first('id');
    await admin('telecomBrandUsers').where({ userId: partner.id }).whereNot({ brandId: profile.brandId }).delete();
    await admin('telecomBrandUsers').insert({ tenantId: tenant, userId: partner.id, brandId: profile.brandId }).onConflict(['userId', 'brandId']).ignore();
  });

  afterAll(async () => stack?.close());

  /** What the account's telecom block shows this person: which sections, as drawn on screen. */
  async function viewAs(role: string): Promise<{ page: Page; shown: Record<string, boolean> }> {
    const page = await signIn(stack, demoEmail(role, 'softwhere'));
    await page.goto(`${stack.base}/accounts/${accountId}`);
    await waitShowing(page, page.getByTestId('telecom-summary'));
    // Several sites (other suites may add one to this account): a fleet shows once its site is opened.
    const sites = page.getByTestId('telecom-sites');
    if (fleetSiteId && await sites.count() && (await sites.getAttribute('data-layout')) !== 'compact') {
      await page.locator(`[data-testid="telecom-site"][data-id="${fleetSiteId}"]`).click();
      await page.getByTestId('telecom-site-open').waitFor();
    }
    const shown: Record<string, boolean> = {};
    for (const id of ['telecom-external-refs', 'telecom-monthly-sale', 'telecom-monthly-purchase', 'telecom-monthly-margin', 'telecom-sites', 'telecom-fleet', 'telecom-billing-sites']) {
      shown[id] = (await page.getByTestId(id).count()) > 0;
    }
    await expectAccessible(page, `the account panel as ${role}`);
    return { page, shown };
  }

  it('shows the same account differently to the direction, support, accounting and the client', async () => {
    const views: Record<string, Record<string, boolean>> = {};
    for (const role of ['direction', 'support-n1', 'accounting', 'client']) views[role] = (await viewAs(role)).shown;

    expect(views.direction).toEqual({
      'telecom-external-refs': true, 'telecom-monthly-sale': true, 'telecom-monthly-purchase': true, 'telecom-monthly-margin': true,
      'telecom-sites': true, 'telecom-fleet': true, 'telecom-billing-sites': true,
    });
    // Support: the sites, fleets and lines; no money, no billing references.
    expect(views['support-n1']).toEqual({
      'telecom-external-refs': false, 'telecom-monthly-sale': false, 'telecom-monthly-purchase': false, 'telecom-monthly-margin': false,
      'telecom-sites': true, 'telecom-fleet': true, 'telecom-billing-sites': false,
    });
    // Accounting: billing sites, references, amounts and margin; not the fleets.
    expect(views.accounting).toEqual({
      'telecom-external-refs': true, 'telecom-monthly-sale': true, 'telecom-monthly-purchase': true, 'telecom-monthly-margin': true,
      'telecom-sites': false, 'telecom-fleet': false, 'telecom-billing-sites': true,
    });
    // The client: its own lines and sale prices only.
    expect(views.client).toEqual({
      'telecom-external-refs': false, 'telecom-monthly-sale': true, 'telecom-monthly-purchase': false, 'telecom-monthly-margin': false,
      'telecom-sites': true, 'telecom-fleet': true, 'telecom-billing-sites': false,
    });
    // Four different screens.
    expect(new Set(Object.values(views).map((v) => JSON.stringify(v))).size).toBe(4);
  });

  it('lets the manager change the SoftWhere id inline (another account\'s refused next to the field), kept after a reload', async () => {
    let softwhereId = 'SW-980000';
    for (let n = 1; await stack.t.admin('telecomAccountProfiles').where({ softwhereId }).first('accountId'); n += 1) softwhereId = `SW-98${String(n).padStart(4, '0')}`;
    const page = await signIn(stack, demoEmail('manager', 'softwhere'));
    await page.goto(`${stack.base}/accounts/${accountId}`);
    const input = page.getByTestId('telecom-softwhere-id-input').locator('input');
    await waitShowing(page, input);
    // Another account's SoftWhere id: refused, said in French next to the field.
    const other = await stack.t.admin('telecomAccountProfiles').whereNot({ accountId }).first('softwhereId');
    if (other) {
      await input.fill(other.softwhereId);
      await input.press('Enter');
      await waitShowing(page, page.getByTestId('telecom-softwhere-id-error'));
      expect(await page.getByTestId('telecom-softwhere-id-error').textContent()).toContain('déjà celui d');
    }
    await input.fill(softwhereId);
    await input.press('Enter');
    await page.locator('[data-testid="telecom-profile-status"][data-status="saved"]').waitFor();
    // An external reference added: system and reference, saved on Enter.
    await page.getByTestId('telecom-ref-add').click();
    await page.getByTestId('telecom-ref-system').last().locator('input').fill('pennylane');
    const reference = page.getByTestId('telecom-ref-reference').last().locator('input');
    await reference.fill(`PL-${softwhereId}`);
    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith(`/telecom/accounts/${accountId}/profile`));
    await reference.press('Enter');
    expect((await saved).status()).toBe(200);
    await page.reload();
    await waitShowing(page, input);
    expect(await input.inputValue()).toBe(softwhereId);
    const systems = await page.getByTestId('telecom-ref-system').locator('input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(systems).toContain('pennylane');
    await expectAccessible(page, 'the account panel editable by the manager');
  });

  it('gives a partner its brand\'s colours and logo, and the account of its brand', async () => {
    const page = await signIn(stack, demoEmail('partner', 'softwhere'));
    const badge = page.getByTestId('brand-badge');
    await waitShowing(page, badge);
    expect(await badge.getAttribute('data-key')).toBe(brandKey);
    await page.goto(`${stack.base}/accounts/${accountId}`);
    await waitShowing(page, page.getByTestId('telecom-summary'));
    expect(await page.getByTestId('telecom-monthly-sale').count()).toBe(0);
    await expectAccessible(page, 'the account panel as a partner of its brand');
  });
});
