import { readXlsx, UnreadableWorkbookError, XLSX_UNZIP_LIMITS } from '../core/uploads/read-xlsx';
import { ValidationError } from '../errors';
import { MAX_ROWS_PER_SHEET, parseEventSheet, type ParsedSheet } from './legacy-sheet-parser';

/**
 * The uploaded file of the legacy events spreadsheet: checked to be an .xlsx
 * workbook before it is opened, then read in a worker thread within the
 * unpacking limits (domain/core/uploads/read-xlsx.ts), each sheet parsed.
 */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_SHEETS = 1000;
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface UploadedFile {
  buffer: Buffer;
  originalname?: string;
  mimetype?: string;
}

const EXPECTED = 'an Excel workbook (.xlsx) in the legacy events format: one sheet per event, the title in A1, then "Event ID", "Contract ID", "Client name", "Client contact", "Event date start", "Event date end", "Support contact", "Location", "Attendees", "Notes" in column A with their values in column B';

function badFile(message: string): ValidationError {
  return new ValidationError([{ field: 'file', message }], `The file cannot be imported: ${message}. Expected ${EXPECTED}.`);
}

/** Checks that an upload looks like an .xlsx workbook before it is opened; answers what was expected otherwise. */
export function checkXlsxUpload(file: UploadedFile | undefined): asserts file is UploadedFile {
  if (!file) throw new ValidationError([{ field: 'file', message: 'is required: send the spreadsheet (.xlsx) in the multipart field "file"' }], `Send the spreadsheet in the multipart field "file". Expected ${EXPECTED}.`);
  const name = file.originalname ?? '';
  const buffer = file.buffer;
  if (buffer.length >= 8 && buffer.readUInt32BE(0) === 0xd0cf11e0) {
    throw badFile(`"${name}" is an Excel 97-2003 workbook (.xls) or another old Office file: open it in Excel or LibreOffice and save it as "Excel Workbook (.xlsx)"`);
  }
  const isZip = buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50;
  const looksXlsx = /\.xlsx$/i.test(name) || file.mimetype === XLSX_MIME;
  if (!isZip || !looksXlsx) {
    const kind = /\.csv$/i.test(name) || file.mimetype === 'text/csv' ? 'a CSV file' : `"${name || 'the upload'}" (${file.mimetype || 'unknown type'})`;
    throw badFile(`${kind} is not an .xlsx workbook`);
  }
}

/** Opens the workbook (bounded, off the main thread) and parses every sheet (no database). */
export async function readEventWorkbook(buffer: Buffer, name = 'the file'): Promise<ParsedSheet[]> {
  let read;
  try {
    read = await readXlsx(buffer, { limits: XLSX_UNZIP_LIMITS, maxSheets: MAX_SHEETS, maxRowsPerSheet: MAX_ROWS_PER_SHEET });
  } catch (err) {
    if (!(err instanceof UnreadableWorkbookError)) throw err;
    if (err.kind === 'not-a-zip') throw badFile(`"${name}" is damaged: it is not a readable .xlsx workbook`);
    throw badFile('it could not be opened as an .xlsx workbook (damaged, protected with a password, or another kind of file)');
  }
  if (read.kind === 'too-many-sheets') throw badFile(`the workbook has ${read.count} sheets (at most ${MAX_SHEETS} per import): split it`);
  if (read.sheets.length === 0) throw badFile('the workbook has no sheet');
  return read.sheets.map((ws) => parseEventSheet(ws));
}
