import { COMMS_ACTIVITIES } from './comms/comms.definitions';
import { EVENTS_ACTIVITIES } from './events/events.definitions';
import type { ActivityDefinition } from './registry';
import { SYSTEM_ACTIVITIES } from './system/system.definitions';

/** Every activity a service task may call, by name (the modeler's palette and the compiler read this). */
export const ACTIVITY_CATALOGUE: ReadonlyArray<ActivityDefinition> = [
  ...SYSTEM_ACTIVITIES,
  ...COMMS_ACTIVITIES,
  ...EVENTS_ACTIVITIES,
];

export function findActivity(name: string): ActivityDefinition | undefined {
  return ACTIVITY_CATALOGUE.find((a) => a.name === name);
}
