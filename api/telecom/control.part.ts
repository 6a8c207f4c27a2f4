import type { TelecomApiPart } from './telecom-api-part';

/** The API of the telecom vertical's billing control: supplier invoices, the two V1 controls, anomalies, the monthly report (spec 002 §7). */
export const controlApiPart: TelecomApiPart = { routers: () => [] };
