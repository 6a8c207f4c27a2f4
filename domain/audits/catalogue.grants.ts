import { on } from '../identity/grants';

/**
 * Who may what on the control catalogue, the checklists and the finding library (issue 16): mission
 * leads everything; auditors read the catalogue and the library and answer the checks of their own
 * missions (`assigned`: lead or named auditor, 404 on the others); the administration reads; a
 * candidate nothing.
 */
export const catalogueResources = {
  'audits.catalogue': 'AuditCheckPoint',
  'audits.library': 'AuditLibraryFinding',
  'audits.check': 'AuditMissionCheck',
};

export const catalogueGrants = {
  missionLead: [...on('audits.catalogue', 'rcud=all'), ...on('audits.library', 'rcud=all'), ...on('audits.check', 'rcud=all')],
  auditor: [...on('audits.catalogue', 'r=all'), ...on('audits.library', 'r=all'), ...on('audits.check', 'ru=assigned')],
  administration: [...on('audits.catalogue', 'r=all'), ...on('audits.library', 'r=all'), ...on('audits.check', 'r=all')],
};
