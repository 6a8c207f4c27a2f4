import { parse } from 'csv-parse/sync';
import type { FieldProblem } from '../errors';
import { normaliseNumber } from './control-rules';
import { controlMessage as m } from './control.messages';

/** A row of an operator's invoice file as read: the line (its number or the operator's id), the product, the month, the amount. */
export interface SupplierInvoiceCsvRow {
  rowNumber: number;
  number: string | null;
  operatorLineId: string | null;
  productCode: string;
  period: string;
  amountCents: number;
}

export const MAX_CSV_ROWS = 50_000;

/** The columns a header may name, by what they hold (lower case, without accents or punctuation). */
const HEADERS: Record<string, 'number' | 'operatorLineId' | 'line' | 'productCode' | 'period' | 'amount'> = {
  numero: 'number', 'numero de ligne': 'number', 'n ligne': 'number', number: 'number', msisdn: 'number', 'numero appele': 'number', ndi: 'number',
  'identifiant ligne': 'operatorLineId', 'id ligne': 'operatorLineId', 'ref ligne': 'operatorLineId', 'reference ligne': 'operatorLineId', 'operator line id': 'operatorLineId', 'line id': 'operatorLineId', 'id operateur': 'operatorLineId',
  ligne: 'line', line: 'line', 'numero ou identifiant': 'line',
  'code produit': 'productCode', produit: 'productCode', 'product code': 'productCode', product: 'productCode', code: 'productCode', article: 'productCode',
  periode: 'period', period: 'period', mois: 'period', month: 'period',
  montant: 'amount', 'montant ht': 'amount', amount: 'amount', prix: 'amount', 'prix ht': 'amount', 'total ht': 'amount',
};

const plain = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** A month as operators write it: 2026-11, 2026/11, 11/2026, 11-2026, 202611, or a day of it (30/11/2026, 2026-11-30). */
export function readPeriod(raw: string): string | null {
  const v = raw.trim();
  let y: number | undefined;
  let mo: number | undefined;
  let match: RegExpMatchArray | null;
  if ((match = v.match(/^(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?$/))) [y, mo] = [Number(match[1]), Number(match[2])];
  else if ((match = v.match(/^(?:\d{1,2}[-/.])?(\d{1,2})[-/.](\d{4})$/))) [y, mo] = [Number(match[2]), Number(match[1])];
  else if ((match = v.match(/^(\d{4})(\d{2})$/))) [y, mo] = [Number(match[1]), Number(match[2])];
  if (y === undefined || mo === undefined || mo < 1 || mo > 12 || y < 2000 || y > 2100) return null;
  return `${y}-${String(mo).padStart(2, '0')}`;
}

/**
 * An amount in euros as a French file writes it (12,50 · 1 234,56 · 1.234,56 · 12.50 · 12,50 € · -3,00 for a
 * credit), in cents; null when it is not one or has more than two decimals.
 */
export function readAmountCents(raw: string): number | null {
  let v = raw.replace(/[\s\u00a0\u202f€]|EUR/gi, '');
  if (!/^-?[\d.,]+$/.test(v)) return null;
  const lastComma = v.lastIndexOf(',');
  const lastDot = v.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) v = lastComma > lastDot ? v.replace(/\./g, '').replace(',', '.') : v.replace(/,/g, '');
  else if (lastComma >= 0) v = v.replace(',', '.');
  if (!/^-?\d+(\.\d{1,2})?$/.test(v)) return null;
  const cents = Math.round(Number(v) * 100);
  return Number.isSafeInteger(cents) && Math.abs(cents) <= 100_000_000 ? cents : null;
}

/** Whether an identifier reads as a phone number rather than an operator's line id. */
const looksLikeNumber = (s: string) => /^\+?[\d\s.\-()\u00a0]{9,20}$/.test(s.trim());

export interface ParsedSupplierInvoice {
  rows: SupplierInvoiceCsvRow[];
  problems: FieldProblem[];
}

