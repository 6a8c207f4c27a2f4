import type { RequestContext } from '../core/record-service';
import { ValidationError } from '../errors';
import { requireAnomalyRead, requireControlCreate } from './control-access';
import { controlMessage as m } from './control.messages';
import type { SupplierInvoiceImport } from './control.schema';
import { parseSupplierInvoiceCsv, type SupplierInvoiceCsvRow } from './supplier-invoice-csv';

type Row = Record<string, unknown>;

export interface SupplierInvoiceWrite {
  operatorKey: string;
  period: string;
  reference: string;
  source: 'csv' | 'operator-port';
  fileName?: string | null;
  rows: ReadonlyArray<Omit<SupplierInvoiceCsvRow, 'rowNumber'>>;
}

export interface SupplierInvoiceSummary {
  id: string;
  operatorKey: string;
  period: string;
  reference: string;
  source: string;
  fileName: string | null;
  rowCount: number;
  totalCents: number;
  createdAt: string;
  updatedAt: string;
}

function present(r: Row): SupplierInvoiceSummary {
  return {
    id: String(r.id), operatorKey: String(r.operatorKey), period: String(r.period), reference: String(r.reference), source: String(r.source), fileName: (r.fileName as string | null) ?? null,
    rowCount: Number(r.rowCount), totalCents: Number(r.totalCents), createdAt: (r.createdAt as Date).toISOString(), updatedAt: (r.updatedAt as Date).toISOString(),
  };
}

/**
 * The one write path of a supplier invoice: written with its rows, or, when the operator's invoice of that
 * period and reference was imported before, its rows replaced (importing a corrected file again). In the
 * caller's transaction: all or nothing.
 */
export async function writeSupplierInvoice(ctx: RequestContext, input: SupplierInvoiceWrite): Promise<SupplierInvoiceSummary> {
  requireControlCreate(ctx);
  const tenantId = ctx.principal.tenantId;
  const totalCents = input.rows.reduce((sum, r) => sum + r.amountCents, 0);
  const values = { operatorKey: input.operatorKey, period: input.period, reference: input.reference, source: input.source, fileName: input.fileName ?? null, rowCount: input.rows.length, totalCents };
  const [invoice] = await ctx.trx('telecomSupplierInvoices').insert({ tenantId, ...values, createdBy: ctx.principal.userId ?? null })
    .onConflict(['tenantId', 'operatorKey', 'period', 'reference'])
    .merge({ ...values, version: ctx.trx.raw('telecom_supplier_invoices.version + 1') }).returning('*');
  const invoiceId = String((invoice as Row).id);
  await ctx.trx('telecomSupplierInvoiceLines').where({ invoiceId }).delete();
  for (let i = 0; i < input.rows.length; i += 1000) {
    await ctx.trx('telecomSupplierInvoiceLines').insert(input.rows.slice(i, i + 1000).map((r, j) => ({
      tenantId, invoiceId, rowNumber: i + j + 1, number: r.number, operatorLineId: r.operatorLineId, productCode: r.productCode, period: r.period, amountCents: r.amountCents,
    })));
  }
  return present(invoice as Row);
}

/** Imports an operator's CSV file: every row read, or nothing imported and every bad row named (400). */
export async function importSupplierInvoiceCsv(ctx: RequestContext, input: SupplierInvoiceImport): Promise<SupplierInvoiceSummary> {
  requireControlCreate(ctx);
  const parsed = parseSupplierInvoiceCsv(input.csv, input.period);
  if (parsed.problems.length) {
    throw new ValidationError(parsed.problems, parsed.rows.length || parsed.problems.some((p) => p.field !== 'csv') ? m('telecom.control.csv-refused', { count: new Set(parsed.problems.map((p) => p.field)).size }) : parsed.problems[0]!.message);
  }
  return writeSupplierInvoice(ctx, { ...input, source: 'csv', rows: parsed.rows });
}

/** The imported invoices, newest first (one month's when asked). */
export async function listSupplierInvoices(ctx: RequestContext, query: { period?: string } = {}): Promise<SupplierInvoiceSummary[]> {
  requireAnomalyRead(ctx);
  const qb = ctx.trx('telecomSupplierInvoices').orderBy([{ column: 'period', order: 'desc' }, { column: 'createdAt', order: 'desc' }]).limit(200);
  if (query.period) qb.where('period', query.period);
  return ((await qb) as Row[]).map(present);
}
