import { demoEmail } from '../../db/seeds/demo-tenants';
import { tenantId } from '../support/api';
import { expectAccessible } from '../support/axe';
import { expectEventually, signIn, startBrowserStack, waitShowing, type BrowserStack } from '../support/browser';

/**
 * A brand's own mail templates in « Marques blanches » (spec 002 §11, ADR 0048), in Debian's Chromium: the demo's
 * Connextoo shows its own client notice; a manager gives BreizhTel Pro a version of the notice (saved at once, in
 * the branding) and takes it back. Axe finds nothing critical or serious on the page.
 */
describe('telecom brand mail templates in the browser', () => {
  let stack: BrowserStack;
  let tenant: string;

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await tenantId(stack.t.admin, 'softwhere');
  });

  afterAll(async () => stack?.close());

  const brandingOf = async (key: string) => (await stack.t.admin('telecomBrandBrandings as g').join('telecomBrands as b', 'b.id', 'g.brandId')
    .where({ 'b.tenantId': tenant, 'b.key': key }).first('g.mailTemplates')).mailTemplates as Record<string, string>;

  it('shows Connextoo\'s own notice, and lets a manager give another brand one and take it back', async () => {
    const page = await signIn(stack, demoEmail('manager', 'softwhere'));
    await page.goto(`${stack.base}/telecom/brands`);
    const connextoo = page.locator('[data-testid="brand-card"][data-key="connextoo"]');
    await waitShowing(page, connextoo.locator('[data-testid="brand-mail-template-row"][data-key="telecom.service-notice"]'));
    await expectAccessible(page, 'telecom brands with mail templates');

    const breizhtel = page.locator('[data-testid="brand-card"][data-key="breizhtel"]');
    await breizhtel.getByTestId('brand-mail-template-key').click();
    await page.getByRole('option', { name: 'telecom.service-notice', exact: true }).click();
    await breizhtel.getByTestId('brand-mail-template-replacement').click();
    await page.getByRole('option', { name: /Information sur vos services \(Connextoo\)/ }).click();
    await breizhtel.getByTestId('brand-mail-template-add').click();
    await waitShowing(page, breizhtel.locator('[data-testid="brand-mail-template-row"][data-key="telecom.service-notice"]'));
    const own = await stack.t.admin('commsTemplates').where({ tenantId: tenant, key: 'telecom.service-notice.connextoo' }).first('id');
    await expectEventually(() => brandingOf('breizhtel'), (m) => expect(m).toEqual({ 'telecom.service-notice': own.id }));

    await breizhtel.getByRole('button', { name: 'Revenir au modèle de l’organisation pour telecom.service-notice' }).click();
    await expectEventually(() => brandingOf('breizhtel'), (m) => expect(m).toEqual({}));
    await breizhtel.locator('[data-testid="brand-mail-template-row"]').waitFor({ state: 'detached' });
  });
});
