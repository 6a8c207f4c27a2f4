import type fr from './missions.fr';

/** Texts of the missions' screens (English). */
const en: typeof fr = {
  nav: { missions: 'Missions', myMissions: 'My missions', dashboard: 'Dashboard' },
  title: 'Audit missions',
  search: 'Search a mission (title, client)',
  create: 'New mission',
  count: 'No mission | 1 mission | {n} missions',
  none: 'No mission matches.',
  number: 'Mission #{number}',
  columns: { number: '#', title: 'Mission', accountName: 'Client', status: 'Status', dates: 'Dates' },
  created: 'Mission #{number} created.',
  fields: { title: 'Title', scope: 'Main scope', startsOn: 'Start', endsOn: 'End', dayHint: 'YYYY-MM-DD' },
  filters: { mine: 'My missions' },
  statuses: { new: 'New', planned: 'Planned', on_site: 'On site', drafting: 'Drafting', review: 'Review', delivered: 'Delivered', anonymised: 'Anonymised' },
  scopes: {
    network: 'Internal network', servers: 'Servers', applications: 'Business applications', workstations: 'Workstations', physical_access: 'Physical access control',
    awareness: 'Staff awareness', documentation: 'Documentary compliance', access_rights: 'Rights and access management',
  },
  panel: {
    plan: 'Plan in the auditors\' agendas', planned: 'No new day to plan | 1 day on site planned | {n} days on site planned', conflicts: 'Auditors already busy on those days:',
    dates: 'Dates', lead: 'Mission lead', auditors: 'Auditors', scopes: 'Scope', sites: 'Audited sites', noSites: 'No site yet',
    noDays: 'days to be set', billing: 'Quote and invoices', quote: 'Quote {number}', noQuote: 'No linked quote', invoice: 'Invoice {number} — {due} due',
    capture: 'On-site capture', checklist: 'Check points', report: 'Report', assistant: 'Assistant', moveTo: 'Move to "{status}"',
  },
  edit: {
    open: 'Edit', title: 'Edit the mission', save: 'Save', cancel: 'Cancel', saved: 'Mission saved.',
    onSiteFrom: 'On site from', onSiteTo: 'to', noClientSites: 'This client has no site: add one from its record.',
  },
  dashboard: {
    upcomingList: 'Coming days on site', reviewList: 'Reports to review', unpaidList: 'Unpaid invoices', anonymisationList: 'Missions to anonymise',
    title: 'Audits dashboard', byStatus: 'Missions by status', upcoming: 'Coming days on site', noUpcoming: 'No day on site in the next 30 days',
    awaitingReview: 'Reports to review', noReview: 'No report waiting for review', unpaid: 'Unpaid invoices: {n} ({amount})', noUnpaid: 'No unpaid invoice',
    due: 'due {day}', overdue: 'overdue', anonymisation: 'Missions to anonymise', noAnonymisation: 'No delivered mission waiting for anonymisation',
    anonymiseOn: 'anonymised on {day}', anonymiseOverdue: 'anonymisation due since {day}',
  },
};
export default en;
