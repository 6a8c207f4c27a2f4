import type { Page } from 'playwright-core';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { axeSerious, settle } from '../support/axe';
import { expectEventually, signIn, startBrowserStack, watchCsp, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * « Données personnelles » in Chromium against the real API and database, in an organisation of its own
 * (the MSP vertical): its data protection officer lands on the register of processing activities,
 * pre-filled from the modules' declarations (billing's 10-year retention, the MSP's support activity),
 * rewrites an entry's purpose (stored), and exports the register as a PDF. Another role has no such area.
 * axe finds no critical or serious violation.
 */
describe('the register of processing activities in the browser', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'gdpr', ['psa']);
  }, 120_000);

  afterAll(() => stack?.close());

  async function expectAccessible(page: Page, where: string): Promise<void> {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  }

  it('the data protection officer reads the pre-filled register, rewrites a purpose and exports the PDF', async () => {
    const page = await signIn(stack, demoEmail('dpo', tenant.slug));
    const csp = watchCsp(page.context());
    await page.getByTestId('nav-gdpr-register').click();
    await page.waitForURL(/\/gdpr\/register/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Registre des activités de traitement');
    const invoicing = page.locator('[data-testid="register-entry"][data-key="billing.invoicing"]');
    await invoicing.waitFor();
    expect(await invoicing.innerText()).toContain('Obligation légale (art. 6.1.c)');
    expect(await invoicing.innerText()).toContain('P10Y');
    await page.locator('[data-testid="register-entry"][data-key="psa.support"]').waitFor();
    await expectAccessible(page, 'register');

    const support = page.locator('[data-testid="register-entry"][data-key="psa.support"]');
    await support.getByTestId('register-edit').click();
    const dialog = page.getByTestId('register-dialog');
    await dialog.waitFor();
    await expectAccessible(page, 'register entry dialog');
    await dialog.getByTestId('register-form-purpose').locator('textarea').first().fill('Assistance aux clients sous contrat d’infogérance');
    await dialog.getByTestId('register-save').click();
    await expectEventually(() => support.getByTestId('register-purpose').innerText(), (text) => expect(text).toBe('Assistance aux clients sous contrat d’infogérance'));
    const row = await stack.t.admin('gdprRegisterEntries').where({ tenantId: tenant.tenantId, activityKey: 'psa.support' }).first('entry', 'version');
    expect(row).toMatchObject({ version: 1, entry: expect.objectContaining({ purpose: 'Assistance aux clients sous contrat d’infogérance' }) });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('register-export').click()]);
    expect(download.suggestedFilename()).toBe(`registre-traitements-${tenant.slug}.pdf`);
    expect(csp).toEqual([]);
    await page.context().close();
  });

  it('another role has no « Données personnelles » area', async () => {
    const page = await signIn(stack, demoEmail('technician', tenant.slug));
    await page.getByTestId('nav-psa-tickets').waitFor();
    expect(await page.getByTestId('nav-gdpr-register').count()).toBe(0);
    await page.context().close();
  });
});
