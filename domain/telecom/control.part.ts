import { on } from '../identity/grants';
import { ANOMALY_SUBJECT } from './control-access';
import { controlMessages } from './control.messages';
import { controlPersonalData } from './control.personal-data';
import { seedControlDemo } from './control-demo';
import type { TelecomPart } from './telecom-part';

/** « voir anomalies » (spec 002 §10) and fixing them: the direction, the account managers and accounting; never support N1 nor the client. */
const controllers = on('telecom.anomaly', 'rcu=all');

/** The telecom vertical's billing control: supplier invoices, the two V1 controls, anomalies, the monthly report (spec 002 §7): its part of the manifest. */
export const controlPart: TelecomPart = {
  resources: { 'telecom.anomaly': ANOMALY_SUBJECT },
  messages: controlMessages,
  personalData: controlPersonalData,
  grants: { direction: controllers, manager: controllers, accounting: controllers },
  seedDemo: seedControlDemo,
};
