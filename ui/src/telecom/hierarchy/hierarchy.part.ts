import type { TelecomUiPart } from '../telecom-ui-part';

/** The screens of the telecom vertical's hierarchy area (texts in hierarchy.fr.ts / hierarchy.en.ts, under `telecom.hierarchy.…`). */
export const hierarchyUiPart: TelecomUiPart = { key: 'hierarchy', routes: [], nav: [] };
