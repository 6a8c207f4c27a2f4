import request from 'supertest';
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

  it.each(INVOICING)('$slug: a complete legal profile, quotes and invoices in every status, gapless numbers in date order', async ({ slug, writer }) => {
    const { accessToken } = await loginAs(t.app, writer, slug);
    const api = (url: string) => request(t.app).get(url).set('Authorization', `Bearer ${accessToken}`);
    const profile = await api('/api/v1/billing/profile');
    expect(profile.status).toBe(200);
    expect(profile.body.missing).toEqual([]);

    const invoices = (await api('/api/v1/billing/invoices?limit=200')).body.items as Array<{ status: string; kind: string; number: string | null; issueDate: string | null; overdue: boolean }>;
    expect(new Set(invoices.map((i) => i.status))).toEqual(new Set(['draft', 'issued', 'sent', 'partially_paid', 'paid', 'overdue', 'cancelled']));
    // Those marked overdue are past their due date with money due (the dunning process marks the others as it reaches them).
    expect(invoices.filter((i) => i.status === 'overdue').every((i) => i.overdue)).toBe(true);
    expect(new Set(invoices.map((i) => i.kind))).toEqual(new Set(['standard', 'deposit', 'final']));
    const quotes = (await api('/api/v1/billing/quotes?limit=200')).body.items as Array<{ status: string }>;
    expect(new Set(quotes.map((q) => q.status))).toEqual(new Set(['draft', 'sent', 'accepted', 'refused', 'expired']));
    const credits = (await api('/api/v1/billing/credit-notes?limit=200')).body.items as Array<{ status: string; number: string }>;
    expect(credits).toEqual([expect.objectContaining({ status: 'issued' })]);

    // Numbers: one sequence per document kind, consecutive, increasing with the issue date.
    const issued = invoices.filter((i) => i.number).sort((x, y) => x.number!.localeCompare(y.number!));
    const sequence = issued.map((i) => Number(/(\d+)$/.exec(i.number!)![1]));
    expect(sequence).toEqual(sequence.map((_n, i) => sequence[0]! + i));
    expect(issued.map((i) => i.issueDate)).toEqual([...issued.map((i) => i.issueDate)].sort());
  });

  it.each(['epic-events', 'acme-school'])('%s invoices nothing: no profile, no documents, no billing grant', async (slug) => {
    const id = await tenantId(t.admin, slug);
    expect(await t.admin('billingProfiles').where({ tenantId: id }).first()).toBeUndefined();
    expect(await t.admin('billingInvoices').where({ tenantId: id }).first()).toBeUndefined();
    expect(await t.admin('permissionGrants').where({ tenantId: id }).whereLike('permission', 'billing.%').first()).toBeUndefined();
  });
});
