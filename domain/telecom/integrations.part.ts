import type { TelecomPart } from './telecom-part';

/** The telecom vertical's the operator and billing-system ports, their adapters and per-tenant connections (spec 002 §9): its part of the manifest. */
export const integrationsPart: TelecomPart = {};
