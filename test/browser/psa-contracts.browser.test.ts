import type { Page } from 'playwright-core';
import { withTenant } from '../../db/tenant-scope';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { axeSerious, settle } from '../support/axe';
import { expectEventually, signIn, startBrowserStack, watchCsp, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * Contracts and hour banks in Chromium against the real API and database, in an organisation of
 * its own: the manager finds the hour banks under « Commercial », opens one, reads its gauge (a
 * meter with its thresholds) and its ledger, changes its thresholds (the time consumed on a ticket), buys a pack (the
 * gauge and the ledger follow), and sees the account's contracts with their balance in the
 * account's panel. axe finds no critical or serious violation on any screen visited.
 */
describe('psa contracts in the browser', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;
  let accountId: string;
  let contractId: string;

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'hourbank', ['psa']);
    await withTenant({ tenantId: tenant.tenantId }, async (trx) => {
      const [account] = await trx('accounts').insert({ tenantId: tenant.tenantId, number: 1, name: 'Cabinet Lemoine', ownerId: tenant.userIds.manager }).returning('id');
      accountId = account.id;
      const [contract] = await trx('psaContracts').insert({
        tenantId: tenant.tenantId, number: 1, accountId, name: 'Assistance 10 h', type: 'hour-bank', packMinutes: 600, packPriceCents: 80_000, startDate: '2026-01-01',
        alertThresholds: JSON.stringify([{ percent: 20 }, { minutes: 120 }]),
      }).returning('id');
      contractId = contract.id;
      await trx('psaHourMovements').insert({ tenantId: tenant.tenantId, contractId, kind: 'purchase', minutes: 600, createdBy: tenant.userIds.manager });
      const [ticket] = await trx('psaTickets').insert({ tenantId: tenant.tenantId, number: 1, accountId, title: 'Serveur de fichiers lent' }).returning('id');
      const [entry] = await trx('psaTimeEntries').insert({ tenantId: tenant.tenantId, ticketId: ticket.id, userId: tenant.userIds.technician, minutes: 510, kind: 'included', status: 'approved' }).returning('id');
      await trx('psaHourMovements').insert({ tenantId: tenant.tenantId, contractId, kind: 'consumption', minutes: -510, timeEntryId: entry.id, createdBy: tenant.userIds.manager });
    }, stack.t.admin);
  }, 120_000);

  afterAll(() => stack?.close());

  async function expectAccessible(page: Page, where: string): Promise<void> {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  }

  it('the manager reads an hour bank\'s gauge and ledger, buys a pack, and sees the balances on the account', async () => {
    const page = await signIn(stack, demoEmail('manager', tenant.slug));
    const csp = watchCsp(page.context());
    await page.getByTestId('nav-psa-contracts').click();
    await page.waitForURL(/\/psa\/contracts/);
    await page.getByTestId('contracts-filter-hour-bank').click();
    await page.waitForURL(/type=hour-bank/);
    const row = page.locator('[data-testid="contract-row"][data-type="hour-bank"]').first();
    await row.waitFor();
    expect(await row.getAttribute('data-remaining')).toBe('90');
    await expectAccessible(page, 'contracts');
    await row.click();
    const panel = page.getByTestId('contract-panel');
    await panel.waitFor();
    const gauge = panel.getByTestId('hour-bank-gauge');
    expect(await gauge.getByRole('meter').getAttribute('aria-valuetext')).toBe('Reste 1 h 30 sur 10 h');
    await panel.locator('[data-testid="ledger-row"][data-kind="consumption"]').waitFor();
    expect(await panel.getByTestId('contract-ledger').innerText()).toContain('Serveur de fichiers lent');
    await expectAccessible(page, 'contract panel');
    // The thresholds, typed as people say them, saved on leaving the field (the contract's fields: psa-forms.browser.test.ts).
    const thresholds = panel.getByTestId('field-alertThresholds');
    expect(await thresholds.inputValue()).toBe('20 %, 2 h');
    await thresholds.fill('25 %, 1 h 30');
    await thresholds.press('Tab');
    await expectEventually(async () => (await stack.t.admin('psaContracts').where({ id: contractId }).first('alertThresholds')).alertThresholds, (v) => expect(v).toEqual([{ percent: 25 }, { minutes: 90 }]));

    await panel.getByTestId('contract-buy-pack').click();
    await page.getByTestId('contract-pack-submit').click();
    await panel.getByTestId('contract-notice').waitFor();
    await panel.locator('[data-testid="hour-bank-gauge"][data-remaining="690"]').waitFor();
    // The ledger is read again after the gauge: on a loaded machine its new row may come a moment later.
    await expectEventually(() => panel.locator('[data-testid="ledger-row"][data-kind="purchase"]').count(), (n) => expect(n).toBe(2));
    await expectAccessible(page, 'contract panel after a purchase');

    await page.goto(`${stack.base}/accounts/${accountId}`);
    const block = page.getByTestId('account-contracts');
    await block.locator(`[data-testid="contract-balance-row"][data-contract-id="${contractId}"][data-remaining="690"]`).waitFor();
    await expectAccessible(page, 'account panel');
    expect(csp).toEqual([]);
  });
});
