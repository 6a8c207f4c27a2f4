import request from 'supertest';
import { todayInParis } from '../../domain/billing/issue';
import { FEC_COLUMNS } from '../../domain/billing/fec';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * GET /api/v1/billing/fec on an organisation of its own: two invoices issued today, one paid in two
 * payments, the other cancelled by a credit note; the file balances and matches the documents' totals.
 */
const PROFILE = {
  legalName: 'Réseaux du Léon SARL', legalForm: 'SARL', shareCapitalCents: 800_000, siren: '732829320', siret: '73282932000074', vatNumber: 'FR44732829320',
  registration: 'RCS Brest', addressLine1: '5 quai de la Douane', postalCode: '29200', city: 'Brest', latePenaltyRateBasisPoints: 1215,
};
const CLIENT = { name: 'Crêperie du Port', legalName: 'Crêperie du Port SAS', siren: '552100554', addressLine1: '1 rue de Siam', postalCode: '29200', city: 'Brest' };
const LINES = [
  { description: 'Abonnement fibre', quantity: 1, unitPriceCents: 8_900, vatRateBasisPoints: 2000 }, // 89,00 + 17,80
  { description: 'Livre « Réseaux »', quantity: 2, unitPriceCents: 1_500, vatRateBasisPoints: 550 }, // 30,00 + 1,65
];
// TTC 89,00 + 17,80 + 30,00 + 1,65 = 138,45

