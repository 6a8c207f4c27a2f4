import type { RequestContext } from '../../core/record-service';
import { captureEvidence } from './capture-evidence';
import type { ReportFinding, ReportInventoryItem } from './report.schema';

/**
 * Where a report reads the mission's findings and inventory when a version is frozen: the capture
 * area's records, decrypted (their sensitive fields are encrypted at rest). One small port, so a
 * capture that changes how it stores them changes one adapter (capture-evidence.ts, the default).
 */
export interface ReportEvidence {
  findings(ctx: RequestContext, missionId: string): Promise<ReportFinding[]>;
  inventory(ctx: RequestContext, missionId: string): Promise<ReportInventoryItem[]>;
}

let source: ReportEvidence = captureEvidence;

/** Another source of evidence (the default is the capture's records). */
export function useReportEvidence(evidence: ReportEvidence): void {
  source = evidence;
}

export function reportEvidence(): ReportEvidence {
  return source;
}

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'] as const;

/** Findings as the report lists them: most severe first, then by CVSS score, then by title. */
export function orderFindings(findings: readonly ReportFinding[]): ReportFinding[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity)
    || (b.cvssScore ?? -1) - (a.cvssScore ?? -1) || a.title.localeCompare(b.title, 'fr'));
}
