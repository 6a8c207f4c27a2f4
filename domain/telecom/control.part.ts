import type { TelecomPart } from './telecom-part';

/** The telecom vertical's billing control: supplier invoices, the two V1 controls, anomalies, the monthly report (spec 002 §7): its part of the manifest. */
export const controlPart: TelecomPart = {};
