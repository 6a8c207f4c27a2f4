import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CliError, ExitCode, usageError } from '../exit-codes';
import { tr } from '../i18n';
import { renderTable } from '../output';
import { emit, withJson, type Context, type JsonFlag } from './common';

/** The API's import report (domain/school/import-run.ts), as much of it as is printed. */
interface ReportRow { row: number; outcome: 'create' | 'update' | 'unchanged' | 'rejected'; reason?: string; warnings?: string[]; changed?: string[]; values: { lastName: string | null; firstName: string | null; nir: string | null } }
interface ImportReport {
  runId: string;
  dryRun: boolean;
  mapping: { name: string; version: number };
  counts: { total: number; created: number; updated: number; unchanged: number; rejected: number };
  rows: ReportRow[];
}
interface Mapping { id: string; name: string; version: number }

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function readWorkbook(file: string): Buffer {
  if (!/\.xlsx$/i.test(file)) {
    throw usageError(
      tr(`« ${file} » n'est pas un fichier .xlsx : enregistrez d'abord le référentiel au format Excel (.xlsx).`, `"${file}" is not an .xlsx file: save the registry as Excel (.xlsx) first.`),
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

/** The counts, then every rejected row with its reason (the NIR masked, as the API answers it). */
export function renderSchoolImport(report: ImportReport): string {
  const c = report.counts;
  const summary = tr(
    `${report.dryRun ? 'Essai à blanc, rien n\'est écrit. ' : ''}${c.total} ligne(s) : ${c.created} nouvelle(s), ${c.updated} modifiée(s), ${c.unchanged} inchangée(s), ${c.rejected} refusée(s) (correspondance « ${report.mapping.name} » v${report.mapping.version}).`,
    `${report.dryRun ? 'Dry run, nothing written. ' : ''}${c.total} row(s): ${c.created} new, ${c.updated} changed, ${c.unchanged} unchanged, ${c.rejected} rejected (mapping "${report.mapping.name}" v${report.mapping.version}).`,
  );
  const rejected = report.rows.filter((r) => r.outcome === 'rejected');
  if (!rejected.length) return summary;
  const table = renderTable(rejected, [
    { header: tr('Ligne', 'Row'), value: (r) => String(r.row) },
    { header: tr('Étudiant', 'Student'), value: (r) => [r.values.lastName, r.values.firstName].filter(Boolean).join(' ') },
    { header: 'NIR', value: (r) => r.values.nir ?? '' },
    { header: tr('Motif', 'Reason'), value: (r) => r.reason ?? '' },
  ]);
  return [table, summary].join('\n');
}

/** Uploads the registry workbook; exits 2 when a row was rejected, so that a script notices. */
export async function importSchoolRegistry(ctx: Context, file: string, options: JsonFlag & { dryRun?: boolean; mapping?: string }): Promise<void> {
  const content = readWorkbook(file);
  let mappingId: string | undefined;
  if (options.mapping) {
    const { items } = (await ctx.api().request<{ items: Mapping[] }>('GET', '/school/import-mappings')).body;
    const newest = items.filter((m) => m.name === options.mapping).sort((a, b) => b.version - a.version)[0];
    if (!newest) {
      throw usageError(tr(`Aucune correspondance de colonnes « ${options.mapping} ».`, `No column mapping "${options.mapping}".`),
        [{ field: '--mapping', message: tr(`une de : ${[...new Set(items.map((m) => m.name))].join(', ')}`, `one of: ${[...new Set(items.map((m) => m.name))].join(', ')}`) }]);
    }
    mappingId = newest.id;
  }
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)], { type: XLSX_TYPE }), path.basename(file));
  const report = (await ctx.api().request<ImportReport>('POST', '/school/students/import', { form, query: { dryRun: options.dryRun ? 'true' : undefined, mappingId, source: 'cli' } })).body;
  emit(ctx, options, report, () => renderSchoolImport(report));
  if (report.counts.rejected) {
    throw new CliError(tr(`${report.counts.rejected} ligne(s) refusée(s) : voir pourquoi ci-dessus.`, `${report.counts.rejected} row(s) rejected: see why above.`), ExitCode.USAGE);
  }
}

/** `relais school import <file.xlsx> [--dry-run] [--mapping <name>]` (issue 18, ADR 0050). */
export function registerSchool(program: Command, ctx: Context): void {
  const school = program.command('school').description(tr('l\'école ACME : le référentiel étudiant', 'ACME School: the student registry'));
  withJson(school.command('import').argument('<file>', tr('le référentiel étudiant, un fichier .xlsx', 'the student registry, an .xlsx file'))
    .description(tr('importe le référentiel étudiant (pôle scolarité) : nouveaux, modifiés, inchangés, refusés avec leur motif', 'import the student registry (student office): new, changed, unchanged, rejected with the reason'))
    .option('--dry-run', tr('dit ce qui serait importé, sans rien écrire', 'report what would be imported, write nothing'))
    .option('--mapping <name>', tr('la correspondance de colonnes enregistrée (sa dernière version) ; « Référentiel ACME » par défaut', 'the saved column mapping (its latest version); "Référentiel ACME" by default')))
    .action((file: string, o: JsonFlag & { dryRun?: boolean; mapping?: string }) => importSchoolRegistry(ctx, file, o));
}
