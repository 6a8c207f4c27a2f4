import request from 'supertest';
import { DEMO_TENANTS } from '../../db/seeds/demo-tenants';
import { loginAs, tenantId, testContext, type TestContext } from '../support/api';

/**
 * The billing demo the seed writes (domain/billing/demo-seed.ts) through the domain actions: the four
 * organisations that invoice have a complete legal profile and documents in every status, numbered
 * without gap in the order of their issue dates; the others have neither, and their users no billing.
 */
const INVOICING = [
  { slug: 'cassandre', writer: 'administration' },
  { slug: 'softwhere', writer: 'accounting' },
  { slug: 'vidangeur-breton', writer: 'accounting' },
  { slug: 'msp', writer: 'admin' },
];

describe('billing demo data', () => {
  let t: TestContext;
  beforeAll(() => { t = testContext(); });
  afterAll(() => t.close());

  it.each(INVOICING)('$slug: a complete legal profile, quotes and invoices in every status, gapless numbers in date order; its billing user issues the next one', async ({ slug, writer }) => {
    const { accessToken } = await loginAs(t.app, writer, slug);
    const api = (url: string) => request(t.app).get(url).set('Authorization', `Bearer ${accessToken}`);
    // Other suites of the same run write documents in these organisations (samples, fuzzing, the browser
    // tests): the demo's are those of the organisation's demo accounts.
    const demoAccounts = new Set(DEMO_TENANTS.find((tenant) => tenant.slug === slug)!.accounts.map((account) => account.name));
    const ofDemo = <T extends { accountName: string }>(items: T[]) => items.filter((item) => demoAccounts.has(item.accountName));
    const profile = await api('/api/v1/billing/profile');
    expect(profile.status).toBe(200);
    expect(profile.body.missing).toEqual([]);

    const allInvoices = (await api('/api/v1/billing/invoices?limit=200')).body.items as Array<{ accountName: string; status: string; kind: string; number: string | null; issueDate: string | null; overdue: boolean }>;
    const invoices = ofDemo(allInvoices);
    expect(new Set(invoices.map((i) => i.status))).toEqual(new Set(['draft', 'issued', 'sent', 'partially_paid', 'paid', 'overdue', 'cancelled']));
    // Those marked overdue are past their due date with money due (the dunning process marks the others as it reaches them).
    expect(invoices.filter((i) => i.status === 'overdue').every((i) => i.overdue)).toBe(true);
    expect(new Set(invoices.map((i) => i.kind))).toEqual(new Set(['standard', 'deposit', 'final']));
    const quotes = ofDemo((await api('/api/v1/billing/quotes?limit=200')).body.items as Array<{ accountName: string; status: string }>);
    expect(new Set(quotes.map((q) => q.status))).toEqual(new Set(['draft', 'sent', 'accepted', 'refused', 'expired']));
    const credits = ofDemo((await api('/api/v1/billing/credit-notes?limit=200')).body.items as Array<{ accountName: string; status: string; number: string }>);
    expect(credits).toEqual(expect.arrayContaining([expect.objectContaining({ status: 'issued' })]));

    // Numbers: one sequence per document kind, consecutive, increasing with the issue date, whoever
    // issued them (record samples written directly carry `EX-…` numbers outside the sequence).
    const issued = allInvoices.filter((i) => i.number && /\d$/.test(i.number) && !i.number.startsWith('EX-')).sort((x, y) => x.number!.localeCompare(y.number!));
    const sequence = issued.map((i) => Number(/(\d+)$/.exec(i.number!)![1]));
    expect(sequence).toEqual(sequence.map((_n, i) => sequence[0]! + i));
    expect(issued.map((i) => i.issueDate)).toEqual([...issued.map((i) => i.issueDate)].sort());

    // The issue's convention: this user may issue an invoice to a demo client, numbered next in the sequence.
    const client = (invoices as Array<{ accountId?: string; status: string }>).find((i) => i.status === 'paid')!.accountId!;
    const post = (url: string) => request(t.app).post(url).set('Authorization', `Bearer ${accessToken}`);
    const draft = await post('/api/v1/billing/invoices').send({ accountId: client, lines: [{ description: 'Prestation de démonstration', quantity: 1, unitPriceCents: 10_000, vatRateBasisPoints: 2000 }] });
    expect([draft.status, draft.body.status, draft.body.number, draft.body.totalIncludingTaxCents]).toEqual([201, 'draft', null, 12_000]);
    const done = await post(`/api/v1/billing/invoices/${draft.body.id}/issue`);
    expect([done.status, done.body.status]).toEqual([200, 'issued']);
    expect(Number(/(\d+)$/.exec(done.body.number)![1])).toBeGreaterThan(sequence[sequence.length - 1]!);
  });

  it.each(['epic-events', 'acme-school'])('%s invoices nothing: no profile, no documents, no billing grant', async (slug) => {
    const id = await tenantId(t.admin, slug);
    expect(await t.admin('billingProfiles').where({ tenantId: id }).first()).toBeUndefined();
    // The permission matrix writes sample documents in every organisation (its own « Compte exemple » accounts): the demo writes none.
    const demoAccounts = DEMO_TENANTS.find((tenant) => tenant.slug === slug)!.accounts.map((account) => account.name);
    expect(await t.admin('billingInvoices').join('accounts', 'accounts.id', 'billingInvoices.accountId')
      .where('billingInvoices.tenantId', id).whereIn('accounts.name', demoAccounts).first('billingInvoices.id')).toBeUndefined();
    expect(await t.admin('permissionGrants').where({ tenantId: id }).whereLike('permission', 'billing.%').first()).toBeUndefined();
  });
});
