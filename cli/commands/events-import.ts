import fs from 'node:fs';
import path from 'node:path';
import { CliError, ExitCode, usageError } from '../exit-codes';
import { renderTable } from '../output';
import { emit, type Context, type JsonFlag } from './common';
import { tr } from '../i18n';

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

/** What happened to a sheet, in words. */
const outcome = (status: string) => tr(({ created: 'créée', skipped: 'ignorée', rejected: 'refusée' } as Record<string, string>)[status] ?? status, status);

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function readSpreadsheet(file: string): Buffer {
  if (!/\.xlsx$/i.test(file)) {
    throw usageError(
      tr(`« ${file} » n'est pas un fichier .xlsx : enregistrez d'abord le classeur au format Excel (.xlsx).`, `"${file}" is not an .xlsx file: save the spreadsheet as Excel (.xlsx) first.`),
      [{ field: '<file>', message: tr('doit être un fichier .xlsx', 'must be an .xlsx file') }],
    );
  }
  try {
    return fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw usageError(
      code === 'ENOENT' ? tr(`Il n'y a pas de fichier « ${file} ».`, `There is no file "${file}".`) : tr(`Impossible de lire « ${file} » (${code}).`, `Cannot read "${file}" (${code}).`),
      [{ field: '<file>', message: tr('ne peut pas être lu', 'cannot be read') }],
    );
  }
}

export function renderImport(report: ImportReport): string {
  const sheets = renderTable(report.sheets, [
    { header: tr('Feuille', 'Sheet'), value: (s) => s.sheet },
    { header: tr('Résultat', 'Result'), value: (s) => outcome(s.status) },
    { header: tr('Événement', 'Event'), value: (s) => [s.eventNumber ? tr(`n° ${s.eventNumber}`, `#${s.eventNumber}`) : '', s.title ?? ''].join(' ').trim() },
  ]);
  // Every message, sheet by sheet: what was created, and why anything was refused (the
  // report's messages already quote the rows in error; the rows' warnings are added).
  const details = report.sheets.flatMap((s) => [
    tr(`${s.sheet} (${outcome(s.status)}) :`, `${s.sheet} (${s.status}):`),
    ...s.messages.map((m) => `  ${m}`),
    ...s.rows.filter((r) => r.outcome === 'warning' && r.message).map((r) => tr(`  Ligne ${r.row} (${r.key}) : avertissement : ${r.message}`, `  Row ${r.row} (${r.key}): warning: ${r.message}`)),
  ]);
  const t = report.totals;
  const summary = tr(
    `${report.dryRun ? 'Essai à blanc, rien n\'est écrit : ' : ''}${t.sheets} feuille(s) : ${t.created} créée(s), ${t.skipped} ignorée(s), ${t.rejected} refusée(s) ; ${t.warnings} avertissement(s).`,
    `${report.dryRun ? 'Dry run, nothing written: ' : ''}${t.sheets} sheet(s): ${t.created} created, ${t.skipped} skipped, ${t.rejected} rejected; ${t.warnings} warning(s).`,
  );
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
  if (rejected) {
    throw new CliError(tr(
      `${rejected} feuille(s) sur ${report.totals.sheets} non importée(s) : voir pourquoi ci-dessus.`, `${rejected} of ${report.totals.sheets} sheet(s) not imported: see why above.`,
    ), ExitCode.USAGE);
  }
}
