import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { SecretBox } from '../core/secret-box';
import type { Message } from '../i18n/messages';
import { maskNir, nirLookupHash } from './nir';
import { cellText, fold, parseNir, parseStatus, splitAddress, splitName, splitPhones, transformRow, type StudentValues } from './import-transforms';
import type { Mapping } from './import-mapping.schema';
import type { ImportCounts, ImportReportAnswer, ReportRowAnswer, ReportValues, RowOutcome } from './import-report.schema';
import { importMessage as m } from './import.messages';
import type { WorkbookRow } from './import-workbook';
import { findStudentsByNirHash, insertStudents, STUDENT_FIELDS, updateStudents, type ExistingStudent, type NewStudent, type StudentFields } from './import-students-write';

/**
 * One import of the student registry (ADR 0050): every row through the four transformation cases, matched to the
 * registry by its NIR (the natural key, by its keyed hash), compared field by field: `create`, `update` (the
 * changed fields listed), `unchanged` (nothing written) or `rejected` (the reason; a NIR already met in the file too).
 * One bad row never blocks the good ones. A dry run writes nothing but its run; otherwise the writes are batched.
 * The report never holds a NIR in clear: `values.nir` is masked.
 */
export type { ImportCounts, ReportValues, RowOutcome };

/** A row of the report as the import keeps it: its reason and warnings are messages, written in the reader's language when answered. */
export type ReportRow = Omit<ReportRowAnswer, 'reason' | 'reasonCode' | 'warnings'> & { reason?: Message; warnings?: Message[] };

export type ImportReport = Omit<ImportReportAnswer, 'rows'> & { rows: ReportRow[] };

export interface ImportRunInput {
  trx: Knex.Transaction;
  tenantId: string;
  userId: string | null;
  secret: string;
  box: SecretBox;
  mapping: Mapping;
  rows: readonly WorkbookRow[];
  dryRun: boolean;
  source: 'upload' | 'schedule' | 'cli';
  fileName: string | null;
  fileSha256: string | null;
  /** The run to complete (the schedule opens its day's run first); a new one otherwise. */
  runId?: string;
  runDay?: string | null;
}

export const sha256Of = (buffer: Buffer): string => crypto.createHash('sha256').update(buffer).digest('hex');

/** What a rejected row shows: each column's transformation that succeeded (a NIR only masked, only when valid). */
function partialValues(cells: WorkbookRow['cells']): ReportValues {
  const name = splitName(cells.name);
  const nir = parseNir(cells.nir);
  const status = parseStatus(cells.status);
  const address = splitAddress(cells.address);
  const phones = splitPhones(cells.phones);
  return {
    lastName: name.ok ? name.value.lastName : null, firstName: name.ok ? name.value.firstName : null,
    nir: nir.ok ? maskNir(nir.value) : null, status: status.ok ? status.value : null,
    address: address.ok ? address.value?.address ?? null : null, postalCode: address.ok ? address.value?.postalCode ?? null : null,
    city: address.ok ? address.value?.city ?? null : null,
    personalPhone: phones.ok ? phones.value.personalPhone : null, professionalPhone: phones.ok ? phones.value.professionalPhone : null,
    company: cellText(cells.company) || null, cursus: cellText(cells.cursus) || null,
  };
}

function reportValues(v: StudentValues): ReportValues {
  return {
    lastName: v.lastName, firstName: v.firstName, nir: maskNir(v.nir), status: v.status, address: v.address, postalCode: v.postalCode, city: v.city,
    personalPhone: v.personalPhone, professionalPhone: v.professionalPhone, company: v.company, cursus: v.cursus,
  };
}

/** The organisation's companies (accounts) by folded name and by legacy id (`external_ref`, « id_entreprise »). */
async function companyIndex(trx: Knex.Transaction): Promise<(text: string) => string | undefined> {
  const accounts: Array<{ id: string; name: string; externalRef: string | null }> = await trx('accounts').select('id', 'name', 'externalRef');
  const byName = new Map<string, string>();
  const byRef = new Map<string, string>();
  for (const a of accounts) {
    if (!byName.has(fold(a.name))) byName.set(fold(a.name), a.id);
    if (a.externalRef && !byRef.has(fold(a.externalRef))) byRef.set(fold(a.externalRef), a.id);
  }
  return (text) => byRef.get(fold(text)) ?? byName.get(fold(text));
}

interface Planned { report: ReportRow; values: StudentValues; hash: string; fields: StudentFields }

