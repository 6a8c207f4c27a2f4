import { BUYER, invoiceView } from '../../test/support/billing-views';
import type { BillingDocumentView } from './document-view';
import { FEC_COLUMNS, fecAmount, fecFile, fecLines, latin9, letterCode, type FecDocument, type FecLine, type FecPayment } from './fec';

/**
 * A December 2026 of Cassandre Conseil. Amounts of INVOICE_LINES, worked out by hand in
 * test/support/billing-views.ts: HT 3 895,15 (20 %: 3 773,25; 10 %: 37,90; 5,5 %: 84,00),
 * TVA 763,06 (754,65; 3,79; 4,62), TTC 4 658,21.
 */
const PERIOD = { from: '2026-12-01', to: '2026-12-31' };
const ACCOUNT_A = 'aaaaaaaa-1111-4111-8111-111111111111';
const ACCOUNT_B = 'bbbbbbbb-2222-4222-8222-222222222222';
const ONE_LINE = [{ description: 'Vidange de fosse', quantity: 1, unitPriceCents: 25_000, vatRateBasisPoints: 1000 }]; // 250,00 + 25,00 = 275,00

const invoice42 = invoiceView({ id: 'i42', number: 'F-2026-00042', issueDate: '2026-12-03' });
const invoice43 = invoiceView({ id: 'i43', number: 'F-2026-00043', issueDate: '2026-12-05' }, ONE_LINE);
const creditNote1 = invoiceView({ type: 'credit-note', id: 'c1', number: 'AV-2026-00001', issueDate: '2026-12-08', precedingInvoice: { number: 'F-2026-00043', issueDate: '2026-12-05' } }, ONE_LINE);
const invoice44 = invoiceView({ id: 'i44', number: 'F-2026-00044', issueDate: '2026-12-06', buyer: { ...BUYER, name: 'Maëlle Le Goff\t(œuvre)', isBusiness: false } }, ONE_LINE);
const november = invoiceView({ id: 'i41', number: 'F-2026-00041', issueDate: '2026-11-30' });
const draft = invoiceView({ id: 'd1', number: null, issueDate: '2026-12-10' });
const quote = invoiceView({ type: 'quote', id: 'q1', number: 'D-2026-00007', issueDate: '2026-12-10' });

const documents: FecDocument[] = [
  { view: invoice44, accountId: ACCOUNT_B },
  { view: invoice42, accountId: ACCOUNT_A, auxiliaryAccount: 'CVIDANGEUR' },
  { view: creditNote1, accountId: ACCOUNT_A, auxiliaryAccount: 'CVIDANGEUR' },
  { view: invoice43, accountId: ACCOUNT_A, auxiliaryAccount: 'CVIDANGEUR' },
  { view: november, accountId: ACCOUNT_A },
  { view: draft, accountId: ACCOUNT_A },
  { view: quote, accountId: ACCOUNT_A },
];
const payment = (id: string, invoiceNumber: string, paidOn: string, amountCents: number, method: FecPayment['method'], accountId = ACCOUNT_A): FecPayment =>
  ({ id, invoiceNumber, accountId, clientName: accountId === ACCOUNT_A ? 'Vidangeur Breton' : 'Maëlle Le Goff', auxiliaryAccount: accountId === ACCOUNT_A ? 'CVIDANGEUR' : undefined, paidOn, amountCents, method, reference: `VIR-${id}` });
const payments: FecPayment[] = [
  payment('p2', 'F-2026-00042', '2026-12-20', 265_821, 'card'),
  payment('p1', 'F-2026-00042', '2026-12-10', 200_000, 'transfer'),
  payment('p3', 'F-2026-00044', '2026-12-15', 10_000, 'cash', ACCOUNT_B),
  payment('p4', 'F-2026-00044', '2026-12-16', 5_000, 'account_credit', ACCOUNT_B),
  payment('p5', 'F-2026-00041', '2026-11-29', 10_000, 'transfer'),
];

function byEntry(lines: FecLine[]): Map<string, FecLine[]> {
  const entries = new Map<string, FecLine[]>();
  for (const line of lines) entries.set(line.entryNumber, [...(entries.get(line.entryNumber) ?? []), line]);
  return entries;
}
const sum = (lines: FecLine[], pick: (l: FecLine) => number) => lines.reduce((total, l) => total + pick(l), 0);

