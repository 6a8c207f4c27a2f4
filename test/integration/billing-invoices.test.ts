import request from 'supertest';
import { withTenant } from '../../db/tenant-scope';
import { buildAbility } from '../../domain/identity/ability';
import { loadPrincipal } from '../../domain/identity/principal';
import { issueInvoice } from '../../domain/billing/invoice-actions';
import { loginAs, testContext, type TestContext } from '../support/api';
import { BUYER, COMPLETE_PROFILE } from '../support/billing-fixtures';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * Invoices through the API on a telecom organisation of its own (accounting issues): the issue's
 * conventions (draft → issued with a number), gapless numbers under concurrency and after a failed
 * issue, immutability once issued, the legal profile's mandatory items, another tenant's invoices.
 */
const LINES = [
  { description: 'Abonnement fibre 1 Gb/s — mars', quantity: 1, unitPriceCents: 8_900, vatRateBasisPoints: 2000 },
  { description: 'Installation', quantity: 2.5, unitPriceCents: 6_000, vatRateBasisPoints: 2000 },
];

describe('billing: invoices through the API', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  let other: OwnTenant;
  let token: string;
  let manager: string;
  let accountId: string;
  const api = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', url: string, bearer = token) => request(t.app)[method](url).set('Authorization', `Bearer ${bearer}`);
  const draft = async (lines: object[] = LINES) => {
    const res = await api('post', '/api/v1/billing/invoices').send({ accountId, lines });
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number };
  };

  beforeAll(async () => {
    t = testContext();
    [tenant, other] = await Promise.all([createOwnTenant(t.admin, 'billing'), createOwnTenant(t.admin, 'billing-other')]);
    token = (await loginAs(t.app, 'accounting', tenant.slug)).accessToken;
    manager = (await loginAs(t.app, 'manager', tenant.slug)).accessToken;
    const account = await api('post', '/api/v1/accounts', manager).send(BUYER);
    expect(account.status).toBe(201);
    accountId = account.body.id;
  });
  afterAll(() => t.close());

  it('refuses to issue while the legal profile lacks a mandatory item, naming each (422), and draws no number', async () => {
    const invoice = await draft();
    const refused = await api('post', `/api/v1/billing/invoices/${invoice.id}/issue`);
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toMatch(/^Le profil légal de l'organisation est incomplet : il manque la raison sociale, la forme juridique, le SIREN/);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['profile.legalName', 'profile.siren', 'profile.latePenaltyRateBasisPoints']));

    const partial = await api('put', '/api/v1/billing/profile').set('If-Match', '"0"').send({ ...COMPLETE_PROFILE, siren: null });
    expect(partial.status).toBe(200);
    expect(partial.body.missing).toEqual(['siren']);
    const stillRefused = await api('post', `/api/v1/billing/invoices/${invoice.id}/issue`).set('Accept-Language', 'en');
    expect(stillRefused.status).toBe(422);
    expect(stillRefused.body.detail).toBe('The organisation\'s legal profile is incomplete: the SIREN is missing. Complete it (Billing → Legal profile) before issuing an invoice.');
    expect(stillRefused.body.errors).toEqual([expect.objectContaining({ field: 'profile.siren' })]);

    const complete = await api('put', '/api/v1/billing/profile').set('If-Match', `"${partial.body.version}"`).send(COMPLETE_PROFILE);
    expect(complete.status).toBe(200);
    expect(complete.body.missing).toEqual([]);
    expect(await t.admin('tenantCounters').where({ tenantId: tenant.tenantId }).whereLike('name', 'billing.invoice%').first()).toBeUndefined();
  });

  it('answers a draft with null number and its totals, then issues it with a number (the conventions of issue 13)', async () => {
    const created = await api('post', '/api/v1/billing/invoices').send({ accountId, lines: LINES });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', number: null, totalExcludingTaxCents: 23_900, totalTaxCents: 4_780, totalIncludingTaxCents: 28_680 });
    const issued = await api('post', `/api/v1/billing/invoices/${created.body.id}/issue`);
    expect(issued.status).toBe(200);
    const year = issued.body.issueDate.slice(0, 4);
    expect(issued.body).toMatchObject({ status: 'issued', number: `F-${year}-00001`, amountDueCents: 28_680, seller: expect.objectContaining({ siren: '732829320' }) });
    expect(issued.body.buyer).toMatchObject({ name: 'SARL Boulangerie Exemple', siren: '552100554', isBusiness: true });
    expect(issued.body.dueDate > issued.body.issueDate).toBe(true);
  });

  it('never changes an issued invoice: PATCH and DELETE answer 409 pointing to credit notes, issuing again too', async () => {
    const invoice = await draft();
    const issued = await api('post', `/api/v1/billing/invoices/${invoice.id}/issue`);
    const patch = await api('patch', `/api/v1/billing/invoices/${invoice.id}`).set('If-Match', `"${issued.body.version}"`).send({ notes: 'corrigée' });
    expect(patch.status).toBe(409);
    expect(patch.body.detail).toContain('émettez un avoir');
    const removed = await api('delete', `/api/v1/billing/invoices/${invoice.id}`);
    expect(removed.status).toBe(409);
    expect(removed.body.detail).toContain('avoir');
    const again = await api('post', `/api/v1/billing/invoices/${invoice.id}/issue`);
    expect(again.status).toBe(409);
    expect((await api('get', `/api/v1/billing/invoices/${invoice.id}`)).body).toMatchObject({ number: issued.body.number, notes: null, version: issued.body.version });
  });

  it('issues 50 invoices in parallel with 50 consecutive numbers, no gap and no duplicate', async () => {
    const before = await t.admin('billingInvoices').where({ tenantId: tenant.tenantId }).whereNotNull('number').count({ n: '*' }).first();
    const drafts = await Promise.all(Array.from({ length: 50 }, () => draft([LINES[0]!])));
    // A client tries again when told to (503 + Retry-After: no connection free in time on a loaded machine): what the test proves is the numbering.
    const issue = async (id: string): Promise<Awaited<ReturnType<typeof api>>> => {
      for (let attempt = 1; ; attempt++) {
        const answer = await api('post', `/api/v1/billing/invoices/${id}/issue`);
        if (answer.status !== 503 || attempt === 5) return answer;
        await new Promise((r) => setTimeout(r, 500 * attempt));
      }
    };
    const issued = await Promise.all(drafts.map((d) => issue(d.id)));
    expect(issued.map((r) => r.status)).toEqual(drafts.map(() => 200));
    const sequences = issued.map((r) => Number(String(r.body.number).split('-')[2])).sort((a, b) => a - b);
    const first = Number(before!.n) + 1;
    expect(sequences).toEqual(Array.from({ length: 50 }, (_v, i) => first + i));
  });

  it('gives a rolled-back issue\'s number back: the next invoice takes it, no gap', async () => {
    const last = (await t.admin('tenantCounters').where({ tenantId: tenant.tenantId }).whereLike('name', 'billing.invoice.%').first('value')).value as number;
    const failing = await draft();
    const principal = (await withTenant({ tenantId: tenant.tenantId }, (trx) => loadPrincipal(trx, tenant.tenantId, tenant.userIds.accounting!)))!;
    // The issue runs to its end (number drawn, row written), then its transaction fails and rolls back.
    await expect(withTenant({ tenantId: tenant.tenantId }, async (trx) => {
      const issued = await issueInvoice({ trx, principal, ability: buildAbility(principal) }, failing.id);
      expect(Number(String(issued.number).split('-')[2])).toBe(last + 1);
      throw new Error('the mail could not be queued');
    }, t.knex)).rejects.toThrow('the mail could not be queued');
    expect((await api('get', `/api/v1/billing/invoices/${failing.id}`)).body).toMatchObject({ status: 'draft', number: null });
    const next = await draft();
    const issued = await api('post', `/api/v1/billing/invoices/${next.id}/issue`);
    expect(Number(String(issued.body.number).split('-')[2])).toBe(last + 1);
  });

  it('refuses to issue to a business client without an address or SIREN, naming them', async () => {
    const bare = await api('post', '/api/v1/accounts', manager).send({ name: 'Société sans adresse', legalName: 'SAS Sans Adresse' });
    const invoice = await api('post', '/api/v1/billing/invoices').send({ accountId: bare.body.id, lines: LINES });
    const refused = await api('post', `/api/v1/billing/invoices/${invoice.body.id}/issue`);
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain('« Société sans adresse » n\'a pas d\'adresse, de code postal, de ville et de SIREN');
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['buyer.addressLine1', 'buyer.postalCode', 'buyer.city', 'buyer.siren']);
  });

  it('hides another organisation\'s invoices: 404 on read, issue and payment, absent from lists', async () => {
    const mine = await draft();
    const otherToken = (await loginAs(t.app, 'accounting', other.slug)).accessToken;
    expect((await api('get', `/api/v1/billing/invoices/${mine.id}`, otherToken)).status).toBe(404);
    expect((await api('post', `/api/v1/billing/invoices/${mine.id}/issue`, otherToken)).status).toBe(404);
    expect((await api('post', `/api/v1/billing/invoices/${mine.id}/payments`, otherToken).send({ amountCents: 100, method: 'transfer' })).status).toBe(404);
    const list = await api('get', '/api/v1/billing/invoices?limit=200', otherToken);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
  });
});
