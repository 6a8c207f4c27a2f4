import { mergeModuleParts, type MergedModuleParts, type ModulePart } from '../modules/module-parts';

/**
 * The school's roles (spec 004): the administrative side (direction, student office and its head, teachers, the
 * IT office) and the student side (students, alumni), which never sees the administrative one.
 */
export type SchoolRoleKey = 'direction' | 'school-lead' | 'school-office' | 'teacher' | 'student' | 'alumnus' | 'it-office';

/**
 * One area of the school vertical (registry, import, alumni, companies, portal): what it adds to the module's
 * manifest (`domain/modules/module-parts.ts`). `school.module.ts` merges the parts, each area owning its file.
 */
export type SchoolPart = ModulePart<SchoolRoleKey>;

/** The parts' contributions as one manifest fragment (demo seeds run in the parts' order). */
export const mergeSchoolParts = (parts: readonly SchoolPart[]): MergedModuleParts<SchoolRoleKey> => mergeModuleParts(parts);
