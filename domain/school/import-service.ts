import type { Knex } from 'knex';
import { env } from '../../config/env';
import { defaultSecretBox } from '../core/secret-box';
import type { RequestContext } from '../core/record-service';
import { ruleViolation } from '../errors';
import { importMessage as m } from './import.messages';
import { requireImportCreate, requireImportRead, requireImportSettings } from './import-access';
import { type ImportSettingsInput } from './import-mapping.schema';
import { resolveMapping } from './import-mappings';
import { runStudentImport, sha256Of, type ImportReport } from './import-run';
import { checkWorkbookFile, readStudentWorkbook, type UploadedWorkbook } from './import-workbook';

/**
 * The registry import as the API, the CLI and the schedule ask for it (ADR 0050): the caller's rights, the
 * mapping (asked for, else the default's newest version), the workbook read (a wrong layout refused before anything
 * is written), then the run in the caller's transaction.
 */
export interface ImportFileOptions {
  dryRun: boolean;
  mappingId?: string;
  mappingName?: string | null;
  source: 'upload' | 'schedule' | 'cli';
  runId?: string;
  runDay?: string | null;
}

/** The platform's secret the NIR's lookup hash is keyed with. */
export function nirSecret(): string {
  const secret = env().RELAIS_SECRET_KEY;
  if (!secret) throw new Error('RELAIS_SECRET_KEY is not set: the registry cannot find students by their NIR.');
  return secret;
}

/** Imports a workbook in the transaction of `trx` for the organisation `tenantId` (no rights checked: the schedule's path). */
export async function importWorkbook(trx: Knex.Transaction, tenantId: string, userId: string | null, file: UploadedWorkbook, options: ImportFileOptions): Promise<ImportReport> {
  checkWorkbookFile(file);
  const mapping = await resolveMapping(trx, tenantId, { id: options.mappingId, name: options.mappingName });
  const rows = await readStudentWorkbook(file, mapping.columns);
  return runStudentImport({
    trx, tenantId, userId, secret: nirSecret(), box: defaultSecretBox(), mapping, rows, dryRun: options.dryRun, source: options.source,
    fileName: file.originalname?.slice(0, 255) ?? null, fileSha256: sha256Of(file.buffer), runId: options.runId, runDay: options.runDay,
  });
}

/** An upload by the student office (or the CLI): its rights first. */
export async function importStudentFile(ctx: RequestContext, file: UploadedWorkbook | undefined, options: ImportFileOptions): Promise<ImportReport> {
  requireImportCreate(ctx);
  checkWorkbookFile(file);
  return importWorkbook(ctx.trx, ctx.principal.tenantId, ctx.principal.userId, file, options);
}

export interface ImportSettings extends ImportSettingsInput { updatedAt: string | null }

const DEFAULT_SETTINGS: ImportSettings = { dropFolder: null, ownerUserId: null, mappingName: null, enabled: false, hour: 6, updatedAt: null };

export async function readImportSettings(trx: Knex.Transaction): Promise<ImportSettings> {
  const row = await trx('schoolImportSettings').first('dropFolder', 'ownerUserId', 'mappingName', 'enabled', 'hour', 'updatedAt') as (ImportSettings & { updatedAt: Date }) | undefined;
  return row ? { ...row, updatedAt: new Date(row.updatedAt).toISOString() } : DEFAULT_SETTINGS;
}

export async function getImportSettings(ctx: RequestContext): Promise<ImportSettings> {
  requireImportRead(ctx);
  return readImportSettings(ctx.trx);
}

/** The drop folder of the daily import (school-lead). */
export async function saveImportSettings(ctx: RequestContext, input: ImportSettingsInput): Promise<ImportSettings> {
  requireImportSettings(ctx);
  if (input.ownerUserId && !(await ctx.trx('users').where({ id: input.ownerUserId, active: true }).first('id'))) {
    throw ruleViolation('ownerUserId', m('school.import.owner-unknown'));
  }
  await ctx.trx('schoolImportSettings').insert({ tenantId: ctx.principal.tenantId, ...input, updatedBy: ctx.principal.userId, updatedAt: ctx.trx.fn.now() })
    .onConflict('tenantId').merge();
  return readImportSettings(ctx.trx);
}
