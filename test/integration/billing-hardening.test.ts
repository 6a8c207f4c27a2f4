import request from 'supertest';
import { loginAs, testContext, type TestContext } from '../support/api';
import { BUYER, COMPLETE_PROFILE } from '../support/billing-fixtures';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * Billing as an attacker and a careless client try it, on two organisations of their own: another
 * organisation's invoice answers 404 on every route and stays as it was; bad input answers 4xx with
 * a French message and writes nothing; a repeated payment with its Idempotency-Key is one payment;
 * an invoice's history tells its life; switching the yearly reset of the numbers neither skips nor
 * repeats a number (ADR 0028).
 */
const LINE = { description: 'Supervision du parc — mai', quantity: 1, unitPriceCents: 50_000, vatRateBasisPoints: 2000 };

describe('billing: attacks, bad input and numbering switches', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  let other: OwnTenant;
  let token: string;
  let otherToken: string;
  let accountId: string;
  let otherAccountId: string;
  const call = (bearer: string) => (method: 'get' | 'post' | 'put' | 'patch' | 'delete', url: string) => request(t.app)[method](url).set('Authorization', `Bearer ${bearer}`);
  const api = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', url: string) => call(token)(method, url);
  const issued = async () => {
    const draft = await api('post', '/api/v1/billing/invoices').send({ accountId, lines: [LINE] });
    expect(draft.status).toBe(201);
    const res = await api('post', `/api/v1/billing/invoices/${draft.body.id}/issue`);
    expect(res.status).toBe(200);
    return res.body as { id: string; number: string; version: number; amountDueCents: number };
  };
  /** What an action could have changed in the organisation: the invoice's row and the counts of the rows around it. */
  const snapshot = async (invoiceId: string) => ({
    invoice: await t.admin('billingInvoices').where({ id: invoiceId }).first('version', 'status', 'number', 'amountDueCents', 'paidCents', 'creditedCents', 'paymentUrl', 'lines'),
    invoices: (await t.admin('billingInvoices').where({ tenantId: tenant.tenantId }).count({ n: '*' }))[0]!.n,
    payments: (await t.admin('billingPayments').where({ tenantId: tenant.tenantId }).count({ n: '*' }))[0]!.n,
    creditNotes: (await t.admin('billingCreditNotes').where({ tenantId: tenant.tenantId }).count({ n: '*' }))[0]!.n,
    counters: await t.admin('tenantCounters').where({ tenantId: tenant.tenantId }).whereLike('name', 'billing.%').orderBy('name').select('name', 'value'),
  });

  beforeAll(async () => {
    t = testContext();
    [tenant, other] = await Promise.all([createOwnTenant(t.admin, 'billing-attack'), createOwnTenant(t.admin, 'billing-attacker')]);
    token = (await loginAs(t.app, 'accounting', tenant.slug)).accessToken;
    otherToken = (await loginAs(t.app, 'accounting', other.slug)).accessToken;
    const manager = (await loginAs(t.app, 'manager', tenant.slug)).accessToken;
    const otherManager = (await loginAs(t.app, 'manager', other.slug)).accessToken;
    accountId = (await call(manager)('post', '/api/v1/accounts').send(BUYER)).body.id;
    otherAccountId = (await call(otherManager)('post', '/api/v1/accounts').send(BUYER)).body.id;
    expect((await api('put', '/api/v1/billing/profile').send(COMPLETE_PROFILE)).status).toBe(200);
    expect((await call(otherToken)('put', '/api/v1/billing/profile').send(COMPLETE_PROFILE)).status).toBe(200);
  });
  afterAll(() => t.close());

  it('answers 404 to another organisation on every route of an invoice, and the invoice stays as it was', async () => {
    const invoice = await issued();
    const before = await snapshot(invoice.id);
    const attacker = call(otherToken);
    const base = `/api/v1/billing/invoices/${invoice.id}`;
    const attempts: Array<[string, request.Test]> = [
      ['GET', attacker('get', base)],
      ['GET history', attacker('get', `${base}/history`)],
      ['GET payments', attacker('get', `${base}/payments`)],
      ['GET pdf', attacker('get', `${base}/pdf`)],
      ['GET dunning', attacker('get', `${base}/dunning`)],
      ['PATCH', attacker('patch', base).set('If-Match', `"${invoice.version}"`).send({ notes: 'détournée' })],
      ['DELETE', attacker('delete', base).set('If-Match', `"${invoice.version}"`)],
      ['POST issue', attacker('post', `${base}/issue`)],
      ['POST send', attacker('post', `${base}/send`).send({})],
      ['POST payments', attacker('post', `${base}/payments`).send({ amountCents: 100, method: 'cash' })],
      ['POST apply-credit', attacker('post', `${base}/apply-credit`).send({})],
      ['POST credit-note', attacker('post', `${base}/credit-note`).send({})],
      ['POST payment-link', attacker('post', `${base}/payment-link`).send({})],
    ];
    const answers = await Promise.all(attempts.map(([, attempt]) => attempt));
    expect(attempts.map(([what], i) => `${what} ${answers[i]!.status}`)).toEqual(attempts.map(([what]) => `${what} 404`));
    expect(answers[0]!.body.detail).toMatch(/introuvable/);
    // The attacker's own lists and balances do not show it either, nor does its client's id let it write there.
    expect((await attacker('get', `/api/v1/billing/invoices?client=${accountId}`)).body.items).toEqual([]);
    const planted = await attacker('post', '/api/v1/billing/invoices').send({ accountId, lines: [LINE] });
    expect(planted.status).toBe(400);
    expect(planted.body.errors).toEqual([{ field: 'accountId', code: 'field.no-such-account', message: 'ne désigne aucun compte que vous pouvez voir' }]);
    expect(await snapshot(invoice.id)).toEqual(before);
  });

  it('refuses bad input with a French message (4xx, never 500) and writes nothing', async () => {
    const invoice = await issued();
    const before = await snapshot(invoice.id);
    const base = `/api/v1/billing/invoices/${invoice.id}`;
    const line = (change: object) => ({ accountId, lines: [{ ...LINE, ...change }] });
    const cases: Array<[string, () => request.Test, number, RegExp]> = [
      ['a quantity with four decimals', () => api('post', '/api/v1/billing/invoices').send(line({ quantity: 1.2345 })), 400, /au plus 3 décimales/],
      ['a price in fractions of a cent', () => api('post', '/api/v1/billing/invoices').send(line({ unitPriceCents: 10.5 })), 400, /Requête invalide/],
      ['a VAT rate above 100 %', () => api('post', '/api/v1/billing/invoices').send(line({ vatRateBasisPoints: 10_001 })), 400, /Requête invalide/],
      ['a number chosen by the client', () => api('post', '/api/v1/billing/invoices').send({ ...line({}), number: 'F-2026-00001', status: 'paid' }), 400, /Requête invalide/],
      ['another organisation\'s client', () => api('post', '/api/v1/billing/invoices').send({ accountId: otherAccountId, lines: [LINE] }), 400, /aucun compte/],
      ['broken JSON', () => api('post', '/api/v1/billing/invoices').set('Content-Type', 'application/json').send('{"accountId": '), 400, /JSON/],
      ['a negative payment', () => api('post', `${base}/payments`).send({ amountCents: -500, method: 'transfer' }), 400, /supérieur à zéro/],
      ['an unknown payment method', () => api('post', `${base}/payments`).send({ amountCents: 500, method: 'bitcoin' }), 400, /Requête invalide/],
      ['a payment on a day that does not exist', () => api('post', `${base}/payments`).send({ amountCents: 500, method: 'transfer', paidOn: '2026-02-31' }), 400, /[a-zé]/],
      ['a payment above what is due', () => api('post', `${base}/payments`).send({ amountCents: invoice.amountDueCents + 1, method: 'transfer' }), 422, /reste dû|reste à payer|dû/],
      ['a credit note above the invoice', () => api('post', `${base}/credit-note`).send({ lines: [{ ...LINE, unitPriceCents: 5_000_000 }] }), 422, /[a-zé]/],
      ['account credit the client does not have', () => api('post', `${base}/apply-credit`).send({}), 422, /pas d'avoir disponible/],
      ['a change to the issued invoice', () => api('patch', base).set('If-Match', `"${invoice.version}"`).send({ notes: 'corrigée' }), 409, /avoir/],
      ['its status set by hand', () => api('patch', base).set('If-Match', `"${invoice.version}"`).send({ status: 'paid' }), 400, /Requête invalide/],
      ['an id that is not one', () => api('post', '/api/v1/billing/invoices/1%27%20or%201=1/issue'), 404, /introuvable/],
      ['an Idempotency-Key too long', () => api('post', `${base}/payments`).set('Idempotency-Key', 'k'.repeat(201)).send({ amountCents: 500, method: 'transfer' }), 400, /200/],
      ['a FEC period upside down', () => api('get', '/api/v1/billing/fec?from=2026-12-31&to=2026-01-01'), 422, /[a-zé]/],
    ];
    const seen: string[] = [];
    for (const [what, send, , detail] of cases) {
      const res = await send();
      seen.push(`${what}: ${res.status}${detail.test(String(res.body.detail)) ? '' : ` « ${String(res.body.detail)} »`}`);
    }
    expect(seen).toEqual(cases.map(([what, , status]) => `${what}: ${status}`));
    expect(await snapshot(invoice.id)).toEqual(before);
  });

  it('records a payment sent twice with one Idempotency-Key once, refuses the key for another body, and tells the invoice\'s life in its history', async () => {
    const invoice = await issued();
    const pay = (body: object) => api('post', `/api/v1/billing/invoices/${invoice.id}/payments`).set('Idempotency-Key', `pay-${invoice.id}`).send(body);
    const first = await pay({ amountCents: 10_000, method: 'transfer', reference: 'VIR 1' });
    const again = await pay({ amountCents: 10_000, method: 'transfer', reference: 'VIR 1' });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.payment.id).toBe(first.body.payment.id);
    expect(await t.admin('billingPayments').where({ invoiceId: invoice.id }).pluck('id')).toEqual([first.body.payment.id]);
    const reused = await pay({ amountCents: 20_000, method: 'transfer' });
    expect(reused.status).toBe(409);
    expect(await t.admin('billingPayments').where({ invoiceId: invoice.id }).pluck('id')).toEqual([first.body.payment.id]);

    const history = await api('get', `/api/v1/billing/invoices/${invoice.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((entry: { action: string }) => entry.action)).toEqual(expect.arrayContaining(['create', 'issue', 'payment']));
  });

  it('expires a sent quote only once its validity has passed, and then nothing decides it any more', async () => {
    const quote = async (validUntil: string) => {
      const draft = await api('post', '/api/v1/billing/quotes').send({ accountId, validUntil, lines: [LINE] });
      expect(draft.status).toBe(201);
      const sent = await api('post', `/api/v1/billing/quotes/${draft.body.id}/send`).send({});
      expect([sent.status, sent.body.status]).toEqual([200, 'sent']);
      return sent.body as { id: string };
    };
    const valid = await quote('2099-12-31');
    const early = await api('post', `/api/v1/billing/quotes/${valid.id}/expire`);
    expect(early.status).toBe(422);
    expect(early.body.detail).toMatch(/valable jusqu'au .*2099/);
    expect((await api('get', `/api/v1/billing/quotes/${valid.id}`)).body.status).toBe('sent');

    const old = await quote('2026-01-31');
    const expired = await api('post', `/api/v1/billing/quotes/${old.id}/expire`);
    expect([expired.status, expired.body.status]).toEqual([200, 'expired']);
    expect((await api('post', `/api/v1/billing/quotes/${old.id}/accept`).send({})).status).toBe(422);
    expect((await call(otherToken)('post', `/api/v1/billing/quotes/${valid.id}/expire`)).status).toBe(404);
  });

  it('goes on numbering where it stands when the yearly reset is switched off and on again: no number given twice, none skipped', async () => {
    const number = (value: string) => Number(value.split('-').pop());
    const first = await issued();
    const profile = async (numberingYearlyReset: boolean) => {
      const current = await api('get', '/api/v1/billing/profile');
      const saved = await api('put', '/api/v1/billing/profile').set('If-Match', `"${current.body.version}"`).send({ ...COMPLETE_PROFILE, numberingYearlyReset });
      expect(saved.status).toBe(200);
    };
    await profile(false);
    const second = await issued();
    await profile(true);
    const third = await issued();
    expect([number(second.number), number(third.number)]).toEqual([number(first.number) + 1, number(first.number) + 2]);
    expect(new Set([first.number, second.number, third.number]).size).toBe(3);
  });
});
