import type { Page } from 'playwright-core';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { axeSerious, settle } from '../support/axe';
import { signIn, startBrowserStack, waitShowing, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * The process area's screens (issue 16, ADR 0039) on a tablet, in an organisation of its own: the mission
 * lead reads « Historique anonymisé des missions » (no identity, the town and the counts), then postpones a
 * delivered mission's anonymisation once from its panel, with a reason; the button is gone after.
 * axe finds no critical or serious violation on the page, the panel and the dialog.
 */
const TABLET_LANDSCAPE = { width: 1366, height: 1024 };

describe('audits: anonymised history and postponing the anonymisation', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;
  let delivered: string;

  async function expectAccessible(page: Page, where: string): Promise<void> {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  }

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'process-ui', ['audits']);
    const admin = stack.t.admin;
    const [account] = await admin('accounts').insert({ tenantId: tenant.tenantId, number: 1, name: 'Clinique du Port' }).returning('id');
    const deliveredAt = new Date(Date.now() - 5 * 86_400_000);
    const anonymiseOn = new Date(Date.now() + 25 * 86_400_000).toISOString().slice(0, 10);
    [{ id: delivered }] = await admin('auditMissions').insert({
      tenantId: tenant.tenantId, number: 1, accountId: account.id, title: 'Audit réseau livré', status: 'delivered', scopes: ['network'], leadId: tenant.userIds['mission-lead'],
      deliveredAt, anonymiseOn,
    }).returning('id');
    await admin('auditMissionStatistics').insert({
      tenantId: tenant.tenantId, missionId: '00000000-0000-4000-8000-000000000001', month: '2025-10-01', scopes: ['servers'], sector: '86', town: 'Quimper', department: '29',
      sites: 1, daysOnSite: 3, findingsBySeverity: JSON.stringify({ high: 2 }), checksByAnswer: JSON.stringify({ compliant: 12 }), inventoryItems: 9,
    });
  }, 120_000);

  afterAll(() => stack?.close());

  it('the mission lead reads the anonymised history and postpones a delivered mission once, with a reason', async () => {
    const page = await signIn(stack, demoEmail('mission-lead', tenant.slug), { viewport: TABLET_LANDSCAPE, hasTouch: true });
    await page.goto(`${stack.base}/audits/statistics`);
    const row = page.getByTestId('statistics-row').first();
    await waitShowing(page, row);
    await expect(row.textContent()).resolves.toContain('Quimper (29)');
    await expectAccessible(page, 'statistics');

    await page.goto(`${stack.base}/audits/missions/${delivered}`);
    const block = page.getByTestId('mission-process');
    await waitShowing(page, block.getByTestId('mission-anonymise-on'));
    await expectAccessible(page, 'mission panel with its process block');
    await block.getByTestId('mission-postpone').click();
    const dialog = page.getByTestId('mission-postpone-dialog');
    await waitShowing(page, dialog);
    const later = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    await dialog.getByTestId('mission-postpone-until').locator('input').fill(later);
    await dialog.getByTestId('mission-postpone-reason').locator('textarea').first().fill('Contre-audit demandé par le client');
    await expectAccessible(page, 'postpone dialog');
    await dialog.getByTestId('mission-postpone-submit').click();
    await waitShowing(page, block.getByTestId('mission-postponed'));
    await expect(block.getByTestId('mission-postponed').textContent()).resolves.toContain('Contre-audit demandé par le client');
    await expect(block.getByTestId('mission-postpone').count()).resolves.toBe(0);
    const row2 = await stack.t.admin('auditMissions').where({ id: delivered }).first('anonymisationPostponedUntil');
    expect(row2.anonymisationPostponedUntil).toBe(later);
  });
});
