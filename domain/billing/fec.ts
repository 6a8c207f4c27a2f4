import type { BillingDocumentView } from './document-view';
import type { ComputedLine } from './line.schema';

/**
 * The FEC (fichier des écritures comptables, art. L47 A-I and A47 A-1 du livre des procédures fiscales)
 * of the sales side for a period: the entries an accountant imports, from issued documents (their frozen
 * views) and the payments ledger. Pure: the caller loads documents and payments; nothing here reads a database.
 *
 * - Sales journal (VE), one entry per invoice: debit 411 (the client's auxiliary account) by the total
 *   including tax; credit the revenue account (706 by default, or what `revenueAccountOf` gives a line)
 *   by the net of each (account, VAT rate); credit 44571 by the tax of each rate. A credit note is the same
 *   entry reversed. An amount below zero (a discount line larger than the rest) goes to the other side.
 * - Bank journal (BQ, or CA for cash): one entry per payment, debit 512 (530 for cash) and credit 411;
 *   a payment from the client's account credit moves no money and is left out (the credit note already
 *   credited 411).
 * - Lettering: an invoice's 411 line, its payments' and its credit notes' in the file get the same letter
 *   (A, B, … Z, AA… per auxiliary account) when they settle it exactly; DateLet is the latest of their dates.
 * - Every entry balances (Σ debit = Σ credit) by construction: Σ line nets = total excluding tax,
 *   Σ rate taxes = total tax (totals.ts).
 * - The file: the 18 columns in the order of A47 A-1, a header line, tab separated, dates yyyyMMdd,
 *   amounts with a decimal comma and no thousands separator, entries numbered per journal in date
 *   order (VE000001…), EUR documents so Montantdevise and Idevise stay empty, encoded ISO 8859-15
 *   (one of the encodings A47 A-1 allows), named `<SIREN>FEC<yyyyMMdd>.txt` with the period's last day.
 */
export const FEC_COLUMNS = [
  'JournalCode', 'JournalLib', 'EcritureNum', 'EcritureDate', 'CompteNum', 'CompteLib', 'CompAuxNum', 'CompAuxLib', 'PieceRef',
  'PieceDate', 'EcritureLib', 'Debit', 'Credit', 'EcritureLet', 'DateLet', 'ValidDate', 'Montantdevise', 'Idevise',
] as const;

export interface FecAccount {
  number: string;
  label: string;
}

export interface FecAccounts {
  receivable: FecAccount;
  revenue: FecAccount;
  vat: FecAccount;
  bank: FecAccount;
  cash: FecAccount;
}

export const DEFAULT_FEC_ACCOUNTS: FecAccounts = {
  receivable: { number: '411000', label: 'Clients' },
  revenue: { number: '706000', label: 'Prestations de services' },
  vat: { number: '445710', label: 'TVA collectée' },
  bank: { number: '512000', label: 'Banque' },
  cash: { number: '530000', label: 'Caisse' },
};

const JOURNALS = {
  sales: { code: 'VE', label: 'Journal des ventes' },
  bank: { code: 'BQ', label: 'Journal de banque' },
  cash: { code: 'CA', label: 'Journal de caisse' },
} as const;

/** What the FEC reads of a document's frozen view. */
export type FecView = Pick<BillingDocumentView, 'type' | 'number' | 'issueDate' | 'buyer' | 'totals' | 'precedingInvoice'>;

/** An issued invoice or credit note and the client account it was issued to. */
export interface FecDocument {
  view: FecView;
  accountId: string;
  /** The client's auxiliary account number (CompAuxNum); derived from the account id when not given. */
  auxiliaryAccount?: string;
}

/** A row of the payments ledger (billing_payments) with the invoice and the client it belongs to. */
export interface FecPayment {
  id: string;
  invoiceNumber: string;
  accountId: string;
  clientName: string;
  auxiliaryAccount?: string;
  /** yyyy-mm-dd */
  paidOn: string;
  amountCents: number;
  method: 'transfer' | 'card' | 'cheque' | 'cash' | 'direct_debit' | 'account_credit' | 'other';
  reference: string | null;
}

