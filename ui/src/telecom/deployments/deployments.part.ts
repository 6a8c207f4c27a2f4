import type { TelecomUiPart } from '../telecom-ui-part';

/** The screens of the telecom vertical's deployments area (texts in deployments.fr.ts / deployments.en.ts, under `telecom.deployments.…`). */
export const deploymentsUiPart: TelecomUiPart = { key: 'deployments', routes: [], nav: [] };
