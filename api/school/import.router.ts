import { Router } from 'express';
import { z } from 'zod';
import { renderText, type Locale } from '../../domain/i18n/messages';
import { requireImportCreate, requireImportRead } from '../../domain/school/import-access';
import { importQuery, importSettingsInput, mappingInput } from '../../domain/school/import-mapping.schema';
import { listMappings, saveMapping } from '../../domain/school/import-mappings';
import type { ReportRow } from '../../domain/school/import-run';
import { getImportRun, listImportRuns } from '../../domain/school/import-runs';
import { getImportSettings, importStudentFile, saveImportSettings } from '../../domain/school/import-service';
import { MAX_IMPORT_BYTES } from '../../domain/school/import-workbook';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { requestLocale } from '../http/locale';
import { singleFileUpload } from '../http/upload';
import { validate } from '../http/validate';

/** A report's rows as answered: reasons and warnings written in the reader's language, their codes beside them. */
export function presentRows(rows: readonly ReportRow[], locale: Locale): unknown[] {
  return rows.map((r) => ({
    ...r,
    ...(r.reason ? { reason: renderText(r.reason, locale), reasonCode: r.reason.code } : {}),
    ...(r.warnings ? { warnings: r.warnings.map((w) => renderText(w, locale)), warningCodes: r.warnings.map((w) => w.code) } : {}),
  }));
}

const runsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).optional() }).strict();

/**
 * `/api/v1/school/…` of the registry import (issue 18, ADR 0050): the upload (`students/import`, `?dryRun=true` for the
 * diff without writing), the runs' history and reports, the column mappings (each save a new version), the drop folder.
 */
export function importRouter(deps: ApiDeps): Router {
  const router = Router();
  const single = singleFileUpload({ maxBytes: MAX_IMPORT_BYTES, kind: 'workbook' });

  router.post('/students/import', single, inTenant(deps, async (req, ctx) => {
    requireImportCreate(ctx);
    const query = validate(importQuery, req.query, 'query');
    const report = await importStudentFile(ctx, req.file, { dryRun: query.dryRun === 'true', mappingId: query.mappingId, source: query.source ?? 'upload' });
    return { body: { ...report, rows: presentRows(report.rows, requestLocale(req)) }, headers: { 'Cache-Control': 'no-store' } };
  }));

  router.get('/imports', inTenant(deps, async (req, ctx) => {
    requireImportRead(ctx);
    const { limit } = validate(runsQuery, req.query, 'query');
    return { body: { items: await listImportRuns(ctx.trx, limit) }, headers: { 'Cache-Control': 'no-store' } };
  }));
  router.get('/imports/:id', inTenant(deps, async (req, ctx) => {
    requireImportRead(ctx);
    const run = await getImportRun(ctx.trx, String(req.params.id));
    return { body: { ...run, rows: presentRows(run.rows, requestLocale(req)) }, headers: { 'Cache-Control': 'no-store' } };
  }));

  router.get('/import-mappings', inTenant(deps, async (_req, ctx) => {
    requireImportRead(ctx);
    return { body: { items: await listMappings(ctx.trx, ctx.principal.tenantId) } };
  }));
  router.post('/import-mappings', inTenant(deps, async (req, ctx) => {
    requireImportCreate(ctx);
    return { status: 201, body: await saveMapping(ctx.trx, ctx.principal.tenantId, ctx.principal.userId, validate(mappingInput, req.body)) };
  }));

  router.get('/import-settings', inTenant(deps, async (_req, ctx) => ({ body: await getImportSettings(ctx) })));
  router.put('/import-settings', inTenant(deps, async (req, ctx) => ({ body: await saveImportSettings(ctx, validate(importSettingsInput, req.body)) })));
  return router;
}
