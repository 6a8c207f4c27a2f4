import { demoEmail } from '../../db/seeds/demo-tenants';
import { axeSerious, settle } from '../support/axe';
import { expectEventually, signIn, startBrowserStack, watchCsp, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { buildControlWorld, NOVEMBER_CSV } from '../support/telecom-control-fixtures';

/**
 * « Contrôle facturation » in Chromium (issue 17, ADR 0045), in the control's small known world: accounting imports
 * an operator's CSV (a bad file first: every bad row listed, nothing imported), runs November's control from the
 * report, opens an anomaly beside the list and resolves it with the money recovered. axe finds no critical or
 * serious violation on each screen. The account's panel then names the anomalies still to fix.
 */
describe('the billing control in the browser', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;
  let accountId: string;

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'control-page');
    ({ accountId } = await buildControlWorld(stack.t.admin, stack.t.knex, tenant.tenantId));
  }, 180_000);
  afterAll(() => stack?.close());

  /** Money as the page writes it, with its narrow no-break spaces read as spaces. */
  const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
  const accessible = async (page: import('playwright-core').Page, where: string) => {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  };

  it('imports, controls, lists and resolves', async () => {
    const page = await signIn(stack, demoEmail('accounting', tenant.slug));
    const csp = watchCsp(page.context());
    await page.goto(`${stack.base}/telecom/control`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Contrôle facturation');
    await page.getByTestId('control-tab-import').click();
    await page.getByTestId('import-period').locator('input').fill('2026-11');
    await page.getByTestId('import-reference').locator('input').fill('FAC-SNAIC-202611');
    await page.getByTestId('import-file').locator('input[type=file]').setInputFiles({ name: 'snaic.csv', mimeType: 'text/csv', buffer: Buffer.from('numéro;code produit;période;montant\n0611111111;;11/2026;vingt\n') });
    await page.getByTestId('import-submit').click();
    await expectEventually(() => page.getByTestId('import-problems').innerText(), (text) => expect(text).toContain('Ligne 2 : « vingt » n’est pas un montant en euros, comme 12,50'));
    expect(await page.getByTestId('import-error').innerText()).toContain('Rien n’a été importé');
    await accessible(page, 'import refused');
    await page.getByTestId('import-file').locator('input[type=file]').setInputFiles({ name: 'snaic.csv', mimeType: 'text/csv', buffer: Buffer.from(NOVEMBER_CSV) });
    await page.getByTestId('import-submit').click();
    await expectEventually(() => page.getByTestId('import-notice').innerText(), (text) => expect(plain(text)).toBe('Facture importée : 4 ligne(s), 82,00 €.'));

    await page.getByTestId('control-tab-report').click();
    await page.getByTestId('control-report-period').locator('input').fill('2026-11');
    await page.getByTestId('control-run').click();
    await expectEventually(() => page.getByTestId('control-run-notice').innerText(), (text) => expect(text).toBe('Contrôle fait : 3 anomalie(s) constatée(s), 3 nouvelle(s), 0 résolue(s).'));
    await accessible(page, 'report');

    await page.getByTestId('control-tab-anomalies').click();
    const rows = page.getByTestId('anomalies-table').locator('tr[data-anomaly-id]');
    await expectEventually(() => rows.count(), (n) => expect(n).toBe(3));
    await page.getByTestId('anomalies-kind-purchase-price-gap').click();
    await expectEventually(() => rows.count(), (n) => expect(n).toBe(1));
    await accessible(page, 'anomalies');
    await rows.first().click();
    const panel = page.getByTestId('anomaly-panel');
    await expectEventually(() => panel.getByTestId('anomaly-monthly-loss').innerText(), (text) => expect(plain(text)).toBe('2,00 €'));
    await panel.getByTestId('anomaly-recovered-input').locator('input').fill('2,00');
    await panel.getByTestId('anomaly-resolve').click();
    await expectEventually(() => panel.getByTestId('anomaly-status').innerText(), (text) => expect(text).toBe('Résolue'));
    expect(plain(await panel.getByTestId('anomaly-recovered').innerText())).toBe('2,00 €');
    await accessible(page, 'anomaly resolved');

    // The account's panel names what is still to fix.
    await page.goto(`${stack.base}/accounts/${accountId}`);
    await expectEventually(() => page.getByTestId('account-anomalies-summary').innerText(), (text) => expect(plain(text)).toBe('2 anomalie(s) à corriger, 49,90 € de perte mensuelle'));
    await accessible(page, 'the account panel with its anomalies');
    expect(csp).toEqual([]);
  });
});
