import type { TelecomPart } from './telecom-part';

/** The telecom vertical's white label brands and the role-dependent views (spec 002 §10–11): its part of the manifest. */
export const brandsPart: TelecomPart = {};
