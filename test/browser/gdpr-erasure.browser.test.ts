import type { Page } from 'playwright-core';
import { withTenant } from '../../db/tenant-scope';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { eraseSubject } from '../../domain/gdpr/erasure';
import { dueDateOf } from '../../domain/gdpr/request-rules';
import { axeSerious, settle } from '../support/axe';
import { expectEventually, signIn, startBrowserStack, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * An erasure in the request's panel (docs/adr/0027-erasure.md), in Chromium against the real API and database:
 * the data protection officer reads the report, the invoice's legal exception in French and the undo deadline,
 * confirms « Annuler l'effacement » and the person's name is back. axe finds no critical or serious violation.
 */
describe('erasure in the browser', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;
  let requestId: string;
  let accountId: string;

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'erasure-ui', ['psa']);
    const { tenantId } = tenant;
    const [account] = await stack.t.admin('accounts').insert({ tenantId, number: 1, name: 'Hélène Garnier', email: 'helene.garnier@exemple.fr' }).returning('id');
    accountId = String(account.id);
    await stack.t.admin('billingInvoices').insert({
      tenantId, accountId, number: 'F-2026-001', status: 'issued', issueDate: '2026-01-15', dueDate: '2026-02-14', buyer: JSON.stringify({ name: 'Hélène Garnier' }),
      lines: '[]', vatBreakdown: '[]', totalExcludingTaxCents: 0, totalTaxCents: 0, totalIncludingTaxCents: 0, amountDueCents: 0,
    });
    const receivedAt = new Date();
    const [request] = await stack.t.admin('gdprRequests').insert({
      tenantId, number: 1, kind: 'erasure', subjectKind: 'account', subjectId: accountId, subjectLabel: 'Hélène Garnier', requesterName: 'Hélène Garnier',
      receivedAt, dueAt: dueDateOf(receivedAt), status: 'answered', identityMethod: 'id-document', identityVerifiedAt: receivedAt, answer: 'Effacées', answeredAt: receivedAt,
    }).returning('*');
    requestId = String(request.id);
    await stack.t.admin('tenantCounters').insert({ tenantId, name: 'gdpr-request', value: 1 });
    await withTenant({ tenantId }, async (trx) => { await eraseSubject(trx, tenantId, await trx('gdprRequests').where({ id: requestId }).first(), { now: new Date() }); }, stack.t.knex);
  }, 120_000);

  afterAll(() => stack?.close());

  async function expectAccessible(page: Page, where: string): Promise<void> {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  }

  it('the officer reads the report and its legal exception, then undoes the erasure after confirming', async () => {
    expect((await stack.t.admin('accounts').where({ id: accountId }).first('name')).name).not.toBe('Hélène Garnier');
    const page = await signIn(stack, demoEmail('dpo', tenant.slug));
    await page.goto(`${stack.base}/gdpr/requests/${requestId}`);
    const section = page.getByTestId('erasure');
    await section.waitFor();
    await expectEventually(() => section.innerText(), (text) => {
      expect(text).toContain('Exceptions prévues par la loi');
      expect(text).toMatch(/billing_invoices.*obligation légale/);
      expect(text).toContain('Annulable jusqu’au');
    });
    await expectAccessible(page, 'erasure report');
    await section.getByTestId('erasure-undo').click();
    const dialog = page.getByTestId('erasure-confirm');
    await dialog.waitFor();
    await expectAccessible(page, 'undo confirmation');
    await dialog.getByTestId('erasure-confirm-submit').click();
    await section.getByTestId('erasure-undone').waitFor();
    expect((await stack.t.admin('accounts').where({ id: accountId }).first('name')).name).toBe('Hélène Garnier');
    await page.context().close();
  });
});
