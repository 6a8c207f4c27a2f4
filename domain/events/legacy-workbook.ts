import { readXlsx, UnreadableWorkbookError, XLSX_UNZIP_LIMITS } from '../core/uploads/read-xlsx';
import { ValidationError } from '../errors';
import type { ParamsOfCode } from '../i18n/messages';
import { eventsMessage as m, type eventsMessages } from './events.messages';
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

type BadFile = ParamsOfCode<typeof eventsMessages, 'import.bad-file'>;

function badFile(why: Partial<BadFile> & Pick<BadFile, 'reason'>): ValidationError {
  const message = m('import.bad-file', { name: '', mimetype: '', count: 0, max: MAX_SHEETS, ...why });
  return new ValidationError([{ field: 'file', message }], m('import.bad-file-detail', { reason: message }));
}

/** Checks that an upload looks like an .xlsx workbook before it is opened; answers what was expected otherwise. */
export function checkXlsxUpload(file: UploadedFile | undefined): asserts file is UploadedFile {
  if (!file) throw new ValidationError([{ field: 'file', message: m('import.file-required') }], m('import.file-required-detail'));
  const name = file.originalname ?? '';
  const buffer = file.buffer;
  if (buffer.length >= 8 && buffer.readUInt32BE(0) === 0xd0cf11e0) {
    throw badFile({ reason: 'xls', name });
  }
  const isZip = buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50;
  const looksXlsx = /\.xlsx$/i.test(name) || file.mimetype === XLSX_MIME;
  if (!isZip || !looksXlsx) {
    throw badFile(/\.csv$/i.test(name) || file.mimetype === 'text/csv' ? { reason: 'csv' } : { reason: 'not-xlsx', name, mimetype: file.mimetype ?? '' });
  }
}

/** Opens the workbook (bounded, off the main thread) and parses every sheet (no database). */
export async function readEventWorkbook(buffer: Buffer, name = 'the file'): Promise<ParsedSheet[]> {
  let read;
  try {
    read = await readXlsx(buffer, { limits: XLSX_UNZIP_LIMITS, maxSheets: MAX_SHEETS, maxRowsPerSheet: MAX_ROWS_PER_SHEET });
  } catch (err) {
    if (!(err instanceof UnreadableWorkbookError)) throw err;
    if (err.kind === 'not-a-zip') throw badFile({ reason: 'damaged', name });
    throw badFile({ reason: 'unreadable' });
  }
  if (read.kind === 'too-many-sheets') throw badFile({ reason: 'too-many-sheets', count: read.count });
  if (read.sheets.length === 0) throw badFile({ reason: 'no-sheet' });
  return read.sheets.map((ws) => parseEventSheet(ws));
}
