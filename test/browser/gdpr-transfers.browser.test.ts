import type { Page } from 'playwright-core';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { axeSerious, settle } from '../support/axe';
import { expectEventually, signIn, startBrowserStack, watchCsp, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * « Transferts » in Chromium (issue 15, docs/adr/0030-transfers.md), in an organisation of its own with one
 * partner company's contact: its data protection officer declares a pseudonymised transfer of contacts to a
 * partner network (a third country without its safeguard is refused in French first), reads what is done to
 * each field, previews rows in which the contact's name and e-mail do not appear, and downloads the archive,
 * which is then listed with its checksum. axe finds no critical or serious violation.
 */
describe('the transfers page in the browser', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'transfers-page', ['school']);
    const [account] = await stack.t.admin('accounts').insert({ tenantId: tenant.tenantId, number: 1, name: 'Bretagne Numérique', status: 'active' }).returning('id');
    await stack.t.admin('contacts').insert({ tenantId: tenant.tenantId, accountId: account.id, firstName: 'Yannick', lastName: 'Le Bihan', email: 'yannick.lebihan@bretagne-numerique.example', jobTitle: 'Tuteur' });
  }, 120_000);

  afterAll(() => stack?.close());

  async function expectAccessible(page: Page, where: string): Promise<void> {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  }

  it('the officer declares a transfer, previews it without identities and downloads it', async () => {
    const page = await signIn(stack, demoEmail('dpo', tenant.slug));
    const csp = watchCsp(page.context());
    await page.getByTestId('nav-gdpr-transfers').click();
    await page.waitForURL(/\/gdpr\/transfers/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Transferts de données à des tiers');
    await expectAccessible(page, 'transfers');

    await page.getByTestId('transfer-declare').click();
    const dialog = page.getByTestId('transfer-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('transfer-recipient').locator('input').fill('Réseau Alumni Partenaires');
    await dialog.getByTestId('transfer-zone').click();
    await page.getByRole('option', { name: 'Autre pays (garanties nécessaires)' }).click();
    await dialog.getByTestId('transfer-purpose').locator('textarea').first().fill('Annuaire des entreprises partenaires');
    await dialog.getByTestId('transfer-activity').click();
    await page.getByRole('option', { name: 'Gestion des clients et prospects' }).click();
    await dialog.getByTestId('transfer-table').click();
    await page.getByRole('option', { name: 'contacts' }).click();
    for (const column of ['first_name', 'last_name', 'email', 'job_title']) await dialog.locator(`[data-testid="transfer-field"][data-column="${column}"] input`).check();
    await expectAccessible(page, 'declare dialog');
    await dialog.getByTestId('transfer-save').click();
    await expectEventually(() => dialog.getByTestId('transfer-error').innerText(), (text) => expect(text).toMatch(/^Un destinataire hors de l’Union européenne/));
    expect(await stack.t.admin('gdprTransfers').where({ tenantId: tenant.tenantId }).count('* as n').first()).toEqual({ n: 0 });

    await dialog.getByTestId('transfer-zone').click();
    await page.getByRole('option', { name: 'Union européenne / EEE' }).click();
    await dialog.getByTestId('transfer-save').click();
    await page.getByTestId('transfer-row').first().waitFor();
    const fields = page.getByTestId('transfer-fields');
    expect(await fields.innerText()).toContain('mask:initials');
    expect(await fields.innerText()).toMatch(/job_title[\s\S]*keep[\s\S]*pseudonymise/);

    await page.getByTestId('transfer-preview').click();
    const preview = page.locator('[data-testid="preview-table"][data-table="contacts"]');
    await preview.waitFor();
    const text = await preview.innerText();
    expect(text).toContain('Y.');
    expect(text).toMatch(/pseudo:t1:/);
    expect(text).not.toMatch(/Yannick|Bihan|yannick\.lebihan|Tuteur/);
    await expectAccessible(page, 'preview');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('transfer-download').click()]);
    expect(download.suggestedFilename()).toBe('transfert-Réseau-Alumni-Partenaires.zip');
    await page.getByTestId('transfer-export').first().waitFor();
    expect(await page.getByTestId('transfer-export').first().innerText()).toMatch(/1 ligne exportée .* SHA-256/);
    expect(csp).toEqual([]);
    await page.context().close();
  });
});
