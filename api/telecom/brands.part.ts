import type { TelecomApiPart } from './telecom-api-part';

/** The API of the telecom vertical's white label brands and the role-dependent views (spec 002 §10–11). */
export const brandsApiPart: TelecomApiPart = { routers: () => [] };
