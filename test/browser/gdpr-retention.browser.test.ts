import type { Page } from 'playwright-core';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { axeSerious, settle } from '../support/axe';
import { expectEventually, signIn, startBrowserStack, watchCsp, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * « Conservation » in Chromium (issue 15, docs/adr/0026-retention.md), in an organisation of its own with a
 * prospect nobody contacted for four years: its data protection officer finds the page under « Données
 * personnelles », reads the rules (client accounts: 3 ans, anonymised), simulates today's run (one account
 * to process, named by reference only), holds that record from the simulation (the simulation then counts
 * it as held, the hold is listed), and lifts the hold. axe finds no critical or serious violation.
 */
describe('the retention page in the browser', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;
  let prospect: string;

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'retention-page', ['psa']);
    const [row] = await stack.t.admin('accounts').insert({
      tenantId: tenant.tenantId, number: 1, name: 'Quincaillerie Morvan', email: 'contact@quincaillerie-morvan.example', status: 'prospect',
      updatedAt: stack.t.admin.raw("now() - interval '4 years'"),
    }).returning('id');
    prospect = String(row.id);
  }, 120_000);

  afterAll(() => stack?.close());

  async function expectAccessible(page: Page, where: string): Promise<void> {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  }

  it('the officer reads the rules, simulates today, holds a record from the simulation and lifts the hold', async () => {
    const page = await signIn(stack, demoEmail('dpo', tenant.slug));
    const csp = watchCsp(page.context());
    await page.getByTestId('nav-gdpr-retention').click();
    await page.waitForURL(/\/gdpr\/retention/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Conservation des données');
    const accounts = page.locator('[data-testid="retention-rule"][data-table="accounts"]');
    await accounts.waitFor();
    expect(await accounts.innerText()).toContain('3 ans');
    expect(await accounts.innerText()).toContain('Anonymiser');
    await expectAccessible(page, 'retention');

    await page.getByTestId('retention-dry-run').click();
    const expired = page.locator('[data-testid="dry-run-table"][data-table="accounts"]');
    await expired.waitFor();
    expect(await expired.getByTestId('dry-run-expired').innerText()).toBe('1');
    expect(await expired.innerText()).toContain(prospect);
    expect(await page.getByTestId('gdpr-retention').innerText()).not.toContain('Morvan');
    await expectAccessible(page, 'dry run');

    await expired.getByTestId('dry-run-hold').click();
    const dialog = page.getByTestId('hold-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('hold-record').locator('input').inputValue()).toBe(prospect);
    await expectAccessible(page, 'hold dialog');
    await dialog.getByTestId('hold-reason').locator('textarea').first().fill('Litige sur une facture impayée');
    await dialog.getByTestId('hold-save').click();
    const hold = page.getByTestId('legal-hold').first();
    await expectEventually(() => hold.innerText(), (text) => expect(text).toContain('Litige sur une facture impayée'));
    await expectEventually(() => expired.getByTestId('dry-run-held').innerText(), (text) => expect(text).toBe('1'));
    expect(await stack.t.admin('gdprLegalHolds').where({ tenantId: tenant.tenantId }).first('recordId', 'reason', 'liftedAt'))
      .toEqual({ recordId: prospect, reason: 'Litige sur une facture impayée', liftedAt: null });

    await hold.getByTestId('hold-lift').click();
    await page.getByTestId('hold-lift-confirm').click();
    await expectEventually(() => hold.getByTestId('hold-state').innerText(), (text) => expect(text).toMatch(/^Levé le/));
    await expectAccessible(page, 'hold lifted');
    expect(csp).toEqual([]);
    await page.context().close();
  });

  it('another role has no « Conservation » entry', async () => {
    const page = await signIn(stack, demoEmail('technician', tenant.slug));
    await page.getByTestId('nav-psa-tickets').waitFor();
    expect(await page.getByTestId('nav-gdpr-retention').count()).toBe(0);
    await page.context().close();
  });
});