describe('the FEC of a period', () => {
  const lines = fecLines(PERIOD, documents, payments);

  it('balances every entry (Σ debit = Σ credit) and numbers entries per journal in date order', () => {
    const entries = byEntry(lines);
    expect([...entries.keys()]).toEqual(['VE000001', 'VE000002', 'VE000003', 'VE000004', 'BQ000001', 'BQ000002', 'CA000001']);
    for (const [, entry] of entries) expect(sum(entry, (l) => l.debitCents)).toBe(sum(entry, (l) => l.creditCents));
    expect([...entries.values()].map((e) => e[0]!.pieceRef)).toEqual(['F-2026-00042', 'F-2026-00043', 'F-2026-00044', 'AV-2026-00001', 'VIR-p1', 'VIR-p2', 'VIR-p3']);
  });

  it('writes an invoice as 411 debited by the total, 706 and 44571 credited per VAT rate, with the hand-computed amounts', () => {
    const entry = byEntry(lines).get('VE000001')!;
    expect(entry.map((l) => [l.accountNumber, l.auxiliaryNumber, l.debitCents, l.creditCents, l.label])).toEqual([
      ['411000', 'CVIDANGEUR', 465_821, 0, 'Facture F-2026-00042 - Vidangeur Breton'],
      ['706000', '', 0, 377_325, 'Facture F-2026-00042 - HT 20 %'],
      ['706000', '', 0, 3_790, 'Facture F-2026-00042 - HT 10 %'],
      ['706000', '', 0, 8_400, 'Facture F-2026-00042 - HT 5,5 %'],
      ['445710', '', 0, 75_465, 'Facture F-2026-00042 - TVA 20 %'],
      ['445710', '', 0, 379, 'Facture F-2026-00042 - TVA 10 %'],
      ['445710', '', 0, 462, 'Facture F-2026-00042 - TVA 5,5 %'],
    ]);
    expect(entry.every((l) => l.entryDate === '2026-12-03' && l.pieceDate === '2026-12-03' && l.validDate === '2026-12-03')).toBe(true);
  });

  it('sums, per account, to the documents\' totals: sales less credit notes, and the payments received', () => {
    const total = (account: string) => sum(lines.filter((l) => l.accountNumber === account), (l) => l.debitCents - l.creditCents);
    // Sales: 4 658,21 + 275,00 + 275,00 − 275,00 (credit note) = 4 933,21 TTC; 3 895,15 + 250,00 HT; 763,06 + 25,00 TVA.
    expect(sum(lines.filter((l) => l.journalCode === 'VE' && l.accountNumber === '411000'), (l) => l.debitCents - l.creditCents)).toBe(493_321);
    expect(total('706000')).toBe(-(389_515 + 25_000));
    expect(total('445710')).toBe(-(76_306 + 2_500));
    // Received: 2 000,00 + 2 658,21 at the bank, 100,00 in cash; account credit moves no money.
    expect(total('512000')).toBe(465_821);
    expect(total('530000')).toBe(10_000);
    expect(total('411000')).toBe(493_321 - 465_821 - 10_000);
  });

  it('reverses a credit note: 411 credited, 706 and 44571 debited', () => {
    const entry = byEntry(lines).get('VE000004')!;
    expect(entry.map((l) => [l.accountNumber, l.debitCents, l.creditCents])).toEqual([['411000', 0, 27_500], ['706000', 25_000, 0], ['445710', 2_500, 0]]);
  });

  it('letters an invoice with the payments or the credit note that settle it, and leaves a partly paid one open', () => {
    const receivable = lines.filter((l) => l.accountNumber === '411000').map((l) => [l.pieceRef, l.auxiliaryNumber, l.letter, l.letterDate]);
    expect(receivable).toEqual([
      ['F-2026-00042', 'CVIDANGEUR', 'A', '2026-12-20'],
      ['F-2026-00043', 'CVIDANGEUR', 'B', '2026-12-08'],
      ['F-2026-00044', 'CBBBBBBBB22', '', ''],
      ['AV-2026-00001', 'CVIDANGEUR', 'B', '2026-12-08'],
      ['VIR-p1', 'CVIDANGEUR', 'A', '2026-12-20'],
      ['VIR-p2', 'CVIDANGEUR', 'A', '2026-12-20'],
      ['VIR-p3', 'CBBBBBBBB22', '', ''],
    ]);
    expect(lines.filter((l) => l.accountNumber !== '411000').every((l) => l.letter === '')).toBe(true);
  });

  it('credits the revenue account a line maps to, and debits a negative net', () => {
    const view: BillingDocumentView = invoiceView({ number: 'F-2026-00050', issueDate: '2026-12-12' }, [
      { description: 'Boîtier routeur', quantity: 2, unitPriceCents: 10_000, vatRateBasisPoints: 2000 },
      { description: 'Remise fidélité', quantity: -1, unitPriceCents: 30_000, vatRateBasisPoints: 2000 },
      { description: 'Installation', quantity: 1, unitPriceCents: 50_000, vatRateBasisPoints: 1000 },
    ]);
    const goods = { number: '707000', label: 'Ventes de marchandises' };
    const entry = fecLines(PERIOD, [{ view, accountId: ACCOUNT_A }], [], { revenueAccountOf: (line) => (line.description.startsWith('Boîtier') ? goods : null) });
    // 706 at 20 %: −300,00 (debit); 707 at 20 %: 200,00; 706 at 10 %: 500,00; TVA 20 %: −100,00 × 20 % = −20,00 (debit); 10 %: 50,00.
    expect(entry.map((l) => [l.accountNumber, l.debitCents, l.creditCents])).toEqual([
      ['411000', 43_000, 0], ['706000', 30_000, 0], ['706000', 0, 50_000], ['707000', 0, 20_000], ['445710', 2_000, 0], ['445710', 0, 5_000],
    ]);
    expect(sum(entry, (l) => l.debitCents)).toBe(sum(entry, (l) => l.creditCents));
  });
});

