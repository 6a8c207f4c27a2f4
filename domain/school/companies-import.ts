import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { accountCreate } from '../core/account.schema';
import { createRecord, updateRecord, type RequestContext } from '../core/record-service';
import { accounts } from '../core/resources';
import { UnprocessableError, ValidationError } from '../errors';
import type { Message } from '../i18n/messages';
import { requireCompaniesWrite } from './companies-access';
import { companiesMessage as m } from './companies.messages';
import type { CompanyImportRow } from './companies.schema';
import { cellValueText } from './import-workbook';
import { cellText, fold, splitAddress } from './import-transforms';

/**
 * The migration of the legacy « Gestion des entreprises » table (spec 004 « Tableau de migration », ADR 0052):
 * a CSV or .xlsx with the columns id_entreprise, Nom de l'entreprise, Adresse postale, Adresse mail, Numéro de
 * téléphone becomes the organisation's accounts, `external_ref` = id_entreprise (the key the import upserts on,
 * and that the student import matches an alumnus's company with). « Adresse postale » is split as the spec's
 * case 1 (import-transforms.ts). A row that does not fit is rejected with its reason and never blocks the others;
 * a file without the columns writes nothing; a dry run answers the same report and writes nothing.
 */
export const MAX_COMPANY_ROWS = 20_000;
const FIELDS = { externalRef: 'id_entreprise', name: 'nom de l\'entreprise', address: 'adresse postale', email: 'adresse mail', phone: 'numero de telephone' } as const;
type Field = keyof typeof FIELDS;
type Cells = Record<Field, string>;
export interface CompanyFileRow { row: number; cells: Cells }

