import type { TelecomApiPart } from './telecom-api-part';

/** The API of the telecom vertical's accounts, contacts, sites, billing sites, fleets, lines and the catalogue of plans (spec 002 §4–5). */
export const hierarchyApiPart: TelecomApiPart = { routers: () => [] };