describe('the FEC file', () => {
  const file = fecFile('842 156 374', PERIOD, documents, payments);
  const text = new TextDecoder('iso-8859-15').decode(file.content);
  const rows = text.split('\r\n').slice(0, -1).map((row) => row.split('\t'));

  it('is named <SIREN>FEC<closing date>.txt', () => {
    expect(file.name).toBe('842156374FEC20261231.txt');
  });

  it('has the 18 columns of A47 A-1 in order, a header, dates as yyyyMMdd and amounts with a decimal comma', () => {
    expect(rows[0]).toEqual([...FEC_COLUMNS]);
    expect(rows.length).toBe(file.lines.length + 1);
    for (const row of rows.slice(1)) {
      expect(row).toHaveLength(18);
      expect(row[3]).toMatch(/^202612\d\d$/);
      expect(row[9]).toMatch(/^202612\d\d$/);
      expect(row[11]).toMatch(/^\d+,\d\d$/);
      expect(row[12]).toMatch(/^\d+,\d\d$/);
      expect(row[14]).toMatch(/^(|\d{8})$/);
      expect([row[16], row[17]]).toEqual(['', '']);
    }
    expect(rows[1]!.slice(0, 13)).toEqual(['VE', 'Journal des ventes', 'VE000001', '20261203', '411000', 'Clients', 'CVIDANGEUR', 'Vidangeur Breton', 'F-2026-00042', '20261203', 'Facture F-2026-00042 - Vidangeur Breton', '4658,21', '0,00']);
  });

  it('is encoded in ISO 8859-15, a tab inside a name replaced by a space', () => {
    expect(text).toContain('Maëlle Le Goff (œuvre)');
    expect([...file.content].includes(0xbd)).toBe(true); // œ in ISO 8859-15
  });
});

describe('FEC values', () => {
  it('writes amounts with a comma and no thousands separator', () => {
    expect([fecAmount(0), fecAmount(5), fecAmount(123_456_789), fecAmount(-1_050)]).toEqual(['0,00', '0,05', '1234567,89', '-10,50']);
  });

  it('encodes the eight Latin-9 letters in their places, typographic signs in ASCII, anything else as ?', () => {
    expect([...latin9('é€Œœ ’…–ŸŠ ¤½😀')]).toEqual([0xe9, 0xa4, 0xbc, 0xbd, 0x20, 0x27, 0x2e, 0x2e, 0x2e, 0x2d, 0xbe, 0xa6, 0x20, 0x3f, 0x3f, 0x3f]);
  });

  it('letters A to Z, then AA, AB … ZZ, AAA', () => {
    expect([0, 25, 26, 27, 701, 702].map(letterCode)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});
