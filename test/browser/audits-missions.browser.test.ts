import type { Page } from 'playwright-core';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { axeSerious, settle } from '../support/axe';
import { expectEventually, signIn, startBrowserStack, waitShowing, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * The missions' list and the audits dashboard (issue 16) in Chromium on a tablet (1024×1366, touch),
 * in an organisation of its own: the auditor lands on « Mes missions » and sees only the mission naming
 * them, opens it (its site, its auditors); the mission lead plans its days on site from the panel, the
 * dashboard counts the missions by status, « Nouvelle mission » creates one and « Modifier » names its
 * auditor and the client's site with its days.
 * axe finds no critical or serious violation on the list, the panel and the dashboard.
 */
const TABLET_PORTRAIT = { width: 1024, height: 1366 };

describe('audits: missions list and dashboard on a tablet', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;
  let mine: string;

  async function expectAccessible(page: Page, where: string): Promise<void> {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  }

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'missions-ui', ['audits']);
    const admin = stack.t.admin;
    const [account] = await admin('accounts').insert({ tenantId: tenant.tenantId, number: 1, name: 'Mairie de Quimperlé' }).returning('id');
    const [site] = await admin('sites').insert({ tenantId: tenant.tenantId, accountId: account.id, name: 'Hôtel de ville', city: 'Quimperlé' }).returning('id');
    const insert = async (number: number, title: string, status: string, auditorIds: string[]) => (await admin('auditMissions').insert({
      tenantId: tenant.tenantId, number, accountId: account.id, title, status, scopes: ['network', 'awareness'], startsOn: '2026-12-14', endsOn: '2026-12-15',
      leadId: tenant.userIds['mission-lead'], auditorIds,
    }).returning('id'))[0].id as string;
    mine = await insert(101, 'Audit du réseau de la mairie', 'planned', [tenant.userIds.auditor!]);
    await insert(102, 'Audit documentaire RGPD', 'new', []);
    await admin('auditMissionSites').insert({ tenantId: tenant.tenantId, missionId: mine, siteId: site.id, onSiteFrom: '2026-12-14', onSiteTo: '2026-12-15' });
  }, 120_000);

  afterAll(() => stack?.close());

  it('the auditor lands on « Mes missions », sees only theirs and opens it', async () => {
    const page = await signIn(stack, demoEmail('auditor', tenant.slug), { viewport: TABLET_PORTRAIT, hasTouch: true });
    await page.goto(`${stack.base}/`);
    await waitShowing(page, page.locator(`[data-mission-id="${mine}"]`).first());
    await expectEventually(() => page.getByTestId('mission-row').count(), (n) => expect(n).toBe(1));
    await expect(page.getByTestId('missions-filter-mine').getAttribute('data-active')).resolves.toBe('true');
    const chip = await page.getByTestId('missions-filter-planned').boundingBox();
    expect(chip!.height).toBeGreaterThanOrEqual(44);
    await expectAccessible(page, 'missions list');
    await page.locator(`[data-mission-id="${mine}"]`).first().click();
    const panel = page.getByTestId('mission-panel');
    await waitShowing(page, panel.getByTestId('mission-sites').getByText('Hôtel de ville'));
    await expect(panel.getByTestId('mission-status').textContent()).resolves.toContain('Planifiée');
    await expectAccessible(page, 'mission panel');
  });

  it('the mission lead plans the days on site from the panel, reads the dashboard by status and creates a mission', async () => {
    const page = await signIn(stack, demoEmail('mission-lead', tenant.slug), { viewport: TABLET_PORTRAIT, hasTouch: true });
    await page.goto(`${stack.base}/audits/missions/${mine}`);
    const panel = page.getByTestId('mission-panel');
    await waitShowing(page, panel.getByTestId('mission-plan'));
    await panel.getByTestId('mission-plan').click();
    await waitShowing(page, panel.getByTestId('mission-notice'));
    await expect(panel.getByTestId('mission-notice').textContent()).resolves.toContain('1 jour sur site planifié');
    await expectEventually(() => stack.t.admin('planningEntries').where({ recordId: mine }).count<{ count: string }[]>('id as count'), (rows) => expect(Number(rows[0]!.count)).toBe(1));
    await page.goto(`${stack.base}/audits/dashboard`);
    await waitShowing(page, page.getByTestId('dashboard-status-planned'));
    await expect(page.getByTestId('dashboard-status-planned').textContent()).resolves.toContain('1');
    await expect(page.getByTestId('dashboard-status-new').textContent()).resolves.toContain('1');
    await expectAccessible(page, 'dashboard');

    // « Nouvelle mission » from the list: its client, title, dates; it opens beside the list.
    await page.goto(`${stack.base}/audits/missions`);
    await page.getByTestId('mission-create').click();
    await page.getByTestId('mission-create-dialog').waitFor();
    await page.getByTestId('mission-create-account').locator('input').fill('Quimperlé');
    await page.locator('[data-testid="mission-create-account-option"]').first().click();
    await page.getByTestId('mission-create-title').fill('Audit de la messagerie');
    await page.getByTestId('mission-create-startsOn').fill('2027-02-01');
    await expectAccessible(page, 'mission create');
    await page.getByTestId('mission-create-submit').click();
    await waitShowing(page, page.getByTestId('mission-panel').getByTestId('mission-status'));
    expect(await stack.t.admin('auditMissions').where({ tenantId: tenant.tenantId, title: 'Audit de la messagerie' }).first('status', 'leadId', 'startsOn'))
      .toEqual({ status: 'new', leadId: tenant.userIds['mission-lead'], startsOn: '2027-02-01' });

    // « Modifier »: a second scope, an auditor from the agenda's people, the client's site with its days.
    const created = await stack.t.admin('auditMissions').where({ tenantId: tenant.tenantId, title: 'Audit de la messagerie' }).first('id');
    const auditor = await stack.t.admin('users').where({ id: tenant.userIds.auditor }).first('displayName');
    const panel2 = page.getByTestId('mission-panel');
    await panel2.getByTestId('mission-edit-open').click();
    const dialog = page.getByTestId('mission-edit');
    await waitShowing(page, dialog.getByText('Hôtel de ville (Quimperlé)'));
    await dialog.getByTestId('mission-edit-auditors').click();
    await page.getByRole('option', { name: auditor.displayName }).click();
    await page.keyboard.press('Escape');
    await dialog.getByText('Hôtel de ville (Quimperlé)').click();
    await dialog.getByLabel('Sur site du').fill('2027-02-01');
    await dialog.getByLabel('au', { exact: true }).fill('2027-02-02');
    await expectAccessible(page, 'mission edit');
    await dialog.getByTestId('mission-edit-save').click();
    await waitShowing(page, panel2.getByTestId('mission-sites').getByText('Hôtel de ville'));
    await expect(panel2.getByTestId('mission-auditors').textContent()).resolves.toContain(auditor.displayName);
    expect(await stack.t.admin('auditMissions').where({ id: created.id }).first('auditorIds')).toEqual({ auditorIds: [tenant.userIds.auditor] });
    expect(await stack.t.admin('auditMissionSites').where({ missionId: created.id }).first('onSiteFrom', 'onSiteTo')).toEqual({ onSiteFrom: '2027-02-01', onSiteTo: '2027-02-02' });
  });
});
