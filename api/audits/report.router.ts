import { Router } from 'express';
import { z } from 'zod';
import { reportPdf } from '../../domain/audits/report/report-print';
import { reportReview, reportTemplateUpdate, reportUpdate } from '../../domain/audits/report/report.schema';
import { getReportTemplate, updateReportTemplate } from '../../domain/audits/report/report-template';
import { getReport, reportVersions, reviewReport, submitReport, updateReport } from '../../domain/audits/report/reports';
import { fieldIssue } from '../../domain/i18n/zod-issues';
import { REPORT_APPROVED, REPORT_CHANGES_REQUESTED, REPORT_SUBMITTED, tellMissionProcess, type ProcessMessageName } from '../../domain/audits/mission-process';
import type { RequestContext } from '../../domain/core/record-service';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';
import { etagOf, expectedVersion } from '../http/if-match';
import { validate } from '../http/validate';

/** `?version=2` on the PDF: a submitted version's number. */
export const reportPdfQuery = z.object({ version: z.coerce.number().int(fieldIssue('field.whole-number')).min(1, fieldIssue('field.too-small')).max(100_000).optional() }).strict();

/**
 * `/api/v1/audits/missions/{id}/report…` (issue 16, docs/adr/0038-audit-reports.md): the report's
 * sections (If-Match), submit, review, versions and PDF. Who may is the domain's (review.ts): the
 * mission's auditors write while it is a draft or sent back, mission leads review, the administration
 * reads, anyone else gets 404.
 */
export function reportRouter(deps: ApiDeps): Router {
  const router = Router();
  const answer = (report: Record<string, unknown>) => ({ body: report, headers: { ETag: etagOf(report.version), 'Cache-Control': 'no-store' } });
  router.get('/:id/report', inTenant(deps, async (req, ctx) => answer(await getReport(ctx, String(req.params.id)))));
  router.put('/:id/report', inTenant(deps, async (req, ctx) => {
    const version = expectedVersion(req, true);
    const input = validate(reportUpdate, req.body);
    return answer(await updateReport(ctx, String(req.params.id), version, input));
  }));
  // The mission's process (audits.audit-to-anonymise) hears of each submission and decision, in the same transaction (kept for it when it does not wait yet).
  const tell = (ctx: RequestContext, missionId: string, name: ProcessMessageName) => tellMissionProcess(ctx.trx, deps.temporal, ctx.principal.tenantId, missionId, name);
  router.post('/:id/report/submit', inTenant(deps, async (req, ctx) => {
    const report = await submitReport(ctx, String(req.params.id));
    await tell(ctx, String(report.missionId), REPORT_SUBMITTED);
    return answer(report);
  }));
  router.post('/:id/report/review', inTenant(deps, async (req, ctx) => {
    const input = validate(reportReview, req.body);
    const report = await reviewReport(ctx, String(req.params.id), input);
    await tell(ctx, String(report.missionId), input.decision === 'approve' ? REPORT_APPROVED : REPORT_CHANGES_REQUESTED);
    return answer(report);
  }));
  router.get('/:id/report/versions', inTenant(deps, async (req, ctx) => ({ body: { items: await reportVersions(ctx, String(req.params.id)) }, headers: { 'Cache-Control': 'no-store' } })));
  router.get('/:id/report/pdf', inTenant(deps, async (req, ctx) => {
    const { version } = validate(reportPdfQuery, req.query, 'query');
    const { bytes, fileName } = await reportPdf(ctx, String(req.params.id), version);
    return { raw: bytes, headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${fileName}"`, 'Cache-Control': 'private, no-store' } };
  }));
  return router;
}

/** `/api/v1/audits/report-template`: the organisation's report template. */
export function reportTemplateRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/', inTenant(deps, async (_req, ctx) => ({ body: await getReportTemplate(ctx) })));
  router.put('/', inTenant(deps, async (req, ctx) => ({ body: await updateReportTemplate(ctx, validate(reportTemplateUpdate, req.body)) })));
  return router;
}
