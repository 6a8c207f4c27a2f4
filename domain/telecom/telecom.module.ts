import { assigning, billingOwn, commsRead, commsSend, OPERATOR_ROLES, on, readAll, role, salesRep, each } from '../identity/grants';
import type { DomainModule } from '../modules/vertical-module';

/** Telecom operator (spec 002 §10): its starting roles; its records, forms and processes come with the vertical. */
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
  ],
};
