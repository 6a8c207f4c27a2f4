import type { Page } from 'playwright-core';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { axeSerious, settle } from '../support/axe';
import { expectEventually, signIn, startBrowserStack, watchCsp, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * « Mes données » and a contact's consents in Chromium against the real API and database (issue 15, ADR 0024),
 * in an organisation of its own: the data protection officer publishes the text of consent; a portal client reaches « Mes données » from the user menu, reads their profile
 * and what Relais holds, gives then withdraws their consent to marketing mails (the ledger keeps both), and
 * asks for the erasure of their data after a confirmation; a collaborator reaches the same page as their user and
 * downloads the copy of their data they asked for; a manager
 * records a contact's consent from the account's panel with its source. axe finds nothing serious.
 */
describe('« Mes données », consents and their texts in the browser', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;
  let accountId: string;
  let contactId: string;

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'mydata');
    [accountId] = (await stack.t.admin('accounts').insert({ tenantId: tenant.tenantId, number: 1, name: 'Boulangerie Lemoine' }).returning('id')).map((r) => r.id as string);
    [contactId] = (await stack.t.admin('contacts').insert([
      { tenantId: tenant.tenantId, accountId, firstName: 'Chloé', lastName: 'Lemoine', email: demoEmail('client', tenant.slug) },
    ]).returning('id')).map((r) => r.id as string);
    await stack.t.admin('users').where({ id: tenant.userIds.client }).update({ accountId });
  }, 120_000);

  afterAll(() => stack?.close());

  async function expectAccessible(page: Page, where: string): Promise<void> {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  }

  async function openMyData(page: Page): Promise<void> {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('my-data-link').click();
    await page.waitForURL(/\/me\/data/);
    await page.getByTestId('my-profile').waitFor();
  }

  it('the data protection officer publishes the text of consent to marketing', async () => {
    const page = await signIn(stack, demoEmail('dpo', tenant.slug));
    await page.getByTestId('nav-gdpr-consent-texts').click();
    await page.waitForURL(/\/gdpr\/consent-texts/);
    const marketing = page.locator('[data-testid="consent-text-purpose"][data-purpose="comms.marketing"]');
    await marketing.waitFor();
    await expectAccessible(page, 'consent texts');
    await marketing.getByTestId('consent-text-publish').click();
    const dialog = page.getByTestId('consent-text-dialog');
    await dialog.waitFor();
    await expectAccessible(page, 'consent text dialog');
    await dialog.getByTestId('consent-text-title').locator('input').fill('Offres de la boulangerie');
    await dialog.getByTestId('consent-text-body').locator('textarea').first().fill('J’accepte de recevoir les offres de la boulangerie par e-mail ou SMS.');
    await dialog.getByTestId('consent-text-save').click();
    await marketing.locator('[data-testid="consent-text"][data-version="1"]').waitFor();
    expect(await marketing.innerText()).toContain('En vigueur');
    await page.context().close();
  });

  it('a portal client gives and withdraws consent from « Mes données », the ledger keeps both', async () => {
    const page = await signIn(stack, demoEmail('client', tenant.slug));
    const csp = watchCsp(page.context());
    await openMyData(page);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Mes données');
    expect(await page.getByTestId('my-profile').innerText()).toContain('Boulangerie Lemoine');
    expect(await page.getByTestId('my-profile').innerText()).toContain('Chloé Lemoine');
    expect(await page.getByTestId('my-counts').locator('[data-kind="identity.accounts"]').count()).toBe(1);
    expect(await page.getByTestId('my-consents').innerText()).toContain('Vos consentements en tant que contact de votre entreprise.');
    const mail = page.locator('[data-testid="consent-purpose"][data-purpose="comms.marketing"] [data-testid="consent-state"][data-channel="mail"]');
    expect(await mail.getAttribute('data-status')).toBe('none');
    await expectAccessible(page, 'my data');

    await mail.getByTestId('consent-grant').click();
    await expectEventually(() => mail.getAttribute('data-status'), (s) => expect(s).toBe('granted'));
    await mail.getByTestId('consent-withdraw').click();
    await expectEventually(() => mail.getAttribute('data-status'), (s) => expect(s).toBe('withdrawn'));
    await expectEventually(() => page.getByTestId('consent-entry').count(), (n) => expect(n).toBe(2));
    expect(await page.getByTestId('consent-ledger').innerText()).toContain('Espace personnel');
    // The grant names the text in force, which the person can read.
    expect(await page.getByTestId('consent-ledger').innerText()).toContain('v1');
    const entries = await stack.t.admin('gdprConsentEntries').where({ tenantId: tenant.tenantId, subjectKind: 'contact', subjectId: contactId }).orderBy('recordedAt').select('decision', 'source');
    expect(entries).toEqual([{ decision: 'opt-in', source: 'portal' }, { decision: 'opt-out', source: 'portal' }]);
    await expectAccessible(page, 'my data after a withdrawal');

    // Erasure is asked after a confirmation; the request shows with its deadline, a month later.
    await page.getByTestId('ask-erasure').click();
    await page.getByTestId('erase-dialog').waitFor();
    await expectAccessible(page, 'erasure confirmation');
    await page.getByTestId('erase-confirm').click();
    const erasure = page.locator('[data-testid="my-request"][data-kind="erasure"]');
    await erasure.waitFor();
    expect(await erasure.innerText()).toContain('réponse au plus tard le');
    const filed = await stack.t.admin('gdprRequests').where({ tenantId: tenant.tenantId, kind: 'erasure' }).select('subjectKind', 'subjectId');
    expect(filed).toEqual([{ subjectKind: 'user', subjectId: tenant.userIds.client }]);
    expect(csp).toEqual([]);
    await page.context().close();
  });

  it('a collaborator reaches « Mes données » as their user', async () => {
    const page = await signIn(stack, demoEmail('accounting', tenant.slug));
    await openMyData(page);
    expect(await page.getByTestId('my-consents').innerText()).toContain('Vos consentements en tant qu’utilisateur.');
    expect(await page.getByTestId('my-profile').innerText()).toContain(demoEmail('accounting', tenant.slug));
    // A copy of my data: the request is answered by the export, downloaded from the page.
    await page.getByTestId('ask-access').click();
    const access = page.locator('[data-testid="my-request"][data-kind="access"]');
    await access.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), access.getByTestId('my-request-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^mes-donnees-\d+\.zip$/);
    await expectAccessible(page, 'my data of a collaborator');
    await page.context().close();
  });

  it('a manager records a contact\'s consent from the account\'s panel, with its source', async () => {
    const page = await signIn(stack, demoEmail('manager', tenant.slug));
    await page.goto(`${stack.base}/accounts/${accountId}`);
    await page.locator(`[data-testid="contact-consents-open"][data-contact-id="${contactId}"]`).click();
    const dialog = page.getByTestId('contact-consents');
    await dialog.waitFor();
    await expectEventually(() => dialog.getByTestId('consent-entry').count(), (n) => expect(n).toBe(2));
    await dialog.getByTestId('consent-source').click();
    await page.getByRole('option', { name: 'Téléphone' }).click();
    await dialog.getByTestId('consent-detail').locator('input').fill('Appel du 3 décembre');
    const sms = dialog.locator('[data-testid="consent-state"][data-channel="sms"]');
    await sms.getByTestId('consent-grant').click();
    await expectEventually(() => sms.getAttribute('data-status'), (s) => expect(s).toBe('granted'));
    expect(await dialog.getByTestId('consent-ledger').innerText()).toContain('Téléphone — Appel du 3 décembre');
    // An existing client's mail consent recorded as a soft opt-in: it allows the marketing mail.
    await dialog.getByTestId('consent-soft').locator('input').check();
    const mail = dialog.locator('[data-testid="consent-state"][data-channel="mail"]');
    await mail.getByTestId('consent-grant').click();
    await expectEventually(() => mail.getAttribute('data-status'), (s) => expect(s).toBe('soft'));
    expect(await mail.getByTestId('consent-withdraw').count()).toBe(1);
    await expectAccessible(page, 'contact consents');
    await page.context().close();
  });
});
