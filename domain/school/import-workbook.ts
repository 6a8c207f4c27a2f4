import { UnprocessableError, ValidationError } from '../errors';
import { cellText, fold, type RowCells } from './import-transforms';
import { IMPORT_FIELDS, type ImportField, type MappingColumns } from './import-mapping.schema';
import { importMessage as m } from './import.messages';
import { readFirstSheet, UnzipLimitError, type SheetCell } from './import-xlsx';

/**
 * Reads the student registry workbook (ADR 0050) from its first sheet (import-xlsx.ts: the archive unpacked within
 * limits, the sheet's XML read directly — 100,000 rows in a few seconds): the header row is the first of the first 10 rows holding every mapped
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

/** An exceljs cell's value as text: rich text joined, a hyperlink's text, a formula's result, a number as written (for readers using exceljs). */
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
function phoneCell(cell: SheetCell | undefined): string {
  if (cell?.numeric && /^[1-9]\d{8}$/.test(cell.text)) return `0${cell.text}`;
  return cell?.text ?? '';
}

/** The mapped fields' column numbers in a header row, or the headers missing. */
function locate(cells: Map<number, SheetCell>, columns: MappingColumns): { found: Partial<Record<ImportField, number>>; missing: string[] } {
  const byHeader = new Map<string, number>();
  for (const [col, cell] of cells) { const h = fold(cell.text); if (h && !byHeader.has(h)) byHeader.set(h, col); }
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
  let sheet;
  try {
    sheet = await readFirstSheet(file.buffer, MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS);
  } catch (err) {
    if (err instanceof UnzipLimitError) throw new UnprocessableError(m('school.import.too-large'));
    const message = m('school.import.unreadable');
    throw new ValidationError([{ field: 'file', message }], message);
  }
  let header: Partial<Record<ImportField, number>> | null = null;
  let closest: string[] | null = null;
  const rows: WorkbookRow[] = [];
  for (const { row, cells } of sheet.rows) {
    if (!header) {
      if (row > HEADER_SEARCH_ROWS) break;
      const { found, missing } = locate(cells, columns);
      if (!missing.length) header = found;
      else if (!closest || missing.length < closest.length) closest = missing;
      continue;
    }
    const values: RowCells = {};
    let any = false;
    for (const [field, col] of Object.entries(header) as Array<[ImportField, number]>) {
      const text = field === 'phones' ? phoneCell(cells.get(col)) : cells.get(col)?.text ?? '';
      if (cellText(text)) any = true;
      values[field] = text;
    }
    if (!any) continue;
    if (rows.length >= MAX_IMPORT_ROWS) throw new UnprocessableError(m('school.import.too-many-rows', { max: MAX_IMPORT_ROWS }));
    rows.push({ row, cells: values });
  }
  if (!header) {
    const missing = closest ?? IMPORT_FIELDS.map((f) => columns[f]).filter((h): h is string => Boolean(h));
    throw new UnprocessableError(m('school.import.missing-columns', { headers: missing }), { missingHeaders: missing });
  }
  return rows;
}
