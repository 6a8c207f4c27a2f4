import type { RequestContext } from '../../core/record-service';
import { changeMissionStatus } from '../mission-status';
import type { ReportStatus } from './report.schema';
import type { MissionOfReport } from './report-store';
import { missionStatusFor } from './review';

/**
 * The mission follows its report: Rédaction while the report is written or sent back, Relecture while
 * it is reviewed (issue 16). The move goes through the missions area's one write path,
 * `changeMissionStatus` of domain/audits/mission-status.ts, in the report's transaction; a mission
 * elsewhere in its life (still on site, already delivered) is left where it is.
 */
export async function followMission(ctx: RequestContext, mission: MissionOfReport, reportStatus: ReportStatus): Promise<void> {
  const to = missionStatusFor(reportStatus);
  if (!to) return;
  const path: Record<string, readonly ('drafting' | 'review')[]> = {
    review: mission.status === 'on_site' ? ['drafting', 'review'] : mission.status === 'drafting' ? ['review'] : [],
    drafting: mission.status === 'review' ? ['drafting'] : [],
  };
  for (const step of path[to] ?? []) await changeMissionStatus(ctx, mission.id, step, { reason: REASONS[step] });
}

const REASONS = { review: 'Rapport soumis à relecture', drafting: 'Modifications du rapport demandées' } as const;
