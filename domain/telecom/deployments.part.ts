import type { TelecomPart } from './telecom-part';

/** The telecom vertical's deployments and the study → deploy → bill → check process (spec 002 §6): its part of the manifest. */
export const deploymentsPart: TelecomPart = {};
