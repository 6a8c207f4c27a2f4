import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { unzipBounded, type UnzipLimits } from './unzip-bounded';

/**
 * An .xlsx workbook as plain data (what a worker thread can hand back): each
 * sheet's non-empty rows with their cells' values as exceljs reads them
 * (text, number, Date, rich text, hyperlink, formula…) and number formats.
 */
export interface PlainCell {
  col: number;
  value: unknown;
  numFmt?: string;
}

export interface PlainRow {
  row: number;
  /** Cells from column 1 to the row's last cell, empty ones left out. */
  cells: PlainCell[];
}

export interface PlainSheet {
  name: string;
  /** Rows holding values (formatting alone does not make a row). */
  rowCount: number;
  /** Null when the sheet has more rows than asked for: the caller refuses it without reading them. */
  rows: PlainRow[] | null;
}

export interface XlsxReadOptions {
  limits: UnzipLimits;
  maxSheets: number;
  maxRowsPerSheet: number;
}

export type XlsxRead = { kind: 'sheets'; sheets: PlainSheet[] } | { kind: 'too-many-sheets'; count: number };

/** Thrown when exceljs cannot open what was unpacked: not a workbook, or a damaged one. */
export class NotAWorkbookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotAWorkbookError';
  }
}

/**
 * Reads a workbook: the archive is unpacked within the limits (bytes really
 * inflated), then repacked without compression from exactly those entries,
 * so exceljs reads the bytes that were measured and nothing else.
 * Meant to run in a worker thread with a memory cap (read-xlsx.ts).
 */
export async function readXlsxCells(buffer: Buffer, options: XlsxReadOptions): Promise<XlsxRead> {
  const entries = await unzipBounded(buffer, options.limits);
  const repacked = new JSZip();
  for (const entry of entries) repacked.file(entry.name, entry.data);
  const stored = await repacked.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
  entries.length = 0;

  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(stored as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new NotAWorkbookError((err as Error).message);
  }
  if (workbook.worksheets.length > options.maxSheets) return { kind: 'too-many-sheets', count: workbook.worksheets.length };
  return { kind: 'sheets', sheets: workbook.worksheets.map((ws) => plainSheet(ws, options.maxRowsPerSheet)) };
}

function plainSheet(ws: ExcelJS.Worksheet, maxRows: number): PlainSheet {
  const numbers: number[] = [];
  ws.eachRow({ includeEmpty: false }, (_row, n) => { numbers.push(n); });
  if (numbers.length > maxRows) return { name: ws.name, rowCount: numbers.length, rows: null };
  const rows = numbers.map((n) => {
    const row = ws.getRow(n);
    const cells: PlainCell[] = [];
    for (let c = 1; c <= row.cellCount; c++) {
      const cell = row.getCell(c);
      if (cell.value === null || cell.value === undefined) continue;
      cells.push({ col: c, value: cell.value, ...(cell.numFmt ? { numFmt: cell.numFmt } : {}) });
    }
    return { row: n, cells };
  });
  return { name: ws.name, rowCount: numbers.length, rows };
}
