import { demoEmail } from '../../db/seeds/demo-tenants';
import { axeSerious, settle } from '../support/axe';
import { expectEventually, signIn, startBrowserStack, watchCsp, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * « Connexions API » in Chromium (issue 17, ADR 0042): a manager connects SNAIC (adapter, address, token, webhook
 * secret); the list then says which credentials are saved and never shows the token; a bad address is refused in
 * French in the form. Support N2 sees the list read-only. axe finds no critical or serious violation.
 */
describe('the telecom connections screen', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'conn-page');
  }, 180_000);
  afterAll(() => stack?.close());

  const accessible = async (page: import('playwright-core').Page, where: string) => {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  };

  it('connects SNAIC without ever showing its token back; support N2 only reads', async () => {
    const page = await signIn(stack, demoEmail('manager', tenant.slug));
    const csp = watchCsp(page.context());
    await page.goto(`${stack.base}/telecom/connections`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Connexions aux opérateurs et à la facturation');
    await expectEventually(() => page.getByTestId('connections-page').innerText(), (text) => expect(text).toContain('tous les opérateurs et systèmes de facturation passent par le bac à sable'));
    await accessible(page, 'empty list');

    await page.getByTestId('connection-add').click();
    const form = page.getByTestId('connection-form');
    await form.getByTestId('connection-key').locator('input').fill('snaic');
    await form.getByTestId('connection-adapter').click();
    await page.getByRole('option', { name: 'SNAIC (mobile)' }).click();
    await form.getByTestId('connection-label').locator('input').fill('SNAIC mobile');
    await form.getByTestId('connection-base-url').locator('input').fill('http://api.snaic.example.com');
    await form.getByTestId('connection-credential-apiToken').locator('input').fill('snaic-secret-token-42');
    await form.getByTestId('connection-webhook-secret').locator('input').fill('snaic-webhook-secret-0123');
    await accessible(page, 'form');
    await form.getByTestId('connection-save').click();
    await expectEventually(() => form.getByTestId('connection-error').innerText(), (text) => expect(text).toContain('doit être une adresse https'));

    await form.getByTestId('connection-base-url').locator('input').fill('https://api.snaic.example.com/v1');
    await form.getByTestId('connection-save').click();
    const row = page.locator('[data-testid="connection-row"][data-key="operator/snaic"]');
    await expectEventually(() => row.innerText(), (text) => expect(text).toContain('Identifiants enregistrés : apiToken'));
    expect(await row.innerText()).toContain(`/api/v1/telecom/operators/snaic/webhook?tenant=${tenant.slug}`);
    expect(await page.content()).not.toContain('snaic-secret-token-42');
    await accessible(page, 'list');
    expect(csp).toEqual([]);

    const n2 = await signIn(stack, demoEmail('support-n2', tenant.slug));
    await n2.goto(`${stack.base}/telecom/connections`);
    await expectEventually(() => n2.getByTestId('connections-page').innerText(), (text) => expect(text).toContain('seuls la direction et les gestionnaires les configurent'));
    expect(await n2.getByTestId('connection-add').count()).toBe(0);
    expect(await n2.getByTestId('connection-row').count()).toBe(1);
  });
});
