import type { TelecomPart } from './telecom-part';

/** The telecom vertical's multi-selection and durable bulk actions on lines (spec 002 §5.4): its part of the manifest. */
export const bulkPart: TelecomPart = {};
