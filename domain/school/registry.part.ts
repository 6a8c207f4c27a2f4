import type { SchoolPart } from './school-part';

/** The single student registry (spec 004, issue 18): the student record kind, its NIR handling, search and demo students. */
export const registryPart: SchoolPart = {};
