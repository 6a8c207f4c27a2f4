import request from 'supertest';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { BUYER, COMPLETE_PROFILE } from '../support/billing-fixtures';

/**
 * Payments, credit notes and quotes through the API on an organisation of its own: partial and
 * several payments, overpayment refused, the same provider payment twice recorded once; a credit
 * note restores the balance (and cancels the invoice when it credits all of it, what was paid going
 * to the client's credit); a quote accepted into a deposit invoice, then the final invoice deducting it.
 */
const LINE = { description: 'Infogérance — forfait mensuel', quantity: 1, unitPriceCents: 100_000, vatRateBasisPoints: 2000 };

describe('billing: payments, credit notes and quotes', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  let token: string;
  let accountId: string;
  const api = (method: 'get' | 'post' | 'put' | 'patch', url: string) => request(t.app)[method](url).set('Authorization', `Bearer ${token}`);
  const issued = async (lines: object[] = [LINE]) => {
    const draft = await api('post', '/api/v1/billing/invoices').send({ accountId, lines });
    const res = await api('post', `/api/v1/billing/invoices/${draft.body.id}/issue`);
    expect(res.status).toBe(200);
    return res.body as { id: string; number: string; amountDueCents: number; totalIncludingTaxCents: number };
  };
  const pay = (id: string, body: object) => api('post', `/api/v1/billing/invoices/${id}/payments`).send({ method: 'transfer', ...body });
  const balance = async () => (await api('get', `/api/v1/billing/accounts/${accountId}/balance`)).body as { dueCents: number; creditCents: number; invoicedCents: number };

  beforeAll(async () => {
    t = testContext();
    tenant = await createOwnTenant(t.admin, 'billing-pay');
    token = (await loginAs(t.app, 'accounting', tenant.slug)).accessToken;
    const { accessToken: manager } = await loginAs(t.app, 'manager', tenant.slug);
    accountId = (await request(t.app).post('/api/v1/accounts').set('Authorization', `Bearer ${manager}`).send(BUYER)).body.id;
    const saved = await api('put', '/api/v1/billing/profile').send(COMPLETE_PROFILE);
    expect([saved.status, saved.body]).toEqual([200, expect.anything()]);
  });
  afterAll(() => t.close());

  it('takes partial and several payments until paid, refuses an overpayment saying what is due, and changes nothing then', async () => {
    const invoice = await issued();
    expect(invoice.amountDueCents).toBe(120_000);
    const first = await pay(invoice.id, { amountCents: 50_000, paidOn: '2026-03-02', reference: 'VIR 1' });
    expect(first.status).toBe(201);
    expect(first.body.invoice).toMatchObject({ status: 'partially_paid', paidCents: 50_000, amountDueCents: 70_000 });
    const over = await pay(invoice.id, { amountCents: 70_001 });
    expect(over.status).toBe(422);
    expect(over.body.detail).toBe('Ce paiement (700,01\u00a0€) dépasse le reste dû de la facture (700,00\u00a0€) : enregistrez au plus 700,00\u00a0€. Un trop-perçu se rend par un avoir.');
    expect(over.body.errors).toEqual([expect.objectContaining({ field: 'amountCents' })]);
    const second = await pay(invoice.id, { amountCents: 70_000, method: 'cheque', reference: 'CHQ 12' });
    expect(second.body.invoice).toMatchObject({ status: 'paid', paidCents: 120_000, amountDueCents: 0 });
    const payments = await api('get', `/api/v1/billing/invoices/${invoice.id}/payments`);
    expect(payments.body.items.map((p: { amountCents: number; method: string }) => [p.amountCents, p.method])).toEqual([[50_000, 'transfer'], [70_000, 'cheque']]);
    expect((await pay(invoice.id, { amountCents: 1 })).status).toBe(422);
  });

  it('records a provider\'s payment once however often it is reported (externalId)', async () => {
    const invoice = await issued();
    const once = await pay(invoice.id, { amountCents: 20_000, method: 'card', externalId: 'cs_test_42' });
    const again = await pay(invoice.id, { amountCents: 20_000, method: 'card', externalId: 'cs_test_42' });
    expect([once.status, again.status]).toEqual([201, 200]);
    expect(again.body).toMatchObject({ duplicate: true, payment: { id: once.body.payment.id }, invoice: { amountDueCents: 100_000 } });
  });

  it('refuses a payment on a draft, and a payment of nothing', async () => {
    const draft = await api('post', '/api/v1/billing/invoices').send({ accountId, lines: [LINE] });
    const refused = await pay(draft.body.id, { amountCents: 100 });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain('émettez-la d\'abord');
    expect((await pay(draft.body.id, { amountCents: 0 })).status).toBe(400);
  });

  it('restores the balance with a partial credit note, then cancels the invoice with a full one, the paid part becoming the client\'s credit', async () => {
    const before = await balance();
    const invoice = await issued([LINE, { ...LINE, description: 'Supervision', unitPriceCents: 50_000 }]);
    expect((await balance()).dueCents).toBe(before.dueCents + 180_000);
    await pay(invoice.id, { amountCents: 30_000 });

    const partial = await api('post', `/api/v1/billing/invoices/${invoice.id}/credit-note`).send({ reason: 'Supervision non rendue', lines: [{ ...LINE, description: 'Supervision', unitPriceCents: 50_000 }] });
    expect(partial.status).toBe(201);
    expect(partial.body.creditNote).toMatchObject({ status: 'issued', invoiceNumber: invoice.number, totalIncludingTaxCents: 60_000, appliedCents: 60_000 });
    expect(partial.body.creditNote.number).toMatch(/^AV-\d{4}-\d{5}$/);
    expect(partial.body.invoice).toMatchObject({ status: 'partially_paid', creditedCents: 60_000, amountDueCents: 90_000 });
    expect((await balance()).dueCents).toBe(before.dueCents + 90_000);

    const tooMuch = await api('post', `/api/v1/billing/invoices/${invoice.id}/credit-note`).send({ lines: [{ ...LINE, unitPriceCents: 100_001 }] });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.detail).toMatch(/^Cet avoir \(1\s200,01\s€ TTC\) dépasse ce qui reste à créditer sur la facture \(1\s200,00\s€ TTC\)\.$/);

    const rest = await api('post', `/api/v1/billing/invoices/${invoice.id}/credit-note`).send({ reason: 'Contrat résilié', lines: [LINE] });
    expect(rest.body.creditNote).toMatchObject({ totalIncludingTaxCents: 120_000, appliedCents: 90_000, toAccountCreditCents: 30_000 });
    expect(rest.body.invoice).toMatchObject({ status: 'cancelled', creditedCents: 180_000, amountDueCents: 0 });
    const after = await balance();
    expect(after).toMatchObject({ dueCents: before.dueCents, creditCents: before.creditCents + 30_000 });

    // The client's credit pays (part of) another invoice.
    const next = await issued();
    const applied = await api('post', `/api/v1/billing/invoices/${next.id}/apply-credit`).send({});
    expect(applied.status).toBe(201);
    expect(applied.body.invoice).toMatchObject({ status: 'partially_paid', amountDueCents: 90_000 });
    expect((await balance()).creditCents).toBe(before.creditCents);
  });

  it('numbers credit notes in their own gapless sequence, and a full credit note without lines credits the whole invoice', async () => {
    const invoice = await issued();
    const full = await api('post', `/api/v1/billing/invoices/${invoice.id}/credit-note`).send({ reason: 'Facture émise en double' });
    expect(full.status).toBe(201);
    expect(full.body.invoice.status).toBe('cancelled');
    const numbers = (await api('get', '/api/v1/billing/credit-notes?limit=200&status=issued')).body.items.map((c: { number: string }) => Number(c.number.slice(-5))).sort((a: number, b: number) => a - b);
    expect(numbers).toEqual(numbers.map((_n: number, i: number) => i + 1));
    expect((await api('post', `/api/v1/billing/invoices/${invoice.id}/credit-note`).send({})).status).toBe(422);
    const paid = await api('post', `/api/v1/billing/invoices/${invoice.id}/payments`).send({ amountCents: 100, method: 'cash' });
    expect(paid.status).toBe(422);
  });

  it('turns an accepted quote into a deposit invoice in one action, then the final invoice deducts the deposit', async () => {
    const quote = await api('post', '/api/v1/billing/quotes').send({ accountId, lines: [{ ...LINE, quantity: 10 }], terms: 'Acompte de 30 % à la commande.' });
    expect(quote.body).toMatchObject({ status: 'draft', number: null, totalIncludingTaxCents: 1_200_000 });
    expect((await api('post', `/api/v1/billing/quotes/${quote.body.id}/accept`).send({})).status).toBe(422);
    const sent = await api('post', `/api/v1/billing/quotes/${quote.body.id}/send`).send({});
    expect(sent.body).toMatchObject({ status: 'sent', number: expect.stringMatching(/^D-\d{4}-00001$/) });
    expect(sent.body.validUntil > sent.body.issueDate).toBe(true);
    const locked = await api('patch', `/api/v1/billing/quotes/${quote.body.id}`).set('If-Match', `"${sent.body.version}"`).send({ terms: 'autre' });
    expect(locked.status).toBe(409);

    const accepted = await api('post', `/api/v1/billing/quotes/${quote.body.id}/accept`).send({ invoice: 'deposit', depositBasisPoints: 3000, issue: true });
    expect(accepted.status).toBe(200);
    expect(accepted.body.quote.status).toBe('accepted');
    expect(accepted.body.invoice).toMatchObject({ kind: 'deposit', status: 'issued', quoteId: quote.body.id, totalExcludingTaxCents: 300_000, totalIncludingTaxCents: 360_000 });
    expect(accepted.body.invoice.lines[0].description).toBe(`Acompte de 30\u00a0% sur le devis ${sent.body.number} (TVA 20\u00a0%)`);

    const final = await api('post', `/api/v1/billing/quotes/${quote.body.id}/final-invoice`).send({});
    expect(final.status).toBe(201);
    const finalIssued = await api('post', `/api/v1/billing/invoices/${final.body.id}/issue`);
    expect(finalIssued.body).toMatchObject({
      kind: 'final', totalIncludingTaxCents: 1_200_000, depositsDeductedCents: 360_000, amountDueCents: 840_000,
      depositsDeducted: [expect.objectContaining({ number: accepted.body.invoice.number, amountIncludingTaxCents: 360_000 })],
    });
    const quoteAfter = await api('get', `/api/v1/billing/quotes/${quote.body.id}`);
    expect(quoteAfter.body.invoiceIds).toEqual([accepted.body.invoice.id, final.body.id]);
    expect((await api('post', `/api/v1/billing/quotes/${quote.body.id}/refuse`)).status).toBe(422);
  });

  it('lists by status, client, overdue and period', async () => {
    const invoice = await issued();
    const year = (await api('get', `/api/v1/billing/invoices/${invoice.id}`)).body.issueDate.slice(0, 4);
    const list = (q: string) => api('get', `/api/v1/billing/invoices?limit=200&${q}`);
    expect((await list(`status=issued,partially_paid&accountId=${accountId}&period=${year}`)).body.items.map((i: { id: string }) => i.id)).toContain(invoice.id);
    expect((await list('overdue=true')).body.items.map((i: { id: string }) => i.id)).not.toContain(invoice.id);
    expect((await list('status=unknown')).status).toBe(400);
    expect((await list('period=2026-13')).status).toBe(400);
  });
});
