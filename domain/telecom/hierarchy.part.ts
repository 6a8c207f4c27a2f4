import type { TelecomPart } from './telecom-part';

/** The telecom vertical's accounts, contacts, sites, billing sites, fleets, lines and the catalogue of plans (spec 002 §4–5): its part of the manifest. */
export const hierarchyPart: TelecomPart = {};
