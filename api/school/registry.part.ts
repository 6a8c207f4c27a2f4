import type { ApiModulePart } from '../module-parts';

/** The student registry's API: `/api/v1/school/students` is served by the generic record service (its record kind). */
export const registryApiPart: ApiModulePart = { routers: () => [] };
