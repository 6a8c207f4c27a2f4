import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { UnprocessableError, ValidationError } from '../errors';
import { cellText, fold, type RowCells } from './import-transforms';
import { IMPORT_FIELDS, type ImportField, type MappingColumns } from './import-mapping.schema';
import { importMessage as m } from './import.messages';

/**
 * Reads the student registry workbook (ADR 0050) with exceljs's streaming reader — 100,000 rows never become a
 * workbook in memory — from its first sheet: the header row is the first of the first 10 rows holding every mapped
 * header (compared without case, accents or extra spaces); each later row gives the mapped fields' cells. A file that is
 * not an .xlsx, or whose layout lacks a mapped column, is refused before anything is written.
 */
export const MAX_IMPORT_ROWS = 200_000;
export const MAX_IMPORT_BYTES = 60 * 1024 * 1024;
const HEADER_SEARCH_ROWS = 10;

export interface UploadedWorkbook {
  buffer: Buffer;
  originalname?: string;
}

export interface WorkbookRow {
  /** The row's number in the sheet (as Excel shows it). */
  row: number;
  cells: RowCells;
}

/** Checks the bytes are a zip (an .xlsx) and the name says .xlsx; answers a 400 saying what was expected otherwise. */
export function checkWorkbookFile(file: UploadedWorkbook | undefined): asserts file is UploadedWorkbook {
  if (!file || !file.buffer?.length) throw new ValidationError([{ field: 'file', message: m('school.import.file-required') }], m('school.import.file-required'));
  const isZip = file.buffer.length >= 4 && file.buffer.readUInt32LE(0) === 0x04034b50;
  const name = file.originalname ?? 'le fichier';
  if (!isZip || (file.originalname && !/\.xlsx$/i.test(file.originalname))) {
    const message = m('school.import.not-xlsx', { name: name.slice(0, 120) });
    throw new ValidationError([{ field: 'file', message }], message);
  }
}

/** A cell's value as text: rich text joined, a hyperlink's text, a formula's result, a number as written. */
export function cellValueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return cellValueText(v.text);
    if (v.result !== undefined) return cellValueText(v.result);
    return '';
  }
  return String(value);
}

/**
 * A phone cell Excel turned into a number lost its leading zero (612345678): the French national form has ten
 * digits starting with 0, so a 9-digit number gets it back. Any other number is read as written.
 */
function phoneCell(value: unknown): string {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1e8 && value < 1e9) return `0${value}`;
  return cellValueText(value);
}

/** The mapped fields' column numbers in a header row, or the headers missing. */
function locate(values: unknown[], columns: MappingColumns): { found: Partial<Record<ImportField, number>>; missing: string[] } {
  const byHeader = new Map<string, number>();
  values.forEach((v, i) => { const h = fold(cellValueText(v)); if (h && !byHeader.has(h)) byHeader.set(h, i); });
  const found: Partial<Record<ImportField, number>> = {};
  const missing: string[] = [];
  for (const field of IMPORT_FIELDS) {
    const header = columns[field];
    if (!header) continue;
    const at = byHeader.get(fold(header));
    if (at === undefined) missing.push(header);
    else found[field] = at;
  }
  return { found, missing };
}

/** Reads the first sheet's rows as the mapping's fields; throws 400/422 on a file that cannot be imported. */
export async function readStudentWorkbook(file: UploadedWorkbook, columns: MappingColumns): Promise<WorkbookRow[]> {
  checkWorkbookFile(file);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(file.buffer), {
    worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'emit',
  });
  const rows: WorkbookRow[] = [];
  let header: Partial<Record<ImportField, number>> | null = null;
  let closest: string[] | null = null;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as unknown[];
        if (!header) {
          const { found, missing } = locate(values, columns);
          if (!missing.length) header = found;
          else if (!closest || missing.length < closest.length) closest = missing;
          if (!header && row.number >= HEADER_SEARCH_ROWS) break;
          continue;
        }
        const cells: RowCells = {};
        let any = false;
        for (const [field, col] of Object.entries(header) as Array<[ImportField, number]>) {
          const raw = values[col];
          const text = field === 'phones' ? phoneCell(raw) : cellValueText(raw);
          if (cellText(text)) any = true;
          cells[field] = text;
        }
        if (!any) continue;
        if (rows.length >= MAX_IMPORT_ROWS) throw new UnprocessableError(m('school.import.too-many-rows', { max: MAX_IMPORT_ROWS }));
        rows.push({ row: row.number, cells });
      }
      break; // the first sheet only
    }
  } catch (err) {
    if (err instanceof UnprocessableError) throw err;
    const message = m('school.import.unreadable');
    throw new ValidationError([{ field: 'file', message }], message);
  }
  if (!header) {
    const missing = closest ?? IMPORT_FIELDS.map((f) => columns[f]).filter((h): h is string => Boolean(h));
    throw new UnprocessableError(m('school.import.missing-columns', { headers: missing }), { missingHeaders: missing });
  }
  return rows;
}
