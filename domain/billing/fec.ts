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

/** Code-unit order (dates, numbers and account numbers compare as written; no locale collation). */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const isInPeriod = (date: string, from: string, to: string) => date >= from && date <= to;
const SALES_TYPES = new Set<BillingDocumentView['type']>(['invoice', 'deposit-invoice', 'final-invoice', 'credit-note']);

type Journal = (typeof JOURNALS)[keyof typeof JOURNALS];
interface Entry { journal: Journal; date: string; sortKey: string; lines: FecLine[]; settles?: string; settled?: string }
interface Piece { journal: Journal; date: string; pieceRef: string }

/** A line of an entry (numbered later), every field in the same order; a negative amount goes to the other side. */
function fecLine(piece: Piece, account: FecAccount, auxiliary: FecAccount | null, label: string, cents: number, debitSide: boolean): FecLine {
  const debit = debitSide !== cents < 0;
  const amount = Math.abs(cents);
  return {
    journalCode: piece.journal.code, journalLabel: piece.journal.label, entryNumber: '', entryDate: piece.date,
    accountNumber: account.number, accountLabel: account.label, auxiliaryNumber: auxiliary?.number ?? '', auxiliaryLabel: auxiliary?.label ?? '',
    pieceRef: piece.pieceRef, pieceDate: piece.date, label, debitCents: debit ? amount : 0, creditCents: debit ? 0 : amount,
    letter: '', letterDate: '', validDate: piece.date,
  };
}

/** The lines of the FEC of a period (`from` and `to` included, yyyy-mm-dd), in journal then date order. */
export function fecLines(period: { from: string; to: string }, documents: FecDocument[], payments: FecPayment[], options: FecOptions = {}): FecLine[] {
  const accounts = { ...DEFAULT_FEC_ACCOUNTS, ...options.accounts };
  const entries: Entry[] = [];

  for (const { view, accountId, auxiliaryAccount } of documents) {
    if (!view.number || !SALES_TYPES.has(view.type) || !isInPeriod(view.issueDate, period.from, period.to)) continue;
    // Sales: the client owes the total (debit 411); a credit note gives it back (credit 411).
    const credit = view.type === 'credit-note';
    const piece: Piece = { journal: JOURNALS.sales, date: view.issueDate, pieceRef: view.number };
    const client = { number: auxiliaryAccountOf(accountId, auxiliaryAccount), label: clean(view.buyer.name) };
    const what = credit ? `Avoir ${view.number}` : `Facture ${view.number}`;
    const lines = [fecLine(piece, accounts.receivable, client, clean(`${what} - ${view.buyer.name}`), view.totals.totalIncludingTaxCents, !credit)];
    const revenue = new Map<string, { account: FecAccount; rate: number; cents: number }>();
    for (const line of view.totals.lines) {
      const account = options.revenueAccountOf?.(line, view) ?? accounts.revenue;
      const key = `${account.number}/${line.vatRateBasisPoints}`;
      const group = revenue.get(key) ?? { account, rate: line.vatRateBasisPoints, cents: 0 };
      group.cents += line.netCents;
      revenue.set(key, group);
    }
    for (const group of [...revenue.values()].sort((a, b) => compare(a.account.number, b.account.number) || b.rate - a.rate)) {
      if (group.cents) lines.push(fecLine(piece, group.account, null, clean(`${what} - HT ${rateText(group.rate)}`), group.cents, credit));
    }
    const taxes = new Map<number, number>();
    for (const row of view.totals.vatBreakdown) taxes.set(row.rateBasisPoints, (taxes.get(row.rateBasisPoints) ?? 0) + row.taxCents);
    for (const [rate, cents] of [...taxes].sort((a, b) => b[0] - a[0])) {
      if (cents) lines.push(fecLine(piece, { number: accounts.vat.number, label: `${accounts.vat.label} ${rateText(rate)}` }, null, clean(`${what} - TVA ${rateText(rate)}`), cents, credit));
    }
    entries.push({
      journal: JOURNALS.sales, date: view.issueDate, sortKey: `${credit ? 1 : 0}/${view.number}`, lines,
      ...(credit ? { settles: view.precedingInvoice?.number } : { settled: view.number }),
    });
  }

  for (const payment of payments) {
    if (payment.method === 'account_credit' || !isInPeriod(payment.paidOn, period.from, period.to) || !payment.amountCents) continue;
    const cash = payment.method === 'cash';
    const piece: Piece = { journal: cash ? JOURNALS.cash : JOURNALS.bank, date: payment.paidOn, pieceRef: clean(payment.reference ?? '') || payment.invoiceNumber };
    const label = clean(`Règlement ${payment.invoiceNumber} - ${payment.clientName}`);
    const client = { number: auxiliaryAccountOf(payment.accountId, payment.auxiliaryAccount), label: clean(payment.clientName) };
    entries.push({
      journal: piece.journal, date: payment.paidOn, sortKey: `${payment.invoiceNumber}/${payment.id}`, settles: payment.invoiceNumber,
      // Money received: debit the bank (or the till), credit the client; a refund the other way.
      lines: [fecLine(piece, cash ? accounts.cash : accounts.bank, null, label, payment.amountCents, true), fecLine(piece, accounts.receivable, client, label, payment.amountCents, false)],
    });
  }

  letter(entries, accounts.receivable.number);
  const order = [JOURNALS.sales.code, JOURNALS.bank.code, JOURNALS.cash.code] as string[];
  entries.sort((a, b) => order.indexOf(a.journal.code) - order.indexOf(b.journal.code) || compare(a.date, b.date) || compare(a.sortKey, b.sortKey));
  const counters = new Map<string, number>();
  const lines: FecLine[] = [];
  for (const entry of entries) {
    const n = (counters.get(entry.journal.code) ?? 0) + 1;
    counters.set(entry.journal.code, n);
    const entryNumber = `${entry.journal.code}${String(n).padStart(6, '0')}`;
    for (const line of entry.lines) {
      line.entryNumber = entryNumber;
      lines.push(line);
    }
  }
  return lines;
}