/** The registry's fields a row's values give; the mapping's missing columns and an unknown company keep what is there. */
function fieldsOf(v: StudentValues, mapping: Mapping, companyId: string | null | undefined, existing: ExistingStudent | undefined): StudentFields {
  const keep = <K extends keyof StudentFields>(key: K, value: StudentFields[K], mapped: boolean): StudentFields[K] => (mapped || !existing ? value : existing[key]);
  const c = mapping.columns;
  return {
    lastName: v.lastName, firstName: v.firstName, status: v.status,
    address: keep('address', v.address, Boolean(c.address)), postalCode: keep('postalCode', v.postalCode, Boolean(c.address)), city: keep('city', v.city, Boolean(c.address)),
    personalPhone: keep('personalPhone', v.personalPhone, Boolean(c.phones)), professionalPhone: keep('professionalPhone', v.professionalPhone, Boolean(c.phones)),
    companyId: companyId === undefined ? existing?.companyId ?? null : keep('companyId', companyId, Boolean(c.company)),
    cursus: keep('cursus', v.cursus, Boolean(c.cursus)),
  };
}

/** Runs the import in the caller's transaction (the organisation's: row-level security), recording its run. */
export async function runStudentImport(input: ImportRunInput): Promise<ImportReport> {
  const { trx, tenantId, mapping } = input;
  // Two imports at once in one organisation would race for the same NIRs and numbers: one waits for the other.
  await trx.raw("select pg_advisory_xact_lock(hashtext('school-import:' || ?))", [tenantId]);
  const runId = input.runId ?? (await trx('schoolImportRuns').insert({
    tenantId, source: input.source, fileName: input.fileName, fileSha256: input.fileSha256, dryRun: input.dryRun, createdBy: input.userId,
    mappingId: mapping.id, mappingVersion: mapping.version, runDay: input.runDay ?? null,
  }).returning('id') as Array<{ id: string }>)[0]!.id;

  const company = await companyIndex(trx);
  const rows: ReportRow[] = [];
  const planned: Planned[] = [];
  const firstRowOfNir = new Map<string, number>();
  for (const { row, cells } of input.rows) {
    const t = transformRow(cells);
    if (!t.ok) { rows.push({ row, outcome: 'rejected', reason: t.reason, values: partialValues(cells) }); continue; }
    const seen = firstRowOfNir.get(t.value.nir);
    if (seen !== undefined) { rows.push({ row, outcome: 'rejected', reason: m('school.import.nir-duplicate', { row: seen }), values: reportValues(t.value) }); continue; }
    firstRowOfNir.set(t.value.nir, row);
    const report: ReportRow = { row, outcome: 'create', values: reportValues(t.value) };
    rows.push(report);
    planned.push({ report, values: t.value, hash: nirLookupHash(t.value.nir, input.secret, tenantId), fields: undefined as unknown as StudentFields });
  }

  const existing = await findStudentsByNirHash(trx, planned.map((p) => p.hash));
  const creates: NewStudent[] = [];
  const updates: Array<StudentFields & { id: string }> = [];
  for (const p of planned) {
    const warnings: Message[] = [];
    // null: no employer (the column empty); undefined: the stored employer kept (a company not found, or named for a non-alumnus).
    let companyId: string | null | undefined = null;
    if (p.values.company && p.values.status !== 'alumni') {
      warnings.push(m('school.import.company-not-alumni'));
      companyId = undefined;
    } else if (p.values.company) {
      companyId = company(p.values.company);
      // Decided (ADR 0050): an unknown company does not reject the student; the row says so and the employer is left as it was.
      if (!companyId) warnings.push(m('school.import.company-unknown', { value: p.values.company.slice(0, 80) }));
    }
    if (warnings.length) p.report.warnings = warnings;
    const before = existing.get(p.hash);
    p.fields = fieldsOf(p.values, mapping, companyId, before);
    if (!before) { creates.push({ ...p.fields, nir: p.values.nir, nirHash: p.hash }); continue; }
    const changed = STUDENT_FIELDS.filter((f) => (before[f] ?? null) !== (p.fields[f] ?? null));
    if (!changed.length) { p.report.outcome = 'unchanged'; continue; }
    p.report.outcome = 'update';
    p.report.changed = changed;
    updates.push({ ...p.fields, id: before.id });
  }

  if (!input.dryRun) {
    await insertStudents(trx, tenantId, input.userId, input.box, creates);
    await updateStudents(trx, updates);
  }
  const counts: ImportCounts = { total: rows.length, created: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const r of rows) counts[({ create: 'created', update: 'updated', unchanged: 'unchanged', rejected: 'rejected' } as const)[r.outcome]]++;
  await trx('schoolImportRuns').where({ id: runId }).update({
    status: 'done', ...counts, report: JSON.stringify(rows), finishedAt: trx.fn.now(), mappingId: mapping.id, mappingVersion: mapping.version,
    fileName: input.fileName, fileSha256: input.fileSha256, dryRun: input.dryRun,
  });
  return { runId, dryRun: input.dryRun, mapping: { id: mapping.id, name: mapping.name, version: mapping.version }, counts, rows };
}
