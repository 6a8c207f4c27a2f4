import { TRACKING, cols, p, type PersonalDataDeclaration } from '../../gdpr/personal-data';

/**
 * The audit reports' tables (docs/adr/0038-audit-reports.md), under the missions' activity: the section
 * texts and the frozen versions carry what the findings and the inventory say (sensitive: a client's
 * weaknesses), the comments are free text. The ids of people (submitted_by, author_id…) point to users.
 */
export const reportTables: PersonalDataDeclaration['tables'] = {
  audit_report_templates: {
    activity: 'audits.missions',
    personal: {},
    notPersonal: cols(TRACKING, 'cover_title footer serial_display'),
  },
  audit_reports: {
    activity: 'audits.missions',
    personal: {},
    notPersonal: cols(TRACKING, 'mission_id status current_version template_snapshot submitted_by submitted_at approved_by approved_at delivered_at'),
  },
  audit_report_sections: {
    activity: 'audits.missions',
    personal: { body: p.erase('offence', { sensitive: true }) },
    notPersonal: cols(TRACKING, 'report_id key position title origin assistant_draft edited_by'),
  },
  audit_report_versions: {
    activity: 'audits.missions',
    personal: { snapshot: p.erase('offence', { sensitive: true }) },
    notPersonal: cols(TRACKING, 'report_id number submitted_by submitted_at decision decided_by decided_at'),
  },
  audit_report_comments: {
    activity: 'audits.missions',
    personal: { body: p.erase('free-text') },
    notPersonal: cols(TRACKING, 'report_id version_number section_key author_id resolved'),
  },
};
