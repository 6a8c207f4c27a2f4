import type processFr from './process.fr';

/** The mission's process and the anonymised history (English). */
const processEn: typeof processFr = {
  nav: { statistics: 'Anonymised history' },
  block: {
    title: 'Process and anonymisation',
    noProcess: 'The process "From audit to anonymisation" is not started for this mission.',
    start: 'Start the process',
    started: 'Process started.',
    processStatus: 'Process: {status}',
    statuses: { running: 'running', incident: 'incident', completed: 'completed', cancelled: 'cancelled', failed: 'failed' },
    openTasks: 'Open tasks: {tasks}',
    openInMonitor: 'Follow the process',
    delivered: 'Delivered on {date}',
    anonymiseOn: 'Anonymisation planned on {date}',
    anonymisedAt: 'Anonymised on {date}',
    postponed: 'Postponed to {date} by {who}: "{reason}"',
    postpone: 'Postpone the anonymisation',
  },
  postpone: {
    title: 'Postpone the anonymisation',
    subtitle: 'Once only, with a reason: the postponement is kept in the audit log.',
    until: 'New date',
    reason: 'Reason',
    submit: 'Postpone',
    done: 'Anonymisation postponed to {date}.',
  },
  statistics: {
    title: 'Anonymised history of missions',
    intro: 'What anonymised missions leave: scope, sector, town, month and counts — no identity, no client.',
    empty: 'No anonymised mission yet.',
    columns: { month: 'Month', scopes: 'Scope', sector: 'Sector (NAF)', town: 'Town', sites: 'Sites', daysOnSite: 'Days on site', findings: 'Findings', checks: 'Checks', inventory: 'Hardware' },
    severities: { critical: 'critical', high: 'high', medium: 'medium', low: 'low', info: 'info' },
    answers: { compliant: 'compliant', non_compliant: 'non-compliant', not_applicable: 'not applicable', not_checked: 'not checked' },
  },
};

export default processEn;
