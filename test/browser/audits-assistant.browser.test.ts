import { demoEmail } from '../../db/seeds/demo-tenants';
import { expectAccessible } from '../support/axe';
import { auditMission } from '../support/audits-fixtures';
import { expectEventually, signIn, startBrowserStack, waitShowing, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * The local assistant (issue 16, ADR 0037) in Chromium against the real API, in an organisation of its own:
 * on a tablet, the auditor describes what they met, gets suggestions each showing its source, accepts one and
 * edits another with buttons of at least 44 px, and the server keeps both decisions; the mission lead's
 * settings page shows the French refusal of a public host under the host field, nothing saved. axe finds no
 * critical or serious violation.
 */
const TABLET_LANDSCAPE = { width: 1366, height: 1024 };

describe('audits: the local assistant in the browser', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;
  let missionId: string;

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'assistant-ui', ['audits']);
    missionId = await auditMission(stack.t.admin, tenant, 1, [tenant.userIds.auditor!]);
    await stack.t.admin('auditCheckPoints').insert([
      { tenantId: tenant.tenantId, code: 'SRV-01', scope: 'servers', title: 'Systèmes d’exploitation maintenus par leur éditeur', guidance: 'Un système en fin de support ne reçoit plus de correctif.' },
      { tenantId: tenant.tenantId, code: 'RES-04', scope: 'network', title: 'Protocole SMBv1 désactivé', guidance: 'Vérifier la désactivation de SMBv1.' },
    ]);
  }, 120_000);

  afterAll(() => stack?.close());

  it('the auditor gets suggestions with their sources on a tablet, accepts one and edits another', async () => {
    const page = await signIn(stack, demoEmail('auditor', tenant.slug), { viewport: TABLET_LANDSCAPE, hasTouch: true });
    await page.goto(`${stack.base}/audits/missions/${missionId}/assistant`);
    await waitShowing(page, page.getByTestId('assistant-empty'));
    await page.getByTestId('assistant-context').locator('textarea').first().fill('Salle serveur : Windows Server 2012 R2, partage SMBv1 actif.');
    await page.getByTestId('assistant-suggest').click();
    const cards = page.getByTestId('assistant-suggestion');
    await expectEventually(() => cards.count(), (n) => expect(n).toBeGreaterThanOrEqual(2));
    await expectAccessible(page, 'assistant panel');
    const sources = await page.getByTestId('assistant-source').allInnerTexts();
    expect(sources.join('\n')).toContain('SRV-01 — Systèmes d’exploitation maintenus par leur éditeur');
    for (const id of ['assistant-accept', 'assistant-edit', 'assistant-reject']) expect((await cards.first().getByTestId(id).boundingBox())!.height).toBeGreaterThanOrEqual(44);

    const first = await cards.first().getAttribute('data-id');
    await cards.first().getByTestId('assistant-accept').click();
    await expectEventually(() => page.locator(`[data-testid="assistant-suggestion"][data-id="${first}"]`).count(), (n) => expect(n).toBe(0));
    const second = await cards.first().getAttribute('data-id');
    await cards.first().getByTestId('assistant-edit').click();
    await cards.first().getByTestId('assistant-edit-text').locator('textarea').first().fill('Vérifier SMBv1 sur le serveur de fichiers.');
    await cards.first().getByTestId('assistant-save').click();
    await expectEventually(() => page.locator(`[data-testid="assistant-suggestion"][data-id="${second}"]`).count(), (n) => expect(n).toBe(0));
    const kept = await stack.t.admin('assistantSuggestions').whereIn('id', [first!, second!]).orderBy('status').select('status', 'decidedBy');
    expect(kept).toEqual([{ status: 'accepted', decidedBy: tenant.userIds.auditor }, { status: 'edited', decidedBy: tenant.userIds.auditor }]);
    await page.context().close();
  });

  it('the mission lead sees the French refusal of a public host, and nothing is saved', async () => {
    const page = await signIn(stack, demoEmail('mission-lead', tenant.slug));
    await page.goto(`${stack.base}/audits/assistant`);
    await waitShowing(page, page.getByTestId('assistant-provider'));
    await page.getByLabel('Ollama (modèle local)').check();
    await page.getByTestId('assistant-host').locator('input').fill('8.8.8.8');
    await page.getByTestId('assistant-model').locator('input').fill('mistral');
    await page.getByTestId('assistant-settings-save').click();
    await expectEventually(() => page.getByTestId('assistant-host').innerText(), (text) => expect(text).toContain('Cet hôte mène à Internet'));
    await expectAccessible(page, 'assistant settings');
    expect(await stack.t.admin('assistantSettings').where({ tenantId: tenant.tenantId })).toEqual([]);
    await page.context().close();
  });
});
