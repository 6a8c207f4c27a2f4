import JSZip from 'jszip';
import type { Knex } from 'knex';
import { personalDataDeclarations } from '../modules/registry';
import { personalDataDeclaration } from './personal-data';
import { renderSubjectExportPdf } from './subject-export-pdf';
import { locateSubject, type Row } from './subject-locator';
import { organisationSubjectPlan, organisationSubjects } from './subjects';

/**
 * Access and portability (GDPR art. 15 and 20; docs/adr/0023-rights-requests.md): everything the organisation
 * holds about one person, over every module it has — their records, the history of those records, the messages
 * to and from them, their consents, the list of documents, the process instances and tasks about them — as
 * found by the subject locator. Answered as machine-readable JSON, or as a zip holding that JSON, one CSV per
 * table and a readable summary in French (PDF). Only declared columns are exported, never a credential.
 */
export const EXPORT_FORMAT = 'relais.gdpr.subject-export';

/** Columns that open doors rather than describe a person: never exported. */
const SECRET = /(password|secret|sealed|token|(^|_)hash$|^key$|^request_hash$|^storage_key$)/;

export interface ExportTable {
  table: string;
  module: string;
  activity: string;
  /** The register's name of the activity the table serves (French). */
  activityName: string;
  columns: string[];
  rows: Row[];
}

export interface SubjectExport {
  format: typeof EXPORT_FORMAT;
  version: 1;
  generatedAt: string;
  organisation: { name: string; slug: string };
  request: { id: string; number: number; kind: string; receivedAt: string; dueAt: string };
  subject: { kind: string; kindLabel: string; id: string; label: string };
  tables: ExportTable[];
}

interface TableFacts { module: string; activity: string; activityName: string; columns: string[] }

function tableFacts(): Map<string, TableFacts> {
  const facts = new Map<string, TableFacts>();
  const declarations = personalDataDeclarations().map((d) => ({ module: d.module, parsed: personalDataDeclaration.parse(d.declaration) }));
  const names = new Map(declarations.flatMap((d) => d.parsed.activities.map((a) => [a.key, a.name.fr] as const)));
  for (const { module, parsed } of declarations) {
    for (const [table, t] of Object.entries(parsed.tables)) {
      const columns = [...t.notPersonal, ...Object.keys(t.personal)].filter((c) => !SECRET.test(c));
      facts.set(table, { module, activity: t.activity, activityName: names.get(t.activity) ?? t.activity, columns });
    }
  }
  return facts;
}

function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `[${value.length} octets]`;
  return value;
}

/** Gathers the export of a request's person, in the organisation's transaction (row-level security: its rows only). */
export async function gatherExport(trx: Knex.Transaction, request: Row, now: Date): Promise<SubjectExport> {
  const tenant = await trx('tenants').where({ id: request.tenantId }).first('name', 'slug', 'verticals');
  const verticals = (tenant.verticals as string[]) ?? [];
  const plan = organisationSubjectPlan(String(request.subjectKind), verticals);
  const located = plan ? await locateSubject(trx, plan, String(request.subjectId)) : undefined;
  const facts = tableFacts();
  const tables: ExportTable[] = [];
  for (const [table, rows] of located?.tables ?? []) {
    const f = facts.get(table);
    if (!f) continue;
    tables.push({ table, module: f.module, activity: f.activity, activityName: f.activityName, columns: f.columns, rows: rows.map((r) => Object.fromEntries(f.columns.map((c) => [c, plain(r[c])]))) });
  }
  const kindLabel = organisationSubjects(verticals).find((s) => s.kind === request.subjectKind)?.label.fr ?? String(request.subjectKind);
  return {
    format: EXPORT_FORMAT, version: 1, generatedAt: now.toISOString(),
    organisation: { name: String(tenant.name), slug: String(tenant.slug) },
    request: {
      id: String(request.id), number: Number(request.number), kind: String(request.kind),
      receivedAt: new Date(request.receivedAt as string).toISOString(), dueAt: new Date(request.dueAt as string).toISOString(),
    },
    subject: { kind: String(request.subjectKind), kindLabel, id: String(request.subjectId), label: located?.displayName ?? String(request.subjectLabel) },
    tables,
  };
}

export function exportSummary(e: SubjectExport): { tables: number; rows: number } {
  return { tables: e.tables.length, rows: e.tables.reduce((n, t) => n + t.rows.length, 0) };
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  // A cell starting like a formula is read as text by spreadsheets (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One table as CSV (RFC 4180, UTF-8 with a BOM so spreadsheets read the accents). */
export function toCsv(columns: readonly string[], rows: readonly Row[]): string {
  return `\uFEFF${[columns.map(csvCell).join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\r\n')}\r\n`;
}

/** The zip: the JSON, one CSV per table, the French summary, and a note saying what is where. */
export async function exportArchive(e: SubjectExport): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('donnees.json', JSON.stringify(e, null, 2));
  for (const t of e.tables) zip.file(`tables/${t.table}.csv`, toCsv(t.columns, t.rows));
  zip.file('resume.pdf', await renderSubjectExportPdf(e));
  zip.file('LISEZMOI.txt', [
    `Données personnelles détenues par ${e.organisation.name} sur ${e.subject.label}`,
    `Demande n° ${e.request.number}, export du ${new Date(e.generatedAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}`,
    '',
    '- resume.pdf : résumé lisible, table par table',
    '- donnees.json : toutes les données, lisibles par une machine (article 20 du RGPD, portabilité)',
    '- tables/*.csv : une table par fichier, ouvrable dans un tableur',
    '',
  ].join('\r\n'));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
