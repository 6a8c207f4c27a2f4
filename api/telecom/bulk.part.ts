import type { TelecomApiPart } from './telecom-api-part';

/** The API of the telecom vertical's multi-selection and durable bulk actions on lines (spec 002 §5.4). */
export const bulkApiPart: TelecomApiPart = { routers: () => [] };
