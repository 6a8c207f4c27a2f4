import fs from 'node:fs';
import path from 'node:path';
import { CliError, ExitCode, usageError } from '../exit-codes';
import { renderTable } from '../output';
import { emit, type Context, type JsonFlag } from './common';

/** The API's import report (domain/events/spreadsheet-import.ts), as much of it as is printed. */
interface ImportRow { row: number; key: string; value: string; outcome: 'mapped' | 'warning' | 'error'; message?: string }
interface SheetReport {
  sheet: string;
  title: string | null;
  status: 'created' | 'skipped' | 'rejected';
  eventNumber?: number;
  rows: ImportRow[];
  messages: string[];
}
interface ImportReport {
  dryRun: boolean;
  sheets: SheetReport[];
  totals: { sheets: number; created: number; skipped: number; rejected: number; warnings: number; errors: number };
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function readSpreadsheet(file: string): Buffer {
  if (!/\.xlsx$/i.test(file)) throw usageError(`"${file}" is not an .xlsx file: save the spreadsheet as Excel (.xlsx) first.`, [{ field: '<file>', message: 'must be an .xlsx file' }]);
  try {
    return fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw usageError(code === 'ENOENT' ? `There is no file "${file}".` : `Cannot read "${file}" (${code}).`, [{ field: '<file>', message: 'cannot be read' }]);
  }
}

export function renderImport(report: ImportReport): string {
  const sheets = renderTable(report.sheets, [
    { header: 'Sheet', value: (s) => s.sheet },
    { header: 'Result', value: (s) => s.status },
    { header: 'Event', value: (s) => [s.eventNumber ? `#${s.eventNumber}` : '', s.title ?? ''].join(' ').trim() },
  ]);
  // Every message, sheet by sheet: what was created, and why anything was refused (the
  // report's messages already quote the rows in error; the rows' warnings are added).
  const details = report.sheets.flatMap((s) => [
    `${s.sheet} (${s.status}):`,
    ...s.messages.map((m) => `  ${m}`),
    ...s.rows.filter((r) => r.outcome === 'warning' && r.message).map((r) => `  Row ${r.row} (${r.key}): warning: ${r.message}`),
  ]);
  const t = report.totals;
  const summary = `${report.dryRun ? 'Dry run, nothing written: ' : ''}${t.sheets} sheet(s): ${t.created} created, ${t.skipped} skipped, ${t.rejected} rejected; ${t.warnings} warning(s).`;
  return [sheets, ...details, summary].join('\n');
}

/**
 * Uploads the spreadsheet and prints what happened to each sheet. When any
 * sheet was rejected the exit code is 2, so that a script notices.
 */
export async function importEvents(ctx: Context, file: string, options: JsonFlag & { dryRun?: boolean }): Promise<void> {
  const content = readSpreadsheet(file);
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)], { type: XLSX_TYPE }), path.basename(file));
  const report = (await ctx.api().request<ImportReport>('POST', '/events/events/import', { form, query: { dryRun: options.dryRun ? 'true' : undefined } })).body;
  emit(ctx, options, report, () => renderImport(report));
  const rejected = report.totals?.rejected ?? 0;
  if (rejected) throw new CliError(`${rejected} of ${report.totals.sheets} sheet(s) not imported: see why above.`, ExitCode.USAGE);
}
