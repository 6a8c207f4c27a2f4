import type { Page } from 'playwright-core';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { axeSerious, settle } from '../support/axe';
import { expectEventually as eventually, signIn, startBrowserStack, waitShowing, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { seedLineFleet, type LineFleet } from '../support/telecom-lines';

/**
 * SoftWhere's lines and their durable bulk actions (issue 17, ADR 0043) in Chromium, in an organisation of its own:
 * the manager ticks the first page of 60 lines, selects « tous ceux qui correspondent au filtre » across pages,
 * changes their plan (choice, confirmation), follows the run to its end and reads the refused lines (the terminated
 * ones, with the reason). axe finds no critical or serious violation on the list with its selection, the
 * confirmation and the report.
 */
describe('telecom: lines selection and durable bulk action', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;
  let fleet: LineFleet;

  async function expectAccessible(page: Page, where: string): Promise<void> {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  }

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'bulk-ui', ['telecom']);
    // More than a page (50): every tenth line terminated.
    fleet = await seedLineFleet(stack.t.admin, tenant.tenantId, 60, 10);
  }, 120_000);

  afterAll(() => stack?.close());

  it('changes the plan of every line of the filter across pages and reports the refused ones', async () => {
    const page = await signIn(stack, demoEmail('manager', tenant.slug));
    // As the account panel's fleet links to it: the fleet's lines, the filter shown.
    await page.goto(`${stack.base}/telecom/lines?fleetId=${fleet.fleetId}`);
    await eventually(() => page.getByTestId('line-row').count(), (v) => expect(v).toBe(50), 60_000);
    await waitShowing(page, page.getByTestId('lines-filter-fleetId'));
    await page.getByTestId('lines-table').locator('thead input[type="checkbox"]').check();
    await page.getByTestId('bulk-bar').waitFor();
    await page.getByTestId('bulk-select-all-matching').click();
    expect(await page.getByTestId('bulk-count').getAttribute('data-all-matching')).toBe('true');
    await expectAccessible(page, 'lines with the selection');

    // A choice clicked while its menu is still opening can be lost: open and choose until the confirmation shows.
    const confirm = page.getByTestId('bulk-confirm-dialog');
    await eventually(async () => {
      if (!(await confirm.isVisible())) {
        const choice = page.getByTestId(`bulk-choice-${fleet.planIds[1]}`);
        if (!(await choice.isVisible())) await page.getByTestId('bulk-action-change-plan').click();
        await choice.click({ timeout: 10_000 }).catch(() => undefined);
      }
      return confirm.isVisible();
    }, (v) => expect(v).toBe(true), 60_000);
    expect(await page.getByTestId('bulk-confirm-text').textContent()).toContain('Pro 100 Go');
    await expectAccessible(page, 'bulk confirmation');
    const started = page.waitForResponse((r) => r.url().endsWith('/api/v1/telecom/bulk') && r.request().method() === 'POST');
    await page.getByTestId('bulk-confirm-submit').click();
    const answer = await started;
    expect(answer.status()).toBe(202);
    expect(answer.request().postDataJSON()).toMatchObject({ action: 'change-plan', filter: { fleetId: fleet.fleetId }, params: { planId: fleet.planIds[1] } });

    const status = page.getByTestId('bulk-run-status');
    await eventually(() => status.getAttribute('data-status'), (v) => expect(v).toBe('completed'), 90_000);
    expect(await page.getByTestId('bulk-run-count-done').getAttribute('data-count')).toBe('54');
    expect(await page.getByTestId('bulk-run-count-refused').getAttribute('data-count')).toBe('6');
    await page.getByTestId('bulk-run-filter-refused').click();
    await eventually(() => page.locator('[data-testid="bulk-run-item"][data-outcome="refused"]').count(), (v) => expect(v).toBe(6), 30_000);
    await waitShowing(page, page.getByText(/résiliée/).first());
    expect(await page.getByTestId('bulk-run-retry').count()).toBe(0);
    await expectAccessible(page, 'bulk report');
  });
});
