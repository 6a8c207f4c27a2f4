import type { Page } from 'playwright-core';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { axeSerious, settle } from '../support/axe';
import { signIn, startBrowserStack, waitShowing, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { seedLineFleet } from '../support/telecom-lines';

/**
 * SoftWhere's deployments (issue 17, ADR 0044) in Chromium, in an organisation of its own: the manager filters the list
 * by step, opens a deployment beside it (its actions in order with their states, where its process stands) and
 * abandons one never started, with a reason (abandoned at once: nothing was sent). axe finds no critical or serious
 * violation on the list, the panel and the abandon dialog.
 */
describe('telecom: deployments list and panel', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;
  let studied: string;

  async function expectAccessible(page: Page, where: string): Promise<void> {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  }

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'deployments-ui', ['telecom']);
    const admin = stack.t.admin;
    const fleet = await seedLineFleet(admin, tenant.tenantId, 2);
    const insert = async (number: number, title: string, status: string, actions: Array<[string, string, string]>) => {
      const [d] = await admin('telecomDeployments').insert({ tenantId: tenant.tenantId, number, accountId: fleet.accountId, title, status, lineIds: fleet.lineIds }).returning('id');
      await admin('telecomDeploymentActions').insert(actions.map(([side, kind, state], position) => ({
        tenantId: tenant.tenantId, deploymentId: d.id, position, side, kind, status: state, lineId: fleet.lineIds[0], params: JSON.stringify(kind === 'change-subscription' ? { planId: fleet.planIds[1] } : {}),
      })));
      return d.id as string;
    };
    studied = await insert(1, 'Résiliation des lignes inutilisées', 'study', [['supplier', 'terminate-line', 'pending'], ['billing', 'change-subscription', 'pending']]);
    await insert(2, 'Ouverture ligne directeur', 'done', [['supplier', 'create-line', 'done'], ['billing', 'create-service', 'done']]);
  }, 120_000);

  afterAll(() => stack?.close());

  it('the manager filters by step, reads a deployment\'s actions and abandons one never started', async () => {
    const page = await signIn(stack, demoEmail('manager', tenant.slug));
    await page.goto(`${stack.base}/telecom/deployments`);
    await waitShowing(page, page.locator(`[data-deployment-id="${studied}"]`).first());
    await page.getByTestId('deployments-filter-done').click();
    await waitShowing(page, page.getByText('Ouverture ligne directeur'));
    await expectAccessible(page, 'deployments list');
    await page.getByTestId('deployments-filter-done').click();
    await page.locator(`[data-deployment-id="${studied}"]`).first().click();
    const panel = page.getByTestId('deployment-panel');
    await waitShowing(page, panel.getByTestId('deployment-actions').getByText('Résilier la ligne'));
    await expect(panel.getByTestId('deployment-step').textContent()).resolves.toContain('Processus non lancé');
    await expectAccessible(page, 'deployment panel');
    await panel.getByTestId('deployment-abandon').click();
    await page.getByTestId('deployment-abandon-reason').locator('textarea').first().fill('Le client garde ses lignes');
    await expectAccessible(page, 'abandon dialog');
    await page.getByTestId('deployment-abandon-confirm').click();
    await waitShowing(page, panel.getByTestId('deployment-notice'));
    // The panel reloads the deployment after the notice: its status is read once it has.
    await panel.getByTestId('deployment-status').filter({ hasText: 'Abandonné' }).waitFor();
    expect((await stack.t.admin('telecomDeployments').where({ id: studied }).first()).abandonReason).toBe('Le client garde ses lignes');
  });
});
