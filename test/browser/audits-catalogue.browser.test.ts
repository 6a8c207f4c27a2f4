import request from 'supertest';
import type { Page } from 'playwright-core';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { loginAs } from '../support/api';
import { axeSerious, settle } from '../support/axe';
import { expectEventually, signIn, startBrowserStack, waitShowing, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * The control catalogue, the finding library and a mission's checklist (issue 16) in Chromium against the
 * real API, in an organisation of its own: the mission lead finds a check point by a French word and edits
 * it (version 2); the auditor, on a tablet, answers a check with the large buttons (≥ 44 px) and writes its
 * observation, which the server holds. axe finds no critical or serious violation on the three screens.
 */
const TABLET_PORTRAIT = { width: 1024, height: 1366 };

describe('audits: catalogue, library and checklist in the browser', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;
  let missionId: string;

  async function expectAccessible(page: Page, where: string): Promise<void> {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  }

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'catalogue-ui', ['audits']);
    const admin = stack.t.admin;
    const [account] = await admin('accounts').insert({ tenantId: tenant.tenantId, number: 1, name: 'Clinique Saint-Michel' }).returning('id');
    const [mission] = await admin('auditMissions').insert({
      tenantId: tenant.tenantId, number: 1, accountId: account.id, title: 'Audit de sécurité 2026', status: 'on_site',
      scopes: ['network'], leadId: tenant.userIds['mission-lead'], auditorIds: [tenant.userIds.auditor],
    }).returning('id');
    missionId = mission.id;
    const { accessToken } = await loginAs(stack.t.app, 'mission-lead', tenant.slug);
    const post = (url: string, body: object) => request(stack.t.app).post(url).set('Authorization', `Bearer ${accessToken}`).send(body);
    await post('/api/v1/audits/catalogue', { code: 'RES-01', scope: 'network', title: 'Wi-Fi invités séparé du réseau interne', references: ['ANSSI Guide d’hygiène informatique, mesure 20'], appliesTo: ['wifi'] }).expect(201);
    await post('/api/v1/audits/catalogue', { code: 'RES-02', scope: 'network', title: 'Pare-feu en coupure avec Internet', guidance: 'Relever la politique de filtrage.' }).expect(201);
    await post('/api/v1/audits/findings-library', { title: 'Protocole SMBv1 activé', risk: 'Propagation de rançongiciels.', defaultSeverity: 'high' }).expect(201);
    await post(`/api/v1/audits/missions/${missionId}/checks`, { scopes: ['network'] }).expect(201);
  }, 120_000);

  afterAll(() => stack?.close());

  it('the mission lead searches the catalogue, edits a point into its version 2, and reads the library', async () => {
    const page = await signIn(stack, demoEmail('mission-lead', tenant.slug));
    await page.goto(`${stack.base}/audits/catalogue`);
    await waitShowing(page, page.locator('[data-testid="check-point"][data-code="RES-02"]'));
    await expectAccessible(page, 'catalogue');
    await page.getByTestId('catalogue-search').locator('input').fill('pare-feu');
    await expectEventually(() => page.getByTestId('check-point').count(), (n) => expect(n).toBe(1));

    await page.getByTestId('check-point-edit').click();
    const dialog = page.getByTestId('check-point-dialog');
    await dialog.waitFor();
    await expectAccessible(page, 'check point dialog');
    await dialog.getByTestId('check-point-guidance').locator('textarea').first().fill('Relever la politique de filtrage et sa date de revue.');
    await dialog.getByTestId('check-point-save').click();
    await expectEventually(() => page.getByTestId('catalogue-snackbar').innerText(), (text) => expect(text).toContain('version 2'));
    const current = await stack.t.admin('auditCheckPoints').where({ tenantId: tenant.tenantId, code: 'RES-02' }).whereNull('retiredAt').first('catalogueVersion', 'guidance');
    expect(current).toEqual({ catalogueVersion: 2, guidance: 'Relever la politique de filtrage et sa date de revue.' });

    await page.goto(`${stack.base}/audits/findings-library`);
    await waitShowing(page, page.getByTestId('library-finding'));
    await expectAccessible(page, 'library');
    await page.context().close();
  });

  it('the auditor answers a check on a tablet with large buttons, and the server keeps it', async () => {
    const page = await signIn(stack, demoEmail('auditor', tenant.slug), { viewport: TABLET_PORTRAIT, hasTouch: true });
    await page.goto(`${stack.base}/audits/missions/${missionId}/checklist`);
    const check = page.locator('[data-testid="mission-check"][data-code="RES-01"]');
    await waitShowing(page, check);
    await expectAccessible(page, 'checklist');
    const button = check.getByTestId('check-answer-non_compliant');
    const box = await button.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await button.click();
    await expectEventually(() => check.getAttribute('data-answer'), (a) => expect(a).toBe('non_compliant'));
    await check.getByTestId('check-observation').locator('textarea').first().fill('Le Wi-Fi invités atteint le serveur de fichiers.');
    await page.getByRole('heading', { level: 1 }).click();
    await check.getByTestId('check-saved').waitFor();
    await expectEventually(
      () => stack.t.admin('auditMissionChecks').where({ missionId, code: 'RES-01' }).first('answer', 'observation', 'answeredBy'),
      (row) => expect(row).toEqual({ answer: 'non_compliant', observation: 'Le Wi-Fi invités atteint le serveur de fichiers.', answeredBy: tenant.userIds.auditor }),
    );
    expect(await page.getByTestId('checklist-progress').innerText()).toBe('1 sur 2 contrôles vérifiés');
    await page.context().close();
  });
});
