import type { DomainModule } from '../modules/vertical-module';
import { COMMS_ACTIVITIES } from './comms.activity-contracts';
import { COMMS_CONSENT_PURPOSES } from './comms.consent-purposes';
import { commsMessages } from './comms.messages';
import { commsPersonalData } from './comms.personal-data';

/** SMS and mail: templates, consent, delivery, and the service tasks that send. */
export const commsModule: DomainModule = {
  key: 'comms',
  personalData: commsPersonalData,
  kind: 'core',
  label: { fr: 'Communications', en: 'Communications' },
  resources: {
    'comms.message': 'Message',
    'comms.template': 'MessageTemplate',
    'comms.settings': 'CommsSettings',
  },
  activities: COMMS_ACTIVITIES,
  consentPurposes: COMMS_CONSENT_PURPOSES,
  messages: commsMessages,
};
