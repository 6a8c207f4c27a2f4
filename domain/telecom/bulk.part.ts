import { TELECOM_BULK_ACTIONS } from './bulk-actions';
import { telecomBulkMessages } from './bulk.messages';
import type { TelecomPart } from './telecom-part';

/**
 * The telecom vertical's multi-selection and durable bulk actions on lines (spec 002 §5.4): its part of the
 * manifest. The core runs them (bulk_runs, the bulkRun workflow, docs/adr/0043); the grant to start them is
 * « modifier forfait » (`telecom.line.update`, the hierarchy's).
 */
export const bulkPart: TelecomPart = { bulkActions: TELECOM_BULK_ACTIONS, messages: telecomBulkMessages };