export interface FecOptions {
  accounts?: Partial<FecAccounts>;
  /** The revenue account of a line (707 for goods, by catalogue kind…); the default revenue account when it answers null. */
  revenueAccountOf?: (line: ComputedLine, view: FecView) => FecAccount | null;
}

/** One line of the file, its amounts in cents (one of them 0). */
export interface FecLine {
  journalCode: string;
  journalLabel: string;
  entryNumber: string;
  /** yyyy-mm-dd */
  entryDate: string;
  accountNumber: string;
  accountLabel: string;
  auxiliaryNumber: string;
  auxiliaryLabel: string;
  pieceRef: string;
  pieceDate: string;
  label: string;
  debitCents: number;
  creditCents: number;
  letter: string;
  letterDate: string;
  validDate: string;
}

/** The client's auxiliary account: C and the first ten hexadecimal digits of its id, unless the caller names one. */
export function auxiliaryAccountOf(accountId: string, given?: string): string {
  return given?.trim() || `C${accountId.replace(/-/g, '').slice(0, 10).toUpperCase()}`;
}

const isInPeriod = (date: string, from: string, to: string) => date >= from && date <= to;
const SALES_TYPES = new Set<BillingDocumentView['type']>(['invoice', 'deposit-invoice', 'final-invoice', 'credit-note']);

interface Entry { journal: (typeof JOURNALS)[keyof typeof JOURNALS]; date: string; sortKey: string; lines: Omit<FecLine, 'journalCode' | 'journalLabel' | 'entryNumber' | 'entryDate'>[]; settles?: string; settled?: string }

