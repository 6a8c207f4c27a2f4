import { TRACKING, cols, p, type PersonalDataDeclaration } from '../gdpr/personal-data';
import type { SubjectLinks } from '../gdpr/subjects.schema';

/**
 * The catalogue area's tables (issue 16, ADR 0034): the control catalogue and the finding library hold
 * the firm's own know-how, nobody's data; a mission's check carries the auditor's free observation,
 * erased with the mission's other on-site texts.
 */
export const catalogueTables: PersonalDataDeclaration['tables'] = {
  audit_check_points: {
    activity: 'audits.missions',
    personal: {},
    notPersonal: cols(TRACKING, 'code scope catalogue_version title guidance references expected_evidence applies_to position retired_at replaced_by search'),
  },
  audit_mission_checks: {
    activity: 'audits.missions',
    personal: { observation: p.erase('free-text') },
    notPersonal: cols(TRACKING, 'mission_id check_point_id site_id code scope catalogue_version title guidance references expected_evidence position answer answered_by answered_at'),
  },
  audit_library_findings: {
    activity: 'audits.missions',
    personal: {},
    notPersonal: cols(TRACKING, 'title description risk recommendation references default_severity scopes tags usage_count last_used_at search'),
  },
};

/**
 * Where a person is in these tables: the auditor who answered a check; a client (account) through its
 * missions' checklists, whose observations may name the people met on site.
 */
export const catalogueSubjectLinks: SubjectLinks = {
  user: [{ match: 'ref', table: 'audit_mission_checks', column: 'answered_by', from: 'users' }],
  account: [{ match: 'ref', table: 'audit_mission_checks', column: 'mission_id', from: 'audit_missions' }],
};
