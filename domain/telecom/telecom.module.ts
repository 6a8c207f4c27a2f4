import { assigning, billingOwn, commsRead, commsSend, OPERATOR_ROLES, on, readAll, role, salesRep, each } from '../identity/grants';
import type { DomainModule } from '../modules/vertical-module';
import { withPartGrants } from '../modules/module-parts';
import { hierarchyPart } from './hierarchy.part';
import { integrationsPart } from './integrations.part';
import { bulkPart } from './bulk.part';
import { deploymentsPart } from './deployments.part';
import { controlPart } from './control.part';
import { brandsPart } from './brands.part';
import { mergeTelecomParts, type TelecomRoleKey } from './telecom-part';

/** The vertical's areas (issue 17); each owns its `<area>.part.ts`, merged here. Demo seeds run in this order. */
const { grantsOf, ...manifest } = mergeTelecomParts([hierarchyPart, integrationsPart, bulkPart, deploymentsPart, controlPart, brandsPart]);

/** A starting role completed by the grants every area gives it. */
const withParts = withPartGrants<TelecomRoleKey>(grantsOf);

/** Telecom operator (spec 002): its roles (§10), and its areas' records, forms, processes and demo. */
export const telecomModule: DomainModule = {
  key: 'telecom',
  kind: 'vertical',
  label: { fr: 'Opérateur télécom', en: 'Telecom operator' },
  roles: [
    // The direction hires every department (spec 002 §10); it owns processes and authors definitions, so it may also name managers.
    assigning(OPERATOR_ROLES.direction, 'manager', 'support-n1', 'support-n2', 'sales', 'accounting', 'client', 'partner'),
    OPERATOR_ROLES.manager,
    role('support-n1', 'Support N1', 'Support level 1', 'internal', [...readAll, ...on('core.contact', 'u=all'), ...commsRead]),
    role('support-n2', 'Support N2', 'Support level 2', 'internal', [...readAll, ...on('core.contact', 'cu=all'), ...on('core.site', 'u=all'), ...commsRead]),
    role('sales', 'Commercial', 'Sales', 'internal', [...salesRep, ...commsSend, ...billingOwn]),
    OPERATOR_ROLES.accounting,
    OPERATOR_ROLES.client,
    role('partner', 'Partenaire', 'Partner', 'partner', [...on('core.account', 'rc=own'), ...each(['core.contact', 'core.site', 'core.billing-site'], 'r=own')]),
  ].map(withParts),
  ...manifest,
};
