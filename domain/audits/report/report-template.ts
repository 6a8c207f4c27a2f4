import type { RequestContext } from '../../core/record-service';
import { appendHistoryAs } from '../../core/record-service';
import { ForbiddenError } from '../../errors';
import { reportMessage as m } from './report.messages';
import type { TemplateSnapshot } from './report.schema';
import { reportTemplateUpdate } from './report.schema';
import { currentTemplate } from './report-store';
import type { z } from 'zod';

/**
 * The organisation's report template (`GET/PUT /api/v1/audits/report-template`): cover title, footer,
 * how serial numbers print. Mission leads and the administration change it; reports already made keep
 * the copy they took (their `template_snapshot`).
 */
export const AUDIT_REPORT_TEMPLATE = 'audits.report-template';

const mayChange = (roles: readonly string[]) => roles.includes('mission-lead') || roles.includes('administration');

export async function getReportTemplate(ctx: RequestContext): Promise<TemplateSnapshot> {
  if (!mayChange(ctx.principal.roles) && !ctx.principal.roles.includes('auditor')) throw new ForbiddenError(m('audits.report.template-forbidden'));
  return currentTemplate(ctx);
}

export async function updateReportTemplate(ctx: RequestContext, input: z.infer<typeof reportTemplateUpdate>): Promise<TemplateSnapshot> {
  if (!mayChange(ctx.principal.roles)) throw new ForbiddenError(m('audits.report.template-forbidden'));
  const before = await currentTemplate(ctx);
  const row = { coverTitle: input.coverTitle, footer: input.footer ?? null, serialDisplay: input.serialDisplay };
  await ctx.trx('auditReportTemplates').insert({ tenantId: ctx.principal.tenantId, ...row, createdBy: ctx.principal.userId })
    .onConflict('tenantId').merge({ ...row, version: ctx.trx.raw('audit_report_templates.version + 1') });
  const after = await currentTemplate(ctx);
  await appendHistoryAs(ctx, { recordType: AUDIT_REPORT_TEMPLATE, recordId: ctx.principal.tenantId, action: 'update', changes: { coverTitle: { before: before.coverTitle, after: after.coverTitle }, serialDisplay: { before: before.serialDisplay, after: after.serialDisplay } } });
  return after;
}
