import { hierarchyUiPart } from './hierarchy/hierarchy.part';
import { integrationsUiPart } from './integrations/integrations.part';
import { bulkUiPart } from './bulk/bulk.part';
import { deploymentsUiPart } from './deployments/deployments.part';
import { controlUiPart } from './control/control.part';
import { brandsUiPart } from './brands/brands.part';
import type { TelecomUiPart } from './telecom-ui-part';

/** The telecom screens' areas (issue 17), each in its folder. */
export const telecomUiParts: readonly TelecomUiPart[] = [hierarchyUiPart, integrationsUiPart, bulkUiPart, deploymentsUiPart, controlUiPart, brandsUiPart];