const header = (text: string) => fold(text).replace(/[’`]/g, '\'');

/** The file's rows under the five legacy columns; a file that is unreadable or lacks a column is refused (400). */
export async function readCompanyFile(file: { buffer: Buffer; originalname?: string } | undefined): Promise<CompanyFileRow[]> {
  if (!file?.buffer?.length) throw new ValidationError([{ field: 'file', message: m('school.companies.import-empty') }], m('school.companies.import-empty'));
  const isZip = file.buffer.length >= 4 && file.buffer.readUInt32LE(0) === 0x04034b50;
  let records: unknown[][];
  try {
    records = isZip ? await firstSheet(file.buffer) : csvRecords(file.buffer.toString('utf8'));
  } catch (error) {
    const message = m('school.companies.import-unreadable', { reason: (error as Error).message.split(':')[0]!.slice(0, 80) });
    throw new ValidationError([{ field: 'file', message }], message);
  }
  const [head = [], ...body] = records;
  const at = new Map(head.map((v, i) => [header(cellValueText(v)), i]));
  const missing = (Object.keys(FIELDS) as Field[]).filter((f) => !at.has(FIELDS[f]));
  if (missing.includes('externalRef') || missing.includes('name')) {
    const message = m('school.companies.import-layout', { missing: missing.map((f) => FIELDS[f]).join(', ') });
    throw new ValidationError([{ field: 'file', message }], message);
  }
  if (body.length > MAX_COMPANY_ROWS) throw new UnprocessableError(m('school.companies.import-too-many', { max: MAX_COMPANY_ROWS }));
  return body.map((values, i) => ({
    row: i + 2,
    cells: Object.fromEntries((Object.keys(FIELDS) as Field[]).map((f) => [f, at.has(FIELDS[f]) ? cellText(phoneOrText(values[at.get(FIELDS[f])!], f)) : ''])) as Cells,
  })).filter((r) => Object.values(r.cells).some(Boolean));
}

/** A phone Excel made a number lost its leading zero: a 9-digit number gets it back. */
function phoneOrText(value: unknown, field: Field): string {
  if (field === 'phone' && typeof value === 'number' && Number.isInteger(value) && value >= 1e8 && value < 1e9) return `0${value}`;
  return cellValueText(value);
}

function csvRecords(body: string): string[][] {
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') ? ';' : firstLine.includes('\t') ? '\t' : ',';
  return parse(body, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }) as string[][];
}

async function firstSheet(buffer: Buffer): Promise<unknown[][]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buffer), { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'emit' });
  const rows: unknown[][] = [];
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      rows.push((row.values as unknown[]).slice(1));
      if (rows.length > MAX_COMPANY_ROWS + 1) break;
    }
    break;
  }
  return rows;
}

type Values = CompanyImportRow['values'];
export type CompanyRowResult = { ok: true; values: Values } | { ok: false; reason: Message; values: Values };

/** One legacy row as account values (pure): the name required, the address split as case 1, email and phone checked. */
export function transformCompanyRow(cells: Cells): CompanyRowResult {
  const values: Values = { externalRef: cells.externalRef, name: cells.name, addressLine1: null, postalCode: null, city: null, email: cells.email || null, phone: cells.phone || null };
  const no = (reason: Message): CompanyRowResult => ({ ok: false, reason, values });
  if (!cells.externalRef) return no(m('school.companies.import-no-id'));
  if (!cells.name) return no(m('school.companies.import-no-name'));
  const address = splitAddress(cells.address);
  if (!address.ok) return no(address.reason);
  if (address.value) Object.assign(values, { addressLine1: address.value.address, postalCode: address.value.postalCode, city: address.value.city });
  if (values.email && !accountCreate.shape.email.safeParse(values.email).success) return no(m('school.companies.import-email', { value: values.email.slice(0, 80) }));
  if (values.phone) {
    const phone = parsePhoneNumberFromString(values.phone, 'FR');
    if (!phone?.isValid()) return no(m('school.companies.import-phone', { value: values.phone.slice(0, 40) }));
    values.phone = phone.number as string;
  }
  return { ok: true, values };
}

const COMPARED = ['name', 'addressLine1', 'postalCode', 'city', 'email', 'phone'] as const;

/** Upserts the rows on `external_ref` (dry run: answers what it would do); answers the report of every row. */
export async function importCompanies(ctx: RequestContext, rows: readonly CompanyFileRow[], options: { dryRun: boolean; fileName?: string }) {
  requireCompaniesWrite(ctx);
  const refs = rows.map((r) => r.cells.externalRef).filter(Boolean);
  const existing = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < refs.length; i += 1000) {
    for (const a of await ctx.trx('accounts').whereIn('externalRef', refs.slice(i, i + 1000)).select('id', 'version', 'externalRef', ...COMPARED)) existing.set(a.externalRef, a);
  }
  const importCtx: RequestContext = { ...ctx, importedFrom: `Gestion des entreprises${options.fileName ? ` (${options.fileName.slice(0, 120)})` : ''}` };
  const seen = new Map<string, number>();
  const report: CompanyImportRow[] = [];
  for (const { row, cells } of rows) {
    const result = transformCompanyRow(cells);
    const firstRow = seen.get(cells.externalRef);
    if (!result.ok || firstRow !== undefined) {
      const reason = result.ok ? m('school.companies.import-duplicate-id', { row: firstRow! }) : result.reason;
      report.push({ row, outcome: 'rejected', reason, values: result.values });
      continue;
    }
    seen.set(cells.externalRef, row);
    const { values } = result;
    const current = existing.get(values.externalRef);
    const changed = current ? COMPARED.filter((f) => (current[f] ?? null) !== values[f]) : [];
    const outcome = !current ? 'create' : changed.length ? 'update' : 'unchanged';
    report.push({ row, outcome, values });
    if (options.dryRun || outcome === 'unchanged') continue;
    const { externalRef: _ref, ...fields } = values;
    if (!current) await createRecord(importCtx, accounts, accountCreate.parse({ ...values, status: 'prospect' }));
    else await updateRecord(importCtx, accounts, current.id as string, Number(current.version), Object.fromEntries(changed.map((f) => [f, fields[f]])));
  }
  const count = (o: CompanyImportRow['outcome']) => report.filter((r) => r.outcome === o).length;
  return { dryRun: options.dryRun, counts: { create: count('create'), update: count('update'), unchanged: count('unchanged'), rejected: count('rejected') }, rows: report };
}
