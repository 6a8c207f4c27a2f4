import type { UiModulePart } from '@/modules/ui-parts';

/** The student registry's screens (texts in registry.fr.ts / registry.en.ts, under `school.registry.…`). */
export const registryUiPart: UiModulePart = { key: 'registry', routes: [], nav: [] };
