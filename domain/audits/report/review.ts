import type { ReportStatus } from './report.schema';

/**
 * The report's review (issue 16, docs/adr/0038-audit-reports.md), pure: who may do what on a report
 * in which state. An auditor of the mission drafts and submits; the report is then frozen while
 * the mission lead reviews it, comments per section, and either sends it back (editable again) or
 * approves it. Approval is by someone else than the one who submitted the version: a lead who drafted
 * and submitted the report does not approve their own work (another lead does).
 */
export type ReportRole = 'writer' | 'reviewer' | 'reader' | 'none';

export interface MissionFacts {
  leadId: string | null;
  auditorIds: readonly string[];
}

export interface Caller {
  userId: string;
  roles: readonly string[];
}

/**
 * The caller's place on this mission's report: `reviewer` (a mission lead: reviews, and may also
 * write), `writer` (an auditor assigned to the mission), `reader` (administration), `none` (anyone
 * else: the API answers 404, as if the mission did not exist).
 */
export function reportRoleOf(caller: Caller, mission: MissionFacts): ReportRole {
  if (caller.roles.includes('mission-lead')) return 'reviewer';
  const onMission = mission.leadId === caller.userId || mission.auditorIds.includes(caller.userId);
  if (caller.roles.includes('auditor') && onMission) return 'writer';
  if (caller.roles.includes('administration')) return 'reader';
  return 'none';
}

export type ReportAction = 'edit' | 'submit' | 'approve' | 'request-changes';

/** Why an action is refused (a message key of report.messages.ts), or null when allowed. */
export type Refusal =
  | { reason: 'frozen'; status: ReportStatus }
  | { reason: 'not-in-review'; status: ReportStatus }
  | { reason: 'not-submittable'; status: ReportStatus }
  | { reason: 'not-allowed'; action: ReportAction }
  | { reason: 'own-approval' };

const EDITABLE: readonly ReportStatus[] = ['draft', 'changes_requested'];

export const isEditable = (status: ReportStatus): boolean => EDITABLE.includes(status);

/** Whether `action` is allowed to a caller with `role` on a report in `status`; `submittedBy` is who submitted the version under review. */
export function refusalOf(action: ReportAction, role: ReportRole, status: ReportStatus, callerId: string, submittedBy: string | null): Refusal | null {
  const writes = role === 'writer' || role === 'reviewer';
  switch (action) {
    case 'edit':
      if (!writes) return { reason: 'not-allowed', action };
      return isEditable(status) ? null : { reason: 'frozen', status };
    case 'submit':
      if (!writes) return { reason: 'not-allowed', action };
      return isEditable(status) ? null : { reason: 'not-submittable', status };
    case 'approve':
    case 'request-changes':
      if (role !== 'reviewer') return { reason: 'not-allowed', action };
      if (status !== 'in_review') return { reason: 'not-in-review', status };
      if (action === 'approve' && submittedBy === callerId) return { reason: 'own-approval' };
      return null;
  }
}

/** The status an allowed action leads to. */
export function nextStatus(action: Exclude<ReportAction, 'edit'>): ReportStatus {
  return action === 'submit' ? 'in_review' : action === 'approve' ? 'approved' : 'changes_requested';
}

/** The mission status the report's move asks for (Rédaction while written or sent back, Relecture while reviewed), or null. */
export function missionStatusFor(status: ReportStatus): 'drafting' | 'review' | null {
  if (status === 'in_review') return 'review';
  if (status === 'changes_requested' || status === 'draft') return 'drafting';
  return null;
}
