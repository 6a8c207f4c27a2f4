import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { loginAs, type TestContext } from '../support/api';
import { axeSerious, settle } from '../support/axe';
import { expectEventually, LAPTOP, signIn as signInAs, startBrowserStack, watchCsp, type BrowserStack } from '../support/browser';
import { createOwnTenant } from '../support/fixtures';
import { ROOT } from '../support/paths';

/** Text as read, with the narrow and non-breaking spaces of French number formats made plain. */
const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ');
const SHOTS = process.env.RELAIS_SCREENSHOTS === '1' ? path.join(ROOT, 'docs/screenshots') : null;

/**
 * Billing in Debian's Chromium against the real API and database, as the MSP's administrator (who
 * may issue invoices): « Facturation » in the menu; a draft invoice for a client, its lines typed in
 * place with the totals computed live (the server's rules: per-line rounding, VAT per rate), saved
 * as they are typed; issued (its number appears, it becomes read only); a partial payment (« Partiellement
 * payée », what remains due); its PDF previewed; a credit note for the rest; the account's panel showing
 * its invoices and balance; the legal profile page. Drafts issued together from the list, with a report
 * per invoice. A quote sent, accepted, its deposit invoice made. An organisation whose legal profile is
 * incomplete told so in French on issue, led to the profile. axe finds no critical or serious violation
 * on any screen visited. A person without billing grants does not see the menu nor open the screens.
 */
