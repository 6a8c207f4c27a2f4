import type fr from './bulk.fr';

/** Texts of the telecom bulk screens (English). */
const en: typeof fr = {
  nav: { lines: 'Lines' },
  lines: {
    title: 'Lines',
    search: 'Search a number, a user',
    create: 'New line',
    count: 'No line shown | {n} line shown | {n} lines shown',
    none: 'No line matches',
    columns: { number: 'Number', userName: 'User', accountName: 'Client', fleetName: 'Fleet', planName: 'Plan', status: 'Status', salePriceCents: 'Sale / month' },
    scope: { accountId: 'This client', fleetId: 'This fleet', planId: 'This plan' },
    status: { active: 'Active', suspended: 'Suspended', pending: 'Pending', terminated: 'Terminated' },
    pendingOrder: {
      'create-line': 'Creation asked of the operator', 'modify-line': 'Plan change asked of the operator', 'change-options': 'Options asked of the operator',
      'terminate-line': 'Termination asked of the operator', 'suspend-line': 'Suspension asked of the operator', 'resume-line': 'Resumption asked of the operator',
      'order-sim': 'SIM ordered from the operator', other: 'Order awaiting the operator',
    },
  },
  actions: { changePlan: 'Change plan', addOption: 'Add an option', suspend: 'Suspend at the operator', resume: 'Resume at the operator', terminate: 'Terminate at the operator', createDeployment: 'Create a deployment', orderSim: 'Order a SIM' },
  confirm: {
    changePlan: 'Move {n} line to the plan "{choice}"? | Move {n} lines to the plan "{choice}"?',
    addOption: 'Add the option "{choice}" to {n} line? | Add the option "{choice}" to {n} lines?',
    suspend: 'Ask the operator to suspend {n} line? It is suspended once the operator confirms. | Ask the operator to suspend {n} lines? Each is suspended once the operator confirms.',
    resume: 'Ask the operator to resume {n} line? It is active once the operator confirms. | Ask the operator to resume {n} lines? Each is active once the operator confirms.',
    terminate: 'Terminate {n} line at the operator? This cannot be undone. | Terminate {n} lines at the operator? This cannot be undone.',
    createDeployment: 'Create a deployment (in study) for {n} line? | Create one deployment per client (in study) for {n} lines?',
    orderSim: 'Order a SIM for {n} line (a deployment in study)? | Order a SIM for each of the {n} lines (one deployment per client, in study)?',
  },
};
export default en;
