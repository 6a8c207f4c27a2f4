import type { ApiModule } from '../api-module';
import { mergeApiParts } from '../module-parts';
import { hierarchyApiPart } from './hierarchy.part';
import { integrationsApiPart } from './integrations.part';
import { bulkApiPart } from './bulk.part';
import { deploymentsApiPart } from './deployments.part';
import { controlApiPart } from './control.part';
import { brandsApiPart } from './brands.part';
import type { TelecomApiPart } from './telecom-api-part';

/** The areas in mounting order: a more specific path (`/telecom/lines/…/x`) belongs to an area listed before the general one. */
const parts: readonly TelecomApiPart[] = [hierarchyApiPart, integrationsApiPart, bulkApiPart, deploymentsApiPart, controlApiPart, brandsApiPart];

/** SoftWhere's telecom vertical (spec 002, issue 17): `/api/v1/telecom/…`, one part per area. */
export const telecomApiModule: ApiModule = mergeApiParts('telecom', parts);
