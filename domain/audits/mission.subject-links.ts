import type { SubjectLinks } from '../gdpr/subjects.schema';

/** The tables hanging on a mission by `mission_id` (each area's rows about the mission's client). */
const MISSION_ROWS = ['audit_mission_sites', 'audit_inventory_items', 'audit_observations', 'audit_findings', 'audit_uploads', 'assistant_suggestions', 'audit_anonymisation_keys', 'audit_deliveries', 'audit_reports'];
/** The report's rows, by `report_id`. */
const REPORT_ROWS = ['audit_report_sections', 'audit_report_versions', 'audit_report_comments'];

/**
 * How a rights request (ADR 0023) finds the audits' rows about a person. A client company (`account`)
 * reaches its missions, and from them everything captured, suggested, reported and delivered for them;
 * a client's contact reaches the deliveries mailed to their address; a collaborator (`user`) the missions
 * they lead or audit and what they wrote. People met on site are named only inside sealed free text:
 * they are found through their company's missions.
 */
export const missionSubjectLinks: SubjectLinks = {
  account: [
    { match: 'ref', table: 'audit_missions', column: 'account_id', from: 'accounts' },
    ...MISSION_ROWS.map((table) => ({ match: 'ref' as const, table, column: 'mission_id', from: 'audit_missions' })),
    ...REPORT_ROWS.map((table) => ({ match: 'ref' as const, table, column: 'report_id', from: 'audit_reports' })),
  ],
  contact: [{ match: 'address', table: 'audit_deliveries', column: 'recipient' }],
  user: [
    { match: 'ref', table: 'audit_missions', column: 'lead_id', from: 'users' },
    { match: 'mentions', table: 'audit_missions', column: 'auditor_ids' },
    ...['audit_inventory_items', 'audit_observations', 'audit_findings', 'audit_uploads'].map((table) => ({ match: 'ref' as const, table, column: 'created_by', from: 'users' })),
    { match: 'ref', table: 'assistant_suggestions', column: 'decided_by', from: 'users' },
    { match: 'ref', table: 'audit_report_sections', column: 'edited_by', from: 'users' },
    { match: 'ref', table: 'audit_report_versions', column: 'submitted_by', from: 'users' },
    { match: 'ref', table: 'audit_report_comments', column: 'author_id', from: 'users' },
  ],
};
