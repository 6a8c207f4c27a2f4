import type { TelecomUiPart } from '../telecom-ui-part';

/** The screens of the telecom vertical's control area (texts in control.fr.ts / control.en.ts, under `telecom.control.…`). */
export const controlUiPart: TelecomUiPart = { key: 'control', routes: [], nav: [] };
