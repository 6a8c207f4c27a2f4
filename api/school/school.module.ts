import type { ApiModule } from '../api-module';
import { mergeApiParts, type ApiModulePart } from '../module-parts';
import { alumniApiPart } from './alumni.part';
import { companiesApiPart } from './companies.part';
import { importApiPart } from './import.part';
import { portalApiPart } from './portal.part';
import { registryApiPart } from './registry.part';

/** The areas in mounting order: a more specific path (`/school/students/import`) belongs to an area listed before the general one. */
const parts: readonly ApiModulePart[] = [importApiPart, portalApiPart, companiesApiPart, registryApiPart, alumniApiPart];

/** ACME School's vertical (spec 004, issue 18): `/api/v1/school/…`, one part per area. */
export const schoolApiModule: ApiModule = mergeApiParts('school', parts);
