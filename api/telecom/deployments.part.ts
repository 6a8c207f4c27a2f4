import type { TelecomApiPart } from './telecom-api-part';

/** The API of the telecom vertical's deployments and the study → deploy → bill → check process (spec 002 §6). */
export const deploymentsApiPart: TelecomApiPart = { routers: () => [] };
