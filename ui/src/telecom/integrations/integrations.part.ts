import type { TelecomUiPart } from '../telecom-ui-part';

/** The screens of the telecom vertical's integrations area (texts in integrations.fr.ts / integrations.en.ts, under `telecom.integrations.…`). */
export const integrationsUiPart: TelecomUiPart = { key: 'integrations', routes: [], nav: [] };
