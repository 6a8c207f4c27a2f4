import type { Knex } from 'knex';
import { NotFoundError } from '../errors';
import type { Message } from '../i18n/messages';
import { importMessage, type ImportMessageCode } from './import.messages';
import type { ReportRow } from './import-run';
import type { ImportRunSummary } from './import-report.schema';

export type { ImportRunSummary };

/** The import runs' history and reports (ADR 0050): newest first; a report's reasons as messages again. */

const SUMMARY = ['id', 'source', 'fileName', 'dryRun', 'status', 'total', 'created', 'updated', 'unchanged', 'rejected', 'mappingId', 'mappingVersion', 'errorCode', 'runDay', 'attempts', 'startedAt', 'finishedAt'] as const;

type Row = Omit<ImportRunSummary, 'startedAt' | 'finishedAt' | 'runDay'> & { startedAt: Date; finishedAt: Date | null; runDay: Date | string | null };

function summary(r: Row): ImportRunSummary {
  const runDay = r.runDay instanceof Date ? `${r.runDay.getFullYear()}-${String(r.runDay.getMonth() + 1).padStart(2, '0')}-${String(r.runDay.getDate()).padStart(2, '0')}` : r.runDay;
  return { ...r, runDay, startedAt: new Date(r.startedAt).toISOString(), finishedAt: r.finishedAt ? new Date(r.finishedAt).toISOString() : null };
}

export async function listImportRuns(trx: Knex.Transaction, limit = 50): Promise<ImportRunSummary[]> {
  const rows: Row[] = await trx('schoolImportRuns').select(...SUMMARY).orderBy('startedAt', 'desc').limit(limit);
  return rows.map(summary);
}

type StoredReason = { code: ImportMessageCode; params: Record<string, unknown> };
const revive = (r: StoredReason): Message => (importMessage as (code: string, params?: unknown) => Message)(r.code, r.params);

/** A run and its report (every row; reasons as messages, written in the reader's language when answered). */
export async function getImportRun(trx: Knex.Transaction, id: string): Promise<ImportRunSummary & { rows: ReportRow[] }> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError(importMessage('school.import.run-not-found'));
  const row = await trx('schoolImportRuns').where({ id }).first(...SUMMARY, 'report') as (Row & { report: unknown }) | undefined;
  if (!row) throw new NotFoundError(importMessage('school.import.run-not-found'));
  const stored = (row.report ?? []) as Array<Omit<ReportRow, 'reason' | 'warnings'> & { reason?: StoredReason; warnings?: StoredReason[] }>;
  const rows = stored.map(({ reason, warnings, ...r }): ReportRow => ({ ...r, ...(reason ? { reason: revive(reason) } : {}), ...(warnings ? { warnings: warnings.map(revive) } : {}) }));
  const { report: _report, ...rest } = row;
  return { ...summary(rest), rows };
}
