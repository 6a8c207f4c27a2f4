import type { TelecomApiPart } from './telecom-api-part';

/** The API of the telecom vertical's the operator and billing-system ports, their adapters and per-tenant connections (spec 002 §9). */
export const integrationsApiPart: TelecomApiPart = { routers: () => [] };