/** The lines of the FEC of a period (`from` and `to` included, yyyy-mm-dd), in journal then date order. */
export function fecLines(period: { from: string; to: string }, documents: FecDocument[], payments: FecPayment[], options: FecOptions = {}): FecLine[] {
  const accounts = { ...DEFAULT_FEC_ACCOUNTS, ...options.accounts };
  const entries: Entry[] = [];

  for (const { view, accountId, auxiliaryAccount } of documents) {
    if (!view.number || !SALES_TYPES.has(view.type) || !isInPeriod(view.issueDate, period.from, period.to)) continue;
    const credit = view.type === 'credit-note';
    const auxiliary = { auxiliaryNumber: auxiliaryAccountOf(accountId, auxiliaryAccount), auxiliaryLabel: clean(view.buyer.name) };
    const what = credit ? `Avoir ${view.number}` : `Facture ${view.number}`;
    const common = { pieceRef: view.number, pieceDate: view.issueDate, letter: '', letterDate: '', validDate: view.issueDate };
    // Sales: the client owes the total (debit); a credit note gives it back (credit).
    const sided = (cents: number, debitSide: boolean) => {
      const debit = debitSide !== cents < 0;
      return { debitCents: debit ? Math.abs(cents) : 0, creditCents: debit ? 0 : Math.abs(cents) };
    };
    const lines: Entry['lines'] = [{
      ...common, ...auxiliary, accountNumber: accounts.receivable.number, accountLabel: accounts.receivable.label,
      label: clean(`${what} - ${view.buyer.name}`), ...sided(view.totals.totalIncludingTaxCents, !credit),
    }];
    const revenue = new Map<string, { account: FecAccount; rate: number; cents: number }>();
    for (const line of view.totals.lines) {
      const account = options.revenueAccountOf?.(line, view) ?? accounts.revenue;
      const key = `${account.number}/${line.vatRateBasisPoints}`;
      const group = revenue.get(key) ?? { account, rate: line.vatRateBasisPoints, cents: 0 };
      group.cents += line.netCents;
      revenue.set(key, group);
    }
    for (const group of [...revenue.values()].sort((a, b) => a.account.number.localeCompare(b.account.number) || b.rate - a.rate)) {
      if (!group.cents) continue;
      lines.push({
        ...common, auxiliaryNumber: '', auxiliaryLabel: '', accountNumber: group.account.number, accountLabel: group.account.label,
        label: clean(`${what} - HT ${rateText(group.rate)}`), ...sided(group.cents, credit),
      });
    }
    const taxes = new Map<number, number>();
    for (const row of view.totals.vatBreakdown) taxes.set(row.rateBasisPoints, (taxes.get(row.rateBasisPoints) ?? 0) + row.taxCents);
    for (const [rate, cents] of [...taxes].sort((a, b) => b[0] - a[0])) {
      if (!cents) continue;
      lines.push({
        ...common, auxiliaryNumber: '', auxiliaryLabel: '', accountNumber: accounts.vat.number, accountLabel: `${accounts.vat.label} ${rateText(rate)}`,
        label: clean(`${what} - TVA ${rateText(rate)}`), ...sided(cents, credit),
      });
    }
    entries.push({
      journal: JOURNALS.sales, date: view.issueDate, sortKey: `${credit ? 1 : 0}/${view.number}`, lines,
      ...(credit ? { settles: view.precedingInvoice?.number } : { settled: view.number }),
    });
  }

  for (const payment of payments) {
    if (payment.method === 'account_credit' || !isInPeriod(payment.paidOn, period.from, period.to) || !payment.amountCents) continue;
    const cash = payment.method === 'cash';
    const journal = cash ? JOURNALS.cash : JOURNALS.bank;
    const account = cash ? accounts.cash : accounts.bank;
    const pieceRef = clean(payment.reference ?? '') || payment.invoiceNumber;
    const label = clean(`Règlement ${payment.invoiceNumber} - ${payment.clientName}`);
    const common = { pieceRef, pieceDate: payment.paidOn, label, letter: '', letterDate: '', validDate: payment.paidOn };
    const cents = Math.abs(payment.amountCents);
    const received = payment.amountCents > 0;
    entries.push({
      journal, date: payment.paidOn, sortKey: `${payment.invoiceNumber}/${payment.id}`, settles: payment.invoiceNumber,
      lines: [
        { ...common, auxiliaryNumber: '', auxiliaryLabel: '', accountNumber: account.number, accountLabel: account.label, debitCents: received ? cents : 0, creditCents: received ? 0 : cents },
        {
          ...common, auxiliaryNumber: auxiliaryAccountOf(payment.accountId, payment.auxiliaryAccount), auxiliaryLabel: clean(payment.clientName),
          accountNumber: accounts.receivable.number, accountLabel: accounts.receivable.label, debitCents: received ? 0 : cents, creditCents: received ? cents : 0,
        },
      ],
    });
  }

  letter(entries, accounts.receivable.number);
  const order = [JOURNALS.sales.code, JOURNALS.bank.code, JOURNALS.cash.code] as string[];
  entries.sort((a, b) => order.indexOf(a.journal.code) - order.indexOf(b.journal.code) || a.date.localeCompare(b.date) || a.sortKey.localeCompare(b.sortKey));
  const counters = new Map<string, number>();
  return entries.flatMap((entry) => {
    const n = (counters.get(entry.journal.code) ?? 0) + 1;
    counters.set(entry.journal.code, n);
    const head = { journalCode: entry.journal.code, journalLabel: entry.journal.label, entryNumber: `${entry.journal.code}${String(n).padStart(6, '0')}`, entryDate: entry.date };
    return entry.lines.map((line) => ({ ...head, ...line }));
  });
}

/**
 * Letters each invoice's 411 line with the 411 lines of its payments and credit notes in the file, when
 * together they balance (the invoice is settled within what the file holds). Letters follow the order
 * of the invoices per auxiliary account: A … Z, AA, AB …
 */