describe('billing in the browser', () => {
  let stack: BrowserStack;
  let t: TestContext;
  let base: string;

  beforeAll(async () => {
    stack = await startBrowserStack();
    ({ t, base } = stack);
    if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(() => stack?.close());

  const signIn = (email: string): Promise<Page> => signInAs(stack, email, { viewport: LAPTOP });

  /**
   * No critical or serious axe violation on the whole page. With RELAIS_SCREENSHOTS=1, the screens
   * docs/screenshots shows are saved there (`shot`: the part of the page to bring into view first).
   */
  async function expectAccessible(page: Page, where: string, shot?: { show?: string }): Promise<void> {
    await settle(page);
    if (SHOTS && shot) {
      if (shot.show) await page.getByTestId(shot.show).scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, `msp-billing-${where}.png`) });
    }
    const findings = await axeSerious(page);
    expect({ where, findings }).toEqual({ where, findings: [] });
  }

  const saved = (page: Page) => page.locator('[data-testid="save-status"][data-status="saved"]').waitFor({ timeout: 30_000 });
  const cents = async (page: Page, testId: string) => Number(await page.getByTestId(testId).getAttribute('data-cents'));

  /** Picks a value of a Vuetify select by its text. */
  async function choose(page: Page, select: ReturnType<Page['getByTestId']>, text: string): Promise<void> {
    await select.click();
    await page.locator('.v-overlay--active .v-list-item').filter({ hasText: text }).first().click();
  }

  it('drafts an invoice with live totals, issues it, records a partial payment and credits the rest', async () => {
    const page = await signIn('admin@msp.demo');
    const cspViolations = watchCsp(page.context());
    const account = await t.admin('accounts').join('tenants', 'tenants.id', 'accounts.tenantId')
      .where({ 'tenants.slug': 'msp', 'accounts.name': 'Garage Renault Pornic' }).first('accounts.id');

    // « Facturation » in the menu; the invoices list, overdue first, its filters in the URL.
    await page.getByTestId('nav-billing').waitFor();
    await page.getByTestId('nav-billing-invoices').click();
    await page.getByTestId('invoices-table').waitFor();
    await page.getByTestId('invoices-filter-overdue').click();
    await page.waitForURL(/overdue=true/);
    await page.getByTestId('invoices-filter-overdue').click();
    await expectAccessible(page, 'invoices', {});

    // A draft for the garage: the client found by name.
    await page.getByTestId('invoice-create').click();
    await page.getByTestId('invoice-create-dialog').waitFor();
    await page.getByTestId('invoice-create-account').locator('input').fill('Garage Renault');
    await page.locator(`[data-testid="invoice-create-account-option"][data-id="${account.id}"]`).click();
    await expectAccessible(page, 'invoice-create');
    await page.getByTestId('invoice-create-submit').click();
    const panel = page.getByTestId('invoice-panel');
    await panel.waitFor({ timeout: 30_000 });
    // The panel opens before its record has loaded: its number and id follow.
    await expectEventually(() => page.getByTestId('panel-number').textContent(), (text) => expect(text).toContain('Brouillon'));
    const invoiceId = (await panel.getAttribute('data-invoice-id'))!;
    expect(await t.admin('billingInvoices').where({ id: invoiceId }).first('status', 'number')).toEqual({ status: 'draft', number: null });

    // Lines typed in place: the designation makes a line, the totals follow each keystroke.
    await panel.getByTestId('line-new').getByTestId('line-description').fill('Contrat d’infogérance — mars');
    const first = panel.getByTestId('line-row').nth(0);
    await first.getByTestId('line-quantity').fill('2');
    await first.getByTestId('line-unitPrice').fill('150,00');
    // Typed key by key: the first letter makes the line, which keeps its place and the focus.
    await panel.getByTestId('line-new').getByTestId('line-description').pressSequentially('Intervention sur site');
    const second = panel.getByTestId('line-row').nth(1);
    expect(await second.getByTestId('line-description').inputValue()).toBe('Intervention sur site');
    await second.getByTestId('line-quantity').fill('1,5');
    await choose(page, second.getByTestId('line-unit'), 'heure');
    await second.getByTestId('line-unitPrice').fill('80');
    await second.getByTestId('line-discount').fill('10');
    await choose(page, second.getByTestId('line-vatRate'), '10 %');
    // 2 × 150 = 300.00 at 20 %; 1.5 h × 80 − 10 % = 108.00 at 10 %: VAT 60.00 + 10.80, total 478.80.
    await page.waitForFunction(() => document.querySelector('[data-testid="total-includingTax"]')?.getAttribute('data-cents') === '47880');
    expect(await cents(page, 'total-excludingTax')).toBe(40_800);
    expect(await cents(page, 'total-tax')).toBe(7_080);
    expect(plain(await second.getByTestId('line-net').textContent())).toBe('108,00 €');
    await saved(page);
    expect(await t.admin('billingInvoices').where({ id: invoiceId }).first('totalIncludingTaxCents')).toEqual({ totalIncludingTaxCents: 47_880 });
    await expectAccessible(page, 'invoice-draft', {});

    // Issued: numbered, read only.
    await panel.getByTestId('invoice-issue').click();
    await page.getByTestId('invoice-issue-dialog').waitFor();
    await expectAccessible(page, 'invoice-issue');
    await page.getByTestId('invoice-issue-submit').click();
    await panel.locator('[data-testid="billing-status-chip"][data-status="issued"]').waitFor({ timeout: 30_000 });
    const issued = await t.admin('billingInvoices').where({ id: invoiceId }).first('number', 'status');
    // Issued, then « Envoyée » as soon as the dunning process has mailed it.
    expect(issued).toMatchObject({ status: expect.stringMatching(/^(issued|sent)$/), number: expect.stringMatching(/\d/) });
    expect(await page.getByTestId('panel-number').textContent()).toContain(issued.number);
    expect(await panel.getByTestId('line-new').count()).toBe(0);
    await panel.getByTestId('panel-read-only').waitFor();
    const row = page.locator(`[data-testid="invoice-row"][data-invoice-id="${invoiceId}"]`);
    await row.getByText(issued.number).waitFor();

    // Its PDF, as the client receives it, previewed in the page (fetched with the session, shown from a blob: URL).
    await panel.getByTestId('invoice-pdf').click();
    const frame = page.getByTestId('pdf-frame');
    await frame.waitFor({ timeout: 30_000 });
    expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    expect(Number(await frame.getAttribute('data-size'))).toBeGreaterThan(1000);
    await page.getByTestId('pdf-download').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('pdf-dialog').waitFor({ state: 'detached' });
    expect(cspViolations).toEqual([]);

    // A partial payment: « Partiellement payée », what remains due.
    await panel.getByTestId('invoice-payment').click();
    await page.getByTestId('payment-dialog').waitFor();
    await page.getByTestId('payment-amount').fill('200');
    await expectAccessible(page, 'invoice-payment');
    await page.getByTestId('payment-submit').click();
    await panel.locator('[data-testid="billing-status-chip"][data-status="partially_paid"]').waitFor({ timeout: 30_000 });
    await panel.getByTestId('payment-row').first().waitFor();
    expect(await cents(page, 'total-due')).toBe(27_880);
    expect(await t.admin('billingInvoices').where({ id: invoiceId }).first('status', 'amountDueCents')).toEqual({ status: 'partially_paid', amountDueCents: 27_880 });
    await panel.getByTestId('history-timeline').getByText('a émis la facture').waitFor();
    // Its dunning (the billing.invoice-dunning process) shows beside its payments.
    await panel.getByTestId('dunning-state').waitFor();
    await expectAccessible(page, 'invoice-issued', { show: 'totals' });

    // A credit note cancels the rest; what was paid goes to the client's credit.
    await panel.getByTestId('invoice-credit-note').click();
    await page.getByTestId('invoice-credit-note-dialog').waitFor();
    await page.getByTestId('invoice-credit-note-reason').fill('Contrat résilié au 1er mars');
    await page.getByTestId('invoice-credit-note-submit').click();
    await panel.getByTestId('credit-note-row').first().waitFor({ timeout: 30_000 });
    const note = await t.admin('billingCreditNotes').where({ invoiceId }).first('id', 'number', 'status', 'totalIncludingTaxCents');
    expect(note).toMatchObject({ status: 'issued', number: expect.stringMatching(/\d/) });
    expect(plain(await panel.getByTestId('invoice-notice').textContent())).toContain(note.number);
    await panel.locator('[data-testid="billing-status-chip"][data-status="cancelled"]').waitFor({ timeout: 30_000 });

    // The credit note in its list and panel.
    await panel.getByTestId('credit-note-row').first().click();
    const notePanel = page.getByTestId('credit-note-panel');
    await notePanel.waitFor();
    await page.getByTestId('panel-number').filter({ hasText: note.number }).waitFor();
    await page.locator(`[data-testid="credit-note-row"][data-credit-note-id="${note.id}"]`).waitFor();
    await expectAccessible(page, 'credit-note');

    // The account's panel: its invoices and its balance.
    await page.goto(`${base}/accounts/${account.id}`);
    const billing = page.getByTestId('account-billing');
    await billing.waitFor({ timeout: 30_000 });
    await billing.locator(`[data-testid="account-invoice-row"][data-id="${invoiceId}"]`).waitFor();
    await billing.getByTestId('account-balance-due').waitFor();
    await expectAccessible(page, 'account', { show: 'account-billing' });
    // « Nouvelle facture » from the account: the invoices of this client, the new draft's client already chosen.
    await billing.getByTestId('account-invoice-create').click();
    await page.getByTestId('invoice-create-dialog').waitFor();
    expect(new URL(page.url()).searchParams.get('client')).toBe(account.id);
    await page.getByTestId('invoice-create-account').locator('.v-autocomplete__selection').getByText('Garage Renault Pornic').waitFor();
    await page.keyboard.press('Escape');

    // The quotes and the legal profile.
    await page.getByTestId('nav-billing-quotes').click();
    await page.getByTestId('quotes-table').waitFor();
    await expectAccessible(page, 'quotes');
    await page.getByTestId('nav-billing-settings').click();
    await page.getByTestId('billing-settings').waitFor();
    await page.getByTestId('profile-complete').waitFor({ timeout: 30_000 });
    await expectAccessible(page, 'settings', {});

    // The client's credit (what it had paid on the cancelled invoice) pays part of its next invoice, and a
    // card payment link (the sandbox's page) is kept on that invoice for the rest.
    const { accessToken } = await loginAs(t.app, 'admin', 'msp');
    const asAdmin = (method: 'get' | 'post', url: string) => request(t.app)[method](url).set('Authorization', `Bearer ${accessToken}`);
    const credit = (await asAdmin('get', `/api/v1/billing/accounts/${account.id}/balance`)).body.creditCents as number;
    expect(credit).toBeGreaterThanOrEqual(20_000);
    const next = await asAdmin('post', '/api/v1/billing/invoices')
      .send({ accountId: account.id, lines: [{ description: 'Migration de la messagerie', quantity: 1, unitPriceCents: credit + 50_000, vatRateBasisPoints: 2000 }] });
    expect(next.status).toBe(201);
    expect((await asAdmin('post', `/api/v1/billing/invoices/${next.body.id}/issue`)).status).toBe(200);
    await page.goto(`${base}/billing/invoices/${next.body.id}`);
    const nextPanel = page.getByTestId('invoice-panel');
    await nextPanel.getByTestId('invoice-apply-credit').click({ timeout: 30_000 });
    await page.getByTestId('invoice-apply-credit-dialog').waitFor();
    await expectAccessible(page, 'invoice-apply-credit');
    await page.getByTestId('invoice-apply-credit-submit').click();
    await nextPanel.locator('[data-testid="billing-status-chip"][data-status="partially_paid"]').waitFor({ timeout: 30_000 });
    const totalIncludingTax = credit + 50_000 + Math.round((credit + 50_000) / 5);
    expect(await t.admin('billingInvoices').where({ id: next.body.id }).first('amountDueCents')).toEqual({ amountDueCents: totalIncludingTax - credit });
    expect(await t.admin('billingPayments').where({ invoiceId: next.body.id }).pluck('method')).toEqual(['account_credit']);
    await expectEventually(() => cents(page, 'total-due'), (due) => expect(due).toBe(totalIncludingTax - credit));
    // The panel reloads the invoice after the payment: the offer to use the credit leaves with it.
    await expectEventually(() => nextPanel.getByTestId('invoice-apply-credit').count(), (n) => expect(n).toBe(0));

    await nextPanel.getByTestId('invoice-payment-link').click();
    await page.getByTestId('invoice-payment-link-dialog').waitFor();
    await page.getByTestId('invoice-payment-link-submit').click();
    const link = nextPanel.getByTestId('invoice-payment-url');
    await link.waitFor({ timeout: 30_000 });
    expect(await link.getAttribute('href')).toBe((await t.admin('billingInvoices').where({ id: next.body.id }).first('paymentUrl')).paymentUrl);
    expect(await link.getAttribute('href')).toMatch(/^https?:\/\//);
    await expectAccessible(page, 'invoice-payment-link');
  });

  it('issues a selection of drafts at once, each numbered in turn, and reports the one already issued', async () => {
    const { accessToken } = await loginAs(t.app, 'admin', 'msp');
    const account = await t.admin('accounts').join('tenants', 'tenants.id', 'accounts.tenantId')
      .where({ 'tenants.slug': 'msp', 'accounts.name': 'Cabinet dentaire Lemaître' }).first('accounts.id');
    const draft = async (description: string) => {
      const res = await request(t.app).post('/api/v1/billing/invoices').set('Authorization', `Bearer ${accessToken}`)
        .send({ accountId: account.id, lines: [{ description, quantity: 1, unitPriceCents: 12_000, vatRateBasisPoints: 2000 }] });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const ids = [await draft('Maintenance du poste d’accueil'), await draft('Sauvegarde externalisée'), await draft('Licence antivirus')];
    const issuedAlready = await request(t.app).post(`/api/v1/billing/invoices/${ids[2]}/issue`).set('Authorization', `Bearer ${accessToken}`).send({});
    expect(issuedAlready.status).toBe(200);

    const page = await signIn('admin@msp.demo');
    await page.goto(`${base}/billing/invoices?client=${account.id}`);
    await page.getByTestId('invoices-table').waitFor();
    // The list may still be redrawn by its first load when a row is ticked: tick again until it holds.
    for (const id of ids) {
      const box = page.locator(`[data-testid="invoice-row"][data-invoice-id="${id}"] input[type="checkbox"]`);
      await expectEventually(async () => { await box.check({ timeout: 10_000 }).catch(() => undefined); return box.isChecked(); }, (checked) => expect(checked).toBe(true));
    }
    await page.getByTestId('bulk-count').getByText('3').waitFor();
    await page.getByTestId('bulk-action-issue').click();
    await page.getByTestId('bulk-confirm-dialog').getByText('Émettre les 3 factures sélectionnées').waitFor();
    await expectAccessible(page, 'invoices-bulk-confirm');
    await page.getByTestId('bulk-confirm-submit').click();
    const results = page.getByTestId('bulk-results');
    await results.waitFor({ timeout: 60_000 });
    expect(plain(await page.getByTestId('bulk-summary').textContent())).toBe('2 réussi(s), 1 refusé(s)');
    expect(plain(await results.locator(`[data-record-id="${ids[2]}"]`).textContent())).toContain('déjà émise');
    const rows = await t.admin('billingInvoices').whereIn('id', ids.slice(0, 2)).orderBy('number').select('status', 'number');
    expect(rows.map((r) => (r.status === 'sent' ? 'issued' : r.status))).toEqual(['issued', 'issued']);
    // Numbered in turn: two consecutive numbers of the sequence.
    const counters = rows.map((r) => Number(/(\d+)$/.exec(r.number)![1]));
    expect(counters[1]! - counters[0]!).toBe(1);
    await expectAccessible(page, 'invoices-bulk-report', {});
  });

  it('sends a quote, then on the client\'s acceptance makes its deposit invoice, which opens as a draft', async () => {
    const page = await signIn('admin@msp.demo');
    const account = await t.admin('accounts').join('tenants', 'tenants.id', 'accounts.tenantId')
      .where({ 'tenants.slug': 'msp', 'accounts.name': 'Expert-comptable Durand' }).first('accounts.id');
    await page.getByTestId('nav-billing-quotes').click();
    await page.getByTestId('quotes-table').waitFor();
    await page.getByTestId('quote-create').click();
    await page.getByTestId('quote-create-account').locator('input').fill('Durand');
    await page.locator(`[data-testid="quote-create-account-option"][data-id="${account.id}"]`).click();
    await page.getByTestId('quote-create-submit').click();
    const panel = page.getByTestId('quote-panel');
    await panel.waitFor({ timeout: 30_000 });
    const quoteId = (await panel.getAttribute('data-quote-id'))!;
    await panel.getByTestId('line-new').getByTestId('line-description').fill('Migration de la messagerie');
    await panel.getByTestId('line-row').first().getByTestId('line-unitPrice').fill('2 000');
    await page.waitForFunction(() => document.querySelector('[data-testid="total-includingTax"]')?.getAttribute('data-cents') === '240000');
    await saved(page);

    await panel.getByTestId('quote-send').click();
    await page.getByTestId('quote-send-submit').click();
    await panel.locator('[data-testid="billing-status-chip"][data-status="sent"]').waitFor({ timeout: 30_000 });
    await panel.getByTestId('quote-accept').click();
    await page.getByTestId('quote-accept-dialog').waitFor();
    await page.getByTestId('quote-accept-deposit').locator('input').check();
    await page.getByTestId('quote-accept-share').fill('30');
    await expectAccessible(page, 'quote-accept');
    await page.getByTestId('quote-accept-submit').click();

    // The deposit invoice opens beside the invoices: 30 % of the quote, a draft to check and issue.
    const invoicePanel = page.getByTestId('invoice-panel');
    await invoicePanel.waitFor({ timeout: 30_000 });
    const invoice = await t.admin('billingInvoices').where({ quoteId }).first('id', 'kind', 'status', 'totalIncludingTaxCents');
    expect(invoice).toMatchObject({ kind: 'deposit', status: 'draft', totalIncludingTaxCents: 72_000 });
    expect(await invoicePanel.getAttribute('data-invoice-id')).toBe(invoice.id);
    await invoicePanel.getByText('Facture d\'acompte').first().waitFor();
    expect(await t.admin('billingQuotes').where({ id: quoteId }).first('status')).toEqual({ status: 'accepted' });
  });

  it('refuses to issue while the legal profile lacks what the law requires, says what in French and leads to the profile', async () => {
    const own = await createOwnTenant(t.admin, 'billing', ['psa']);
    const { accessToken } = await loginAs(t.app, 'admin', own.slug);
    const api = (path: string, body: object) => request(t.app).post(`/api/v1${path}`).set('Authorization', `Bearer ${accessToken}`).send(body);
    const account = await api('/accounts', { name: 'Boulangerie du Quai', addressLine1: '2 quai de la Fosse', postalCode: '44000', city: 'Nantes' });
    expect(account.status).toBe(201);
    const invoice = await api('/billing/invoices', { accountId: account.body.id, lines: [{ description: 'Audit du réseau', quantity: 1, unitPriceCents: 50_000, vatRateBasisPoints: 2000 }] });
    expect(invoice.status).toBe(201);

    const page = await signIn(`admin@${own.slug}.demo`);
    await page.goto(`${base}/billing/invoices/${invoice.body.id}`);
    const panel = page.getByTestId('invoice-panel');
    await panel.waitFor({ timeout: 30_000 });
    await panel.getByTestId('invoice-issue').click();
    await page.getByTestId('invoice-issue-submit').click();
    const refusal = page.getByTestId('invoice-issue-error');
    await refusal.waitFor({ timeout: 30_000 });
    expect(plain(await refusal.textContent())).toMatch(/profil légal.*incomplet.*SIREN/);
    await expectAccessible(page, 'invoice-issue-refused');
    expect(await t.admin('billingInvoices').where({ id: invoice.body.id }).first('status', 'number')).toEqual({ status: 'draft', number: null });

    // « Compléter le profil légal »: what is missing is listed, each item leads to its field, typing saves it.
    await page.getByTestId('invoice-issue-fix').click();
    await page.getByTestId('billing-settings').waitFor();
    const missing = page.getByTestId('profile-missing');
    await missing.waitFor({ timeout: 30_000 });
    expect(await missing.getAttribute('data-missing')).toContain('siren');
    await page.getByTestId('profile-missing-siren').click();
    expect(await page.getByTestId('field-siren').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByTestId('field-siren').fill('903182541');
    await page.getByTestId('field-siren').blur();
    await saved(page);
    await page.waitForFunction(() => !document.querySelector('[data-testid="profile-missing"]')?.getAttribute('data-missing')?.split(',').includes('siren'));
    expect(await t.admin('billingProfiles').where({ tenantId: own.tenantId }).first('siren')).toEqual({ siren: '903182541' });
    await expectAccessible(page, 'settings-incomplete');

    // Online payment by Stripe: a key that is not one refused beside its field in French, nothing saved; the
    // right keys saved sealed, then only said to be stored, with the webhook address to give Stripe.
    const integrations = page.getByTestId('billing-integrations');
    await integrations.getByTestId('integrations-save').waitFor({ timeout: 30_000 });
    await choose(page, integrations.getByTestId('integrations-paymentsProvider'), 'Stripe');
    await integrations.getByTestId('integrations-stripeSecretKey').fill('pk_test_not-a-secret');
    await integrations.getByTestId('integrations-stripeWebhookSecret').fill('whsec_0123456789abcdef');
    await integrations.getByTestId('integrations-save').click();
    await integrations.getByText(/une clé secrète Stripe/i).waitFor({ timeout: 30_000 });
    expect(await t.admin('billingIntegrationSettings').where({ tenantId: own.tenantId }).first('paymentsProvider')).toBeUndefined();
    await integrations.getByTestId('integrations-stripeSecretKey').fill('sk_test_0123456789abcdef');
    await integrations.getByTestId('integrations-save').click();
    await integrations.getByTestId('integrations-saved').waitFor({ timeout: 30_000 });
    const stored = await t.admin('billingIntegrationSettings').where({ tenantId: own.tenantId }).first('paymentsProvider', 'stripeSecretKeySealed');
    expect(stored.paymentsProvider).toBe('stripe');
    expect(JSON.stringify(stored.stripeSecretKeySealed)).not.toContain('sk_test_0123456789abcdef');
    expect(await integrations.getByTestId('integrations-stripeSecretKey').inputValue()).toBe('');
    expect(await integrations.getByTestId('integrations-webhookUrl').textContent()).toContain(`/api/v1/webhooks/stripe?tenant=${own.slug}`);
    await expectAccessible(page, 'settings-integrations');
  });

  it('shows no billing menu to a person without billing grants, and does not open its screens', async () => {
    const page = await signIn('technician@msp.demo');
    await page.getByTestId('nav-drawer').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('nav-billing').count()).toBe(0);
    expect(await page.locator('[data-testid^="nav-billing-"]').count()).toBe(0);
    await page.goto(`${base}/billing/invoices`);
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('invoices-table').count()).toBe(0);
  });
});
