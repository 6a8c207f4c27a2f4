import type { TelecomUiPart } from '../telecom-ui-part';

/** The screens of the telecom vertical's brands area (texts in brands.fr.ts / brands.en.ts, under `telecom.brands.…`). */
export const brandsUiPart: TelecomUiPart = { key: 'brands', routes: [], nav: [] };
