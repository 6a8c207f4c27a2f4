import type { RequestContext } from '../../core/record-service';
import { appendHistoryAs } from '../../core/record-service';
import { AUDIT_REPORT } from './reports';

/**
 * The report delivered to the client (the process's « Livrer le rapport », audits.report.deliver): an
 * approved report becomes `delivered` with the delivery's instant. Idempotent (a retried task changes
 * nothing more); a mission without an approved report is left as it is.
 */
export async function markReportDelivered(ctx: RequestContext, missionId: string, at: Date): Promise<boolean> {
  const [row] = (await ctx.trx('auditReports').where({ missionId, status: 'approved' })
    .update({ status: 'delivered', deliveredAt: at, version: ctx.trx.raw('version + 1') }).returning('id')) as Array<{ id: string }>;
  if (!row) return false;
  await appendHistoryAs(ctx, { recordType: AUDIT_REPORT, recordId: row.id, action: 'update', changes: { status: { before: 'approved', after: 'delivered' } } });
  return true;
}
