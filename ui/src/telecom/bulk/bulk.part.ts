import type { TelecomUiPart } from '../telecom-ui-part';

/** The screens of the telecom vertical's bulk area (texts in bulk.fr.ts / bulk.en.ts, under `telecom.bulk.…`). */
export const bulkUiPart: TelecomUiPart = { key: 'bulk', routes: [], nav: [] };