/**
 * Letters each invoice's 411 line with the 411 lines of its payments and credit notes in the file, when
 * together they balance (the invoice is settled within what the file holds). Letters follow the order
 * of the invoices per auxiliary account: A … Z, AA, AB …
 */
function letter(entries: Entry[], receivable: string): void {
  const receivableLine = (entry: Entry) => entry.lines.find((l) => l.accountNumber === receivable && l.auxiliaryNumber);
  const invoices = entries.filter((e) => e.settled).sort((a, b) => compare(a.date, b.date) || compare(a.sortKey, b.sortKey));
  const settlers = new Map<string, Entry[]>();
  for (const entry of entries) if (entry.settles) settlers.set(entry.settles, [...(settlers.get(entry.settles) ?? []), entry]);
  const used = new Map<string, number>();
  for (const invoice of invoices) {
    const own = receivableLine(invoice)!;
    const settling = (settlers.get(invoice.settled!) ?? []).map((e) => ({ entry: e, line: receivableLine(e)! }))
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

const RATE_FORMAT = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
function rateText(basisPoints: number): string {
  return `${RATE_FORMAT.format(basisPoints / 100)} %`;
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

/**
 * The text in ISO 8859-15 (Latin-9). It differs from Latin-1 in eight places (€ Š š Ž ž Œ œ Ÿ take the
 * places of ¤ ¦ ¨ ´ ¸ ¼ ½ ¾); typographic quotes, dashes and the ellipsis become their ASCII forms, and
 * any other character outside it « ? ».
 */
const LATIN9: Record<string, string> = {
  '€': '\u00a4', 'Š': '\u00a6', 'š': '\u00a8', 'Ž': '\u00b4', 'ž': '\u00b8', 'Œ': '\u00bc', 'œ': '\u00bd', 'Ÿ': '\u00be',
  '’': '\'', '‘': '\'', '“': '"', '”': '"', '–': '-', '—': '-', '…': '...', '\u202f': ' ',
};
const OUTSIDE_LATIN9 = /[^\u0000-\u00a3\u00a5\u00a7\u00a9-\u00b3\u00b5-\u00b7\u00b9-\u00bb\u00bf-\u00ff]/gu;

export function latin9(text: string): Buffer {
  return Buffer.from(text.replace(OUTSIDE_LATIN9, (char) => LATIN9[char] ?? '?'), 'latin1');
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
