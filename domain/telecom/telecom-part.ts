import { mergeModuleParts, type MergedModuleParts, type ModulePart } from '../modules/module-parts';

/** The telecom roles (spec 002 §10.2), whose grants each part completes. */
export type TelecomRoleKey = 'direction' | 'manager' | 'support-n1' | 'support-n2' | 'sales' | 'accounting' | 'client' | 'partner';

/**
 * One area of the telecom vertical (hierarchy, integrations, bulk, deployments, control, brands): what it adds to
 * the module's manifest (the generic part, `domain/modules/module-parts.ts`). `telecom.module.ts` merges the parts.
 */
export type TelecomPart = ModulePart<TelecomRoleKey>;

/** The parts' contributions as one manifest fragment (demo seeds run in the parts' order). */
export const mergeTelecomParts = (parts: readonly TelecomPart[]): MergedModuleParts<TelecomRoleKey> => mergeModuleParts(parts);