/**
 * Reads an operator's invoice (or CDR summary) file: semicolon-separated (a comma or a tab when the first
 * line has no semicolon), French decimals, an optional byte-order mark and header line naming the
 * columns in French or English; without a header the columns are, in order, the line (number or
 * operator's id), the product code, the period and the amount. Every bad row is a problem naming its row
 * number (the file's line, header counted); the caller imports nothing when there is one.
 */
export function parseSupplierInvoiceCsv(text: string, invoicePeriod: string): ParsedSupplierInvoice {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') ? ';' : firstLine.includes('\t') ? '\t' : ',';
  let records: string[][];
  try {
    records = parse(body, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    return { rows: [], problems: [{ field: 'csv', message: m('telecom.control.csv-unreadable', { reason: (error as Error).message.split(':')[0]!.slice(0, 80) }) }] };
  }
  if (records.length > MAX_CSV_ROWS + 1) return { rows: [], problems: [{ field: 'csv', message: m('telecom.control.csv-too-many-rows', { max: MAX_CSV_ROWS }) }] };
  const header = records[0]?.map((c) => HEADERS[plain(c)]);
  // A header names at least the amount and one other column; the columns it does not know (a label, a VAT rate) are left aside.
  const named = Boolean(header && header.filter(Boolean).length >= 2 && header.includes('amount'));
  const columns = named ? header! : ['line', 'productCode', 'period', 'amount'] as const;
  const first = named ? 1 : 0;
  const at = (record: string[], what: string) => {
    const i = (columns as readonly (string | undefined)[]).indexOf(what);
    return i >= 0 ? (record[i] ?? '').trim() : '';
  };
  const rows: SupplierInvoiceCsvRow[] = [];
  const problems: FieldProblem[] = [];
  for (let i = first; i < records.length; i += 1) {
    const record = records[i]!;
    const row = i + 1;
    const field = `csv.row${row}`;
    if (record.every((c) => c === '')) continue;
    if (!named && record.length !== 4) {
      problems.push({ field, message: m('telecom.control.csv-columns', { row, count: record.length }) });
      continue;
    }
    // One column may hold either: what reads as a phone number is the number, anything else the operator's line id.
    const line = at(record, 'line') || (at(record, 'operatorLineId') ? '' : at(record, 'number'));
    const numberRaw = (line ? '' : at(record, 'number')) || (line && looksLikeNumber(line) ? line : '');
    const operatorLineId = at(record, 'operatorLineId') || (line && !looksLikeNumber(line) ? line : '') || null;
    const productCode = at(record, 'productCode');
    const periodRaw = at(record, 'period');
    const amountRaw = at(record, 'amount');
    const before = problems.length;
    if (!numberRaw && !operatorLineId) problems.push({ field, message: m('telecom.control.csv-no-line', { row }) });
    if (!productCode) problems.push({ field, message: m('telecom.control.csv-no-product', { row }) });
    const period = periodRaw ? readPeriod(periodRaw) : invoicePeriod;
    if (!period) problems.push({ field, message: m('telecom.control.csv-period', { row, value: periodRaw.slice(0, 40) }) });
    else if (period !== invoicePeriod) problems.push({ field, message: m('telecom.control.csv-other-period', { row, value: period, period: invoicePeriod }) });
    const amountCents = readAmountCents(amountRaw);
    if (amountCents === null) problems.push({ field, message: m('telecom.control.csv-amount', { row, value: amountRaw.slice(0, 40) }) });
    if (problems.length > before) continue;
    rows.push({
      rowNumber: row, number: numberRaw ? normaliseNumber(numberRaw).slice(0, 40) : null, operatorLineId: operatorLineId ? operatorLineId.slice(0, 120) : null,
      productCode: productCode.slice(0, 100).toUpperCase(), period: period!, amountCents: amountCents!,
    });
  }
  if (!rows.length && !problems.length) problems.push({ field: 'csv', message: m('telecom.control.csv-empty') });
  return { rows, problems };
}
