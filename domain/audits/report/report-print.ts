import type { RequestContext } from '../../core/record-service';
import { NotFoundError, UnprocessableError } from '../../errors';
import { reportMessage as m } from './report.messages';
import type { VersionSnapshot } from './report.schema';
import { renderReportPdf } from './report-pdf';
import { missionOfReport, reportOfMission } from './report-store';
import { liveSnapshot } from './reports';
import { isEditable } from './review';

/**
 * `GET …/report/pdf[?version=n]`: a submitted version as it was frozen (by default the current one),
 * or — while the report is being written and no version is asked — the draft as it stands, marked
 * « BROUILLON ». Always from the report's template snapshot, never today's template.
 */
export async function reportPdf(ctx: RequestContext, missionId: string, versionNumber?: number): Promise<{ bytes: Buffer; fileName: string }> {
  const { mission } = await missionOfReport(ctx, missionId);
  const report = await reportOfMission(ctx, missionId);
  const wanted = versionNumber ?? (isEditable(report.status) ? null : report.currentVersion);
  let snapshot: VersionSnapshot;
  let at: Date;
  if (wanted === null) {
    snapshot = await liveSnapshot(ctx, mission, report.id);
    at = new Date();
  } else {
    const row = (await ctx.trx('auditReportVersions').where({ reportId: report.id, number: wanted }).first('snapshot', 'submittedAt')) as { snapshot: VersionSnapshot | null; submittedAt: Date } | undefined;
    if (!row) throw new NotFoundError(m('audits.report.no-such-version', { number: wanted }));
    if (!row.snapshot) throw new UnprocessableError(m('audits.report.version-erased'));
    snapshot = row.snapshot;
    at = row.submittedAt;
  }
  const bytes = await renderReportPdf({ template: report.templateSnapshot, snapshot, versionNumber: wanted, at });
  return { bytes, fileName: `rapport-mission-${mission.number}${wanted ? `-v${wanted}` : '-brouillon'}.pdf` };
}
