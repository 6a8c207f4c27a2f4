import { on } from '../identity/grants';
import { DEPLOYMENT_PROCESS_ACTIVITIES } from './deployment-process.activity-contracts';
import { DEPLOYMENT_PROCESS_FILE, STUDY_DEPLOY_BILL_CHECK, deploymentProcessLabel } from './deployment-process';
import { DEPLOYMENT_PROCESS_FORMS } from './deployment-process.forms';
import { deploymentSample } from './deployment-samples';
import { seedDeploymentsDemo } from './deployments.demo';
import { telecomDeployments } from './deployments';
import { deploymentsMessages } from './deployments.messages';
import { deploymentsPersonalData } from './deployments.personal-data';
import type { TelecomPart } from './telecom-part';

/**
 * The telecom vertical's deployments and the study → deploy → bill → check process (spec 002 §6, ADR 0044): the
 * `telecom.deployment` resource (« lancer déploiement » = create), its record, the shipped process with its
 * contracts, forms and labels, and the demo's deployments at every step.
 */
export const deploymentsPart: TelecomPart = {
  resources: { 'telecom.deployment': 'TelecomDeployment' },
  records: [{
    resource: telecomDeployments, path: 'telecom/deployments', label: { fr: 'déploiement', en: 'deployment', frPlural: 'déploiements', enPlural: 'deployments' },
    // Found by its number or its title; its client's name shows beside it.
    search: {
      names: ['t.search_name'], words: [{ column: 't.search', config: 'french' }], number: 't.number',
      show: { title: 't.title', subtitle: 'a.name', accountId: 't.account_id' },
    },
    personalDataColumns: ['study_notes', 'abandon_reason'], sample: deploymentSample,
  }],
  grants: {
    direction: on('telecom.deployment', 'rcud=all'),
    manager: on('telecom.deployment', 'rcud=all'),
    'support-n1': on('telecom.deployment', 'r=all'),
    'support-n2': on('telecom.deployment', 'rcu=all'),
    sales: on('telecom.deployment', 'r=own'),
    accounting: on('telecom.deployment', 'r=all'),
    client: on('telecom.deployment', 'r=own'),
  },
  activities: DEPLOYMENT_PROCESS_ACTIVITIES,
  forms: DEPLOYMENT_PROCESS_FORMS,
  processes: [DEPLOYMENT_PROCESS_FILE],
  businessLabels: { [STUDY_DEPLOY_BILL_CHECK]: deploymentProcessLabel },
  messages: deploymentsMessages,
  personalData: deploymentsPersonalData,
  seedDemo: seedDeploymentsDemo,
};
