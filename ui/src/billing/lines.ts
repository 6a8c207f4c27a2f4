import { computeTotals } from '@domain/billing/totals';
import type { DocumentTotals } from '@domain/billing/line.schema';
import { basisPointsToInput, parsePercent } from '@/shared/record-fields';
import { centsToInput, parseEuros } from '@/shared/format';
import type { BillingLine, BillingLineInput, UnitCode, VatCategory } from './billing.api';

/**
 * The line editor's rows: a document's lines as the person types them (French decimals, euros,
 * percentages), and back to what the API takes. A draft keeps its rows as one JSON text (the
 * record editor's `lines` field), so the lines autosave, survive a reload and meet conflicts like
 * any other field. Live totals are the domain's own computeTotals (domain/billing/totals.ts), the
 * function the server stores its totals with: what the panel shows is what the invoice will say.
 */
export interface LineRow {
  id: string;
  catalogueItemId?: string | null;
  description: string;
  /** "1", "1,5" (at most three decimals; negative for a credit line). */
  quantity: string;
  unit: UnitCode;
  /** Euros, "12,50". */
  unitPrice: string;
  /** Percent, "10" or "" for none. */
  discount: string;
  /** Basis points as text, one of the rates offered ("2000"). */
  vatRate: string;
  vatCategory?: VatCategory;
  vatExemptionReason?: string | null;
}

/** The French VAT rates (normal, intermediate, reduced, super-reduced, none), in basis points. */
export const VAT_RATES = [2000, 1000, 550, 210, 0] as const;

/** The cells a row may get wrong, each with its reason (an i18n key under billing.lines.errors). */
export type LineCell = 'description' | 'quantity' | 'unitPrice' | 'discount' | 'vatRate';
export type LineProblems = Partial<Record<LineCell, string>>;

const QUANTITY = /^-?\d+([.,]\d{1,3})?$/;

/** 1.5 → "1,5" */
function quantityToInput(quantity: number): string {
  return String(quantity).replace('.', ',');
}

export function rowOf(line: BillingLine | BillingLineInput): LineRow {
  return {
    id: line.id ?? crypto.randomUUID(),
    ...(line.catalogueItemId ? { catalogueItemId: line.catalogueItemId } : {}),
    description: line.description,
    quantity: quantityToInput(line.quantity),
    unit: line.unit ?? 'C62',
    unitPrice: centsToInput(line.unitPriceCents),
    discount: line.discountBasisPoints ? basisPointsToInput(line.discountBasisPoints) : '',
    vatRate: String(line.vatRateBasisPoints),
    ...(line.vatCategory && line.vatCategory !== 'S' && line.vatCategory !== 'E' ? { vatCategory: line.vatCategory } : {}),
    ...(line.vatExemptionReason ? { vatExemptionReason: line.vatExemptionReason } : {}),
  };
}

/** A new line: one unit at the normal rate. */
export function blankRow(): LineRow {
  return { id: crypto.randomUUID(), description: '', quantity: '1', unit: 'C62', unitPrice: '', discount: '', vatRate: String(VAT_RATES[0]) };
}

/** What is wrong with a row, cell by cell (empty: it can be sent). */
export function rowProblems(row: LineRow): LineProblems {
  const problems: LineProblems = {};
  if (!row.description.trim()) problems.description = 'description';
  if (!QUANTITY.test(row.quantity.trim())) problems.quantity = 'quantity';
  if (parseEuros(row.unitPrice) === null) problems.unitPrice = 'unitPrice';
  if (row.discount.trim() && parsePercent(row.discount) === null) problems.discount = 'discount';
  if (!/^\d+$/.test(row.vatRate) || Number(row.vatRate) > 10_000) problems.vatRate = 'vatRate';
  return problems;
}

/** A row the person finished typing as the API line; null while one of its cells is wrong. */
export function lineOf(row: LineRow): BillingLineInput | null {
  if (Object.keys(rowProblems(row)).length) return null;
  return {
    id: row.id,
    ...(row.catalogueItemId ? { catalogueItemId: row.catalogueItemId } : {}),
    description: row.description.trim(),
    quantity: Number(row.quantity.trim().replace(',', '.')),
    unit: row.unit,
    unitPriceCents: parseEuros(row.unitPrice)!,
    discountBasisPoints: row.discount.trim() ? parsePercent(row.discount)! : 0,
    vatRateBasisPoints: Number(row.vatRate),
    ...(row.vatCategory ? { vatCategory: row.vatCategory } : {}),
    ...(row.vatExemptionReason ? { vatExemptionReason: row.vatExemptionReason } : {}),
  };
}

/** The rows as the record editor keeps them (one text; the same lines always give the same text). */
export const rowsToText = (rows: readonly LineRow[]): string => JSON.stringify(rows);
export const linesToText = (lines: readonly (BillingLine | BillingLineInput)[]): string => rowsToText(lines.map(rowOf));

export function rowsOf(text: string): LineRow[] {
  try {
    const parsed: unknown = JSON.parse(text || '[]');
    return Array.isArray(parsed) ? (parsed as LineRow[]) : [];
  } catch {
    return [];
  }
}

/** The record editor's parse of the lines field: the API's lines, or the first row that cannot be sent (1-based). */
export function parseLines(text: string): { ok: true; value: BillingLineInput[] } | { ok: false; row: number } {
  const rows = rowsOf(text);
  const lines: BillingLineInput[] = [];
  for (const [index, row] of rows.entries()) {
    const line = lineOf(row);
    if (!line) return { ok: false, row: index + 1 };
    lines.push(line);
  }
  return { ok: true, value: lines };
}

/**
 * The totals of the rows as typed, computed as the server will: rows not finished yet are left
 * out (`pending` counts them). Null when an amount is beyond what can be counted to the cent.
 */
export function liveTotals(rows: readonly LineRow[], defaultExemptionReason: string | null = null): { totals: DocumentTotals | null; pending: number } {
  const lines = rows.map(lineOf);
  const ready = lines.filter((line): line is BillingLineInput => line !== null);
  try {
    return { totals: computeTotals(ready, { defaultExemptionReason }), pending: lines.length - ready.length };
  } catch {
    return { totals: null, pending: lines.length - ready.length };
  }
}
