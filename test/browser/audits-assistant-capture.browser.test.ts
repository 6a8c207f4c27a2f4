import { demoEmail } from '../../db/seeds/demo-tenants';
import { auditMissionOnSite } from '../support/audits-fixtures';
import { expectAccessible } from '../support/axe';
import { expectEventually, signIn, startBrowserStack, waitShowing, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * The local assistant while capturing (issue 16, ADR 0037) in Chromium against the real API, on a tablet in
 * landscape (then portrait): the auditor records a Windows Server 2012 on the site, opens « Assistant », asks for suggestions,
 * sees one citing the catalogue's real entry, accepts it, and the check point is on the mission's checklist;
 * then « Depuis la bibliothèque » pre-fills a finding from the library, saved with its entry (one use counted).
 * axe finds no critical or serious violation with the panel open.
 */
const TABLET_LANDSCAPE = { width: 1366, height: 1024 };
const TABLET_PORTRAIT = { width: 1024, height: 1366 };

describe('audits: the assistant on the capture screen', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;
  let missionId: string;
  let pointId: string;
  let libraryId: string;

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'assist-capture', ['audits']);
    const admin = stack.t.admin;
    ({ missionId } = await auditMissionOnSite(admin, tenant));
    [{ id: pointId }] = await admin('auditCheckPoints').insert([
      { tenantId: tenant.tenantId, code: 'SRV-01', scope: 'servers', title: 'Systèmes d’exploitation maintenus par leur éditeur', guidance: 'Un système en fin de support ne reçoit plus de correctif.' },
      { tenantId: tenant.tenantId, code: 'RES-04', scope: 'network', title: 'Protocole SMBv1 désactivé', guidance: 'Vérifier la désactivation de SMBv1.' },
    ]).returning('id');
    [{ id: libraryId }] = await admin('auditLibraryFindings').insert({
      tenantId: tenant.tenantId, title: 'Protocole SMBv1 actif', description: 'Le serveur accepte encore SMBv1.', risk: 'Propagation d’un rançongiciel.',
      recommendation: 'Désactiver SMBv1.', defaultSeverity: 'high',
    }).returning('id');
  }, 120_000);

  afterAll(() => stack?.close());

  it('suggests from what was captured, the accepted check point joins the checklist, a library finding pre-fills the form', async () => {
    const page = await signIn(stack, demoEmail('auditor', tenant.slug), { viewport: TABLET_LANDSCAPE, hasTouch: true });
    await page.goto(`${stack.base}/audits/missions/${missionId}/capture`);
    await waitShowing(page, page.getByTestId('capture-mission'));
    await page.getByTestId('inventory-brand').fill('Dell');
    await page.getByTestId('inventory-model').fill('Windows Server 2012 R2');
    await page.getByTestId('inventory-save').click();
    await page.locator('[data-testid="capture-sync-status"][data-status="synced"]').waitFor({ timeout: 60_000 });

    await page.getByTestId('capture-section-assistant').click();
    await expectEventually(() => page.getByTestId('capture-assistant-context').innerText(), (text) => expect(text).toContain('Windows Server 2012 R2'));
    await page.getByTestId('assistant-suggest').click();
    const cited = page.getByTestId('assistant-suggestion').filter({ hasText: 'SRV-01' });
    await waitShowing(page, cited.first());
    expect(await cited.first().getByTestId('assistant-source').innerText()).toContain('SRV-01 — Systèmes d’exploitation maintenus par leur éditeur');
    expect((await cited.first().getByTestId('assistant-accept').boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await expectAccessible(page, 'capture with the assistant open');
    await page.setViewportSize(TABLET_PORTRAIT);
    for (const id of ['assistant-suggest', 'capture-section-assistant']) expect((await page.getByTestId(id).boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await cited.first().getByTestId('assistant-accept').click();
    await expectEventually(() => page.getByTestId('capture-assistant-done').innerText(), (text) => expect(text).toContain('ajouté à la liste de la mission'));
    const checks = await stack.t.admin('auditMissionChecks').where({ missionId }).select('checkPointId', 'code');
    expect(checks).toEqual([{ checkPointId: pointId, code: 'SRV-01' }]);

    await page.getByTestId('capture-section-findings').click();
    await page.getByTestId('capture-library-open').click();
    await page.getByTestId('capture-library-item').filter({ hasText: 'Protocole SMBv1 actif' }).click();
    await expectEventually(() => page.getByTestId('findings-title').inputValue(), (value) => expect(value).toBe('Protocole SMBv1 actif'));
    expect(await page.getByTestId('findings-severity').getAttribute('data-severity')).toBe('high');
    await page.getByTestId('findings-save').click();
    await expectEventually(() => stack.t.admin('auditFindings').where({ missionId }).select('libraryFindingId', 'title', 'severity'),
      (rows) => expect(rows).toEqual([{ libraryFindingId: libraryId, title: 'Protocole SMBv1 actif', severity: 'high' }]));
    expect((await stack.t.admin('auditLibraryFindings').where({ id: libraryId }).first('usageCount')).usageCount).toBe(1);
    await page.context().close();
  });
});
