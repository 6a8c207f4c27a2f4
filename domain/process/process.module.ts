import type { DomainModule } from '../modules/vertical-module';
import { approvalForm } from './forms';
import { decisionMessages } from './decision.messages';
import { lintMessages } from './lint.messages';
import { processMessages } from './process.messages';
import { processPersonalData } from './process.personal-data';

/** The process engine: definitions, instances, tasks and messages. */
export const processModule: DomainModule = {
  key: 'process',
  personalData: processPersonalData,
  messages: { ...processMessages, ...lintMessages, ...decisionMessages },
  kind: 'core',
  label: { fr: 'Processus', en: 'Processes' },
  resources: {
    'process.instance': 'ProcessInstance',
    'process.task': 'Task',
    'process.message': 'ProcessMessage',
    'process.definition': 'ProcessDefinition',
  },
  fieldGroups: {
    /** Process variables carry business data: the monitor shows them only with this grant. */
    'process.instance.variables': { subject: 'ProcessInstance', fields: ['variables'] },
  },
  forms: [approvalForm],
};
