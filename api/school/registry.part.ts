import type { ApiModulePart } from '../module-parts';
import { studentsRouter } from './students.router';

/** The student registry's API: `/api/v1/school/students` (its OpenAPI paths come from the record kind). */
export const registryApiPart: ApiModulePart = {
  routers: (deps) => [{ path: '/school/students', router: studentsRouter(deps) }],
};
