import type fr from './integrations.fr';

/** Texts of the telecom integrations screens (English). */
const en: typeof fr = {
  nav: { connections: 'API connections' },
  connections: {
    title: 'Connections to operators and billing',
    intro: 'Which adapter serves each operator and billing system. Without a connection, the sandbox answers. Credentials are encrypted and never shown again.',
    readOnly: 'You may view the connections; only the direction and managers configure them.',
    empty: 'No connection: every operator and billing system goes through the sandbox.',
    add: 'Add a connection',
    edit: 'Edit',
    kinds: { operator: 'Operator', 'billing-system': 'Billing system' },
    kind: 'Kind',
    key: 'Key (as fleets name it)',
    keyHint: 'Lower case, digits and hyphens: snaic, alphalink, cfast',
    adapter: 'Adapter',
    label: 'Label',
    baseUrl: 'API address',
    baseUrlHint: 'Empty: the adapter\'s default address',
    credential: 'Credential "{name}"',
    credentialSet: 'Saved — leave empty to keep it',
    webhookSecret: 'Notification signing secret',
    webhookSecretHint: 'At least 16 characters; leave empty to keep the current one',
    webhookUrl: 'Notification address to give the operator',
    active: 'Active',
    inactive: 'Disabled',
    secretsSet: 'Saved credentials: {names}',
    noSecrets: 'No credential',
    webhookSet: 'Notification secret saved',
    save: 'Save',
    cancel: 'Cancel',
    saved: 'Connection saved.',
  },
};
export default en;
