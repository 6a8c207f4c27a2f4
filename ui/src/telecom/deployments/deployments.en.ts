import type fr from './deployments.fr';

/** Texts of the telecom deployments screens (English). */
const en: typeof fr = {
  nav: { deployments: 'Deployments' },
  title: 'Deployments',
  search: 'Search a deployment, a client',
  create: 'New deployment',
  count: 'No deployment shown | {n} deployment shown | {n} deployments shown',
  none: 'No deployment matches',
  number: 'Deployment #{number}',
  open: 'Open the deployment (quote, study, actions)',
  columns: { number: '#', title: 'Title', accountName: 'Client', status: 'Step' },
  statuses: { study: 'Study', supplier: 'Supplier', billing: 'Billing', check: 'Check', fix: 'Fix', done: 'Done', abandoned: 'Abandoned' },
  actionStatuses: { pending: 'To do', sent: 'Sent', waiting: 'Waiting for the operator', done: 'Done', failed: 'Failed', compensated: 'Undone' },
  sides: { supplier: 'Supplier', billing: 'Billing' },
  kinds: {
    'create-line': 'Create the line', 'modify-line': 'Modify the line', 'terminate-line': 'Terminate the line', 'order-sim': 'Order SIMs', 'change-options': 'Change options',
    'create-service': 'Create the service', 'change-subscription': 'Change the subscription', 'add-option': 'Add an option', 'add-hardware': 'Add hardware', 'add-fee': 'Add one-off fees',
  },
  account: { title: 'Deployments', none: 'No deployment', titleField: 'Title', lines: 'Lines concerned', kinds: 'To do on each line', confirm: 'Create and start the study' },
  lineStatuses: { pending: 'pending', active: 'active', suspended: 'suspended', terminated: 'terminated' },
  panel: {
    quote: 'Quote', step: 'Where it stands', actions: 'Actions', noActions: 'No action', noProcess: 'Process not started',
    incident: 'Incident at step {element}', task: 'Current task: {name}',
    start: 'Start the process', started: 'Process started.',
    abandon: 'Abandon', abandonHelp: 'What was done is undone in reverse: what was billed is cancelled, then the lines created are terminated.',
    reason: 'Why it is abandoned', cancel: 'Cancel', abandoned: 'Abandonment asked: the compensations are running.',
  },
};
export default en;