function letter(entries: Entry[], receivable: string): void {
  const receivableLine = (entry: Entry) => entry.lines.find((l) => l.accountNumber === receivable && l.auxiliaryNumber);
  const invoices = entries.filter((e) => e.settled).sort((a, b) => a.date.localeCompare(b.date) || a.sortKey.localeCompare(b.sortKey));
  const used = new Map<string, number>();
  for (const invoice of invoices) {
    const own = receivableLine(invoice)!;
    const settling = entries.filter((e) => e.settles === invoice.settled).map((e) => ({ entry: e, line: receivableLine(e)! }))
      .filter(({ line }) => line.auxiliaryNumber === own.auxiliaryNumber);
    if (!settling.length) continue;
    const balance = [own, ...settling.map((s) => s.line)].reduce((sum, l) => sum + l.debitCents - l.creditCents, 0);
    if (balance !== 0) continue;
    const index = used.get(own.auxiliaryNumber) ?? 0;
    used.set(own.auxiliaryNumber, index + 1);
    const code = letterCode(index);
    const date = [invoice.date, ...settling.map((s) => s.entry.date)].sort().at(-1)!;
    for (const line of [own, ...settling.map((s) => s.line)]) {
      line.letter = code;
      line.letterDate = date;
    }
  }
}

/** 0 → A, 25 → Z, 26 → AA, 27 → AB … */
export function letterCode(index: number): string {
  let code = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) code = String.fromCharCode(65 + ((n - 1) % 26)) + code;
  return code;
}

/** A text as a FEC field holds it: no tab nor line break (they separate fields and lines), spaces collapsed. */
function clean(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

function rateText(basisPoints: number): string {
  return `${(basisPoints / 100).toLocaleString('fr-FR', { maximumFractionDigits: 2 })} %`;
}

/** Cents with a decimal comma and no thousands separator: 123456 → `1234,56`. */
export function fecAmount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** yyyy-mm-dd → yyyyMMdd (empty stays empty). */
export function fecDate(date: string): string {
  return date.replace(/-/g, '');
}

/** The file's text: the header line, then one line per FEC line, tab separated, CRLF line ends. */
export function fecText(lines: FecLine[]): string {
  const rows = lines.map((l) => [
    l.journalCode, l.journalLabel, l.entryNumber, fecDate(l.entryDate), l.accountNumber, l.accountLabel, l.auxiliaryNumber, l.auxiliaryLabel,
    l.pieceRef, fecDate(l.pieceDate), l.label, fecAmount(l.debitCents), fecAmount(l.creditCents), l.letter, fecDate(l.letterDate), fecDate(l.validDate), '', '',
  ].join('\t'));
  return [FEC_COLUMNS.join('\t'), ...rows].join('\r\n') + '\r\n';
}

/** ISO 8859-15 differs from Latin-1 in eight places (€, Š, š, Ž, ž, Œ, œ, Ÿ); other characters out of it become « ? ». */
const LATIN9: Record<string, number> = { '€': 0xa4, 'Š': 0xa6, 'š': 0xa8, 'Ž': 0xb4, 'ž': 0xb8, 'Œ': 0xbc, 'œ': 0xbd, 'Ÿ': 0xbe };
const LATIN1_ONLY = new Set([0xa4, 0xa6, 0xa8, 0xb4, 0xb8, 0xbc, 0xbd, 0xbe]);

export function latin9(text: string): Buffer {
  const typographic: Record<string, string> = { '’': '\'', '‘': '\'', '“': '"', '”': '"', '–': '-', '—': '-', '…': '...', '\u202f': ' ' };
  const bytes = [...text].map((char) => {
    const mapped = LATIN9[char];
    if (mapped !== undefined) return [mapped];
    const code = char.codePointAt(0)!;
    if (code < 0x100 && !LATIN1_ONLY.has(code)) return [code];
    return [...(typographic[char] ?? '?')].map((c) => c.charCodeAt(0));
  });
  return Buffer.from(bytes.flat());
}

/** `<SIREN>FEC<yyyyMMdd>.txt`, the date being the closing date (here the period's last day). */
export function fecFileName(siren: string, closingDate: string): string {
  return `${siren.replace(/\s+/g, '')}FEC${fecDate(closingDate)}.txt`;
}

/** The FEC of a period: its name, its lines and its bytes. */
export function fecFile(siren: string, period: { from: string; to: string }, documents: FecDocument[], payments: FecPayment[], options: FecOptions = {}): { name: string; lines: FecLine[]; content: Buffer } {
  const lines = fecLines(period, documents, payments, options);
  return { name: fecFileName(siren, period.to), lines, content: latin9(fecText(lines)) };
}