describe('billing: the FEC export', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  let token: string;
  let invoices: Array<{ id: string; number: string; totalIncludingTaxCents: number }>;
  let creditNoteNumber: string;
  const today = todayInParis();
  const year = today.slice(0, 4);
  const api = (method: 'get' | 'post' | 'put', url: string, bearer = token) => request(t.app)[method](url).set('Authorization', `Bearer ${bearer}`);
  const fec = (query: string, bearer = token) => api('get', `/api/v1/billing/fec${query}`, bearer).buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });

  beforeAll(async () => {
    t = testContext();
    tenant = await createOwnTenant(t.admin, 'billing-fec');
    token = (await loginAs(t.app, 'accounting', tenant.slug)).accessToken;
    const manager = (await loginAs(t.app, 'manager', tenant.slug)).accessToken;
    expect((await api('put', '/api/v1/billing/profile').set('If-Match', '"0"').send(PROFILE)).status).toBe(200);
    const account = await api('post', '/api/v1/accounts', manager).send(CLIENT);
    expect(account.status).toBe(201);
    invoices = [];
    for (let i = 0; i < 2; i++) {
      const draft = await api('post', '/api/v1/billing/invoices').send({ accountId: account.body.id, lines: LINES });
      expect(draft.status).toBe(201);
      const issued = await api('post', `/api/v1/billing/invoices/${draft.body.id}/issue`);
      expect(issued.status).toBe(200);
      invoices.push(issued.body);
    }
    for (const [amountCents, method] of [[10_000, 'transfer'], [3_845, 'cash']] as const) {
      expect((await api('post', `/api/v1/billing/invoices/${invoices[0]!.id}/payments`).send({ amountCents, method, paidOn: today, reference: `R-${amountCents}` })).status).toBe(201);
    }
    const credited = await api('post', `/api/v1/billing/invoices/${invoices[1]!.id}/credit-note`).send({ reason: 'Commande annulée' });
    expect(credited.status).toBe(201);
    creditNoteNumber = credited.body.creditNote.number;
  });
  afterAll(() => t.close());

  it('downloads the period\'s FEC, named after the SIREN, every entry balanced and matching the documents\' totals', async () => {
    const res = await fec(`?from=${year}-01-01&to=${year}-12-31`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=ISO-8859-15');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="732829320FEC${year}1231.txt"`);
    const rows = new TextDecoder('iso-8859-15').decode(res.body as Buffer).split('\r\n').slice(0, -1).map((r) => r.split('\t'));
    expect(rows[0]).toEqual([...FEC_COLUMNS]);
    const lines = rows.slice(1).map((r) => ({ journal: r[0]!, entry: r[2]!, account: r[4]!, piece: r[8]!, debit: cents(r[11]!), credit: cents(r[12]!), letter: r[13]! }));
    const entries = new Map<string, typeof lines>();
    for (const line of lines) entries.set(line.entry, [...(entries.get(line.entry) ?? []), line]);
    expect(entries.size).toBe(5); // two invoices and a credit note in the sales journal, a bank and a cash payment
    for (const entry of entries.values()) expect(entry.reduce((s, l) => s + l.debit - l.credit, 0)).toBe(0);

    const receivable = (piece: string) => lines.find((l) => l.account === '411000' && l.piece === piece)!;
    expect(invoices.map((i) => i.totalIncludingTaxCents)).toEqual([13_845, 13_845]);
    expect(receivable(invoices[0]!.number)).toMatchObject({ journal: 'VE', debit: 13_845, credit: 0 });
    expect(receivable(creditNoteNumber)).toMatchObject({ journal: 'VE', debit: 0, credit: 13_845 });
    // 706: 119,00 per invoice, back on the credit note; 44571: 19,45 per invoice.
    const balance = (account: string) => lines.filter((l) => l.account === account).reduce((s, l) => s + l.credit - l.debit, 0);
    expect(balance('706000')).toBe(11_900);
    expect(balance('445710')).toBe(1_945);
    expect(lines.filter((l) => l.journal !== 'VE' && l.account !== '411000').map((l) => [l.journal, l.account, l.debit])).toEqual([['BQ', '512000', 10_000], ['CA', '530000', 3_845]]);
    // Both invoices settled within the file: each lettered with what settled it.
    const letters = lines.filter((l) => l.account === '411000').map((l) => l.letter);
    expect(letters.every((l) => /^[AB]$/.test(l))).toBe(true);
    expect(receivable('R-10000').letter).toBe(receivable(invoices[0]!.number).letter);
    expect(receivable(creditNoteNumber).letter).toBe(receivable(invoices[1]!.number).letter);
  });

  it('exports an empty journal (the header alone) for a period without documents', async () => {
    const res = await fec('?from=2001-01-01&to=2001-12-31');
    expect(res.status).toBe(200);
    expect((res.body as Buffer).toString('latin1')).toBe(`${FEC_COLUMNS.join('\t')}\r\n`);
  });

  it.each([
    ['', 'from', 'La date de début (from) de la période doit être une date au format AAAA-MM-JJ, par exemple 2026-01-01.'],
    ['?from=2026-02-30&to=2026-03-31', 'from', 'La date de début (from) de la période doit être une date au format AAAA-MM-JJ, par exemple 2026-01-01.'],
    ['?from=2026-12-31&to=2026-01-01', 'to', 'La période finit le 1 janv. 2026, avant de commencer le 31 déc. 2026 : la date de fin doit suivre la date de début.'],
    ['?from=2024-01-01&to=2026-01-01', 'to', 'Un FEC couvre un exercice comptable, soit au plus 24 mois : choisissez une période plus courte.'],
    ['?from[]=2026-01-01&to=2026-12-31', 'from', 'La date de début (from) de la période doit être une date au format AAAA-MM-JJ, par exemple 2026-01-01.'],
  ])('refuses the period %s with a French 422 naming the field', async (query, field, detail) => {
    const res = await fec(query);
    expect(res.status).toBe(422);
    const problem = JSON.parse((res.body as Buffer).toString('utf8'));
    expect(problem.detail).toBe(detail);
    expect(problem.errors[0].field).toBe(field);
  });

  it('refuses a role that reads only its own invoices (403)', async () => {
    const sales = (await loginAs(t.app, 'sales', tenant.slug)).accessToken;
    const res = await fec(`?from=${year}-01-01&to=${year}-12-31`, sales);
    expect(res.status).toBe(403);
  });
});

/** `1234,56` → 123456 */
function cents(amount: string): number {
  expect(amount).toMatch(/^\d+,\d\d$/);
  return Number(amount.replace(',', ''));
}
