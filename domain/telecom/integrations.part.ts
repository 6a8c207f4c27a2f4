import { on } from '../identity/grants';
import { seedIntegrationsDemo } from './integrations-demo';
import { integrationsMessages } from './integrations.messages';
import { integrationsPersonalData } from './integrations.personal-data';
import { operatorOrdersPoll } from './operator-orders.activity-contracts';
import type { TelecomPart } from './telecom-part';

/** « voir API » is reading the connections; administering them (credentials, adapters) is updating them (spec 002 §10). */
const administer = on('telecom.connection', 'ru=all');

/** The telecom vertical's operator and billing-system ports, their adapters and per-tenant connections (spec 002 §9, ADR 0042): its part of the manifest. */
export const integrationsPart: TelecomPart = {
  resources: { 'telecom.connection': 'TelecomConnection' },
  activities: [operatorOrdersPoll],
  messages: integrationsMessages,
  personalData: integrationsPersonalData,
  seedDemo: seedIntegrationsDemo,
  grants: { direction: administer, manager: administer, 'support-n2': on('telecom.connection', 'r=all') },
};
