import { assignedOnly, assigning, OPERATOR_ROLES, role } from '../identity/grants';
import type { DomainModule } from '../modules/vertical-module';

/** Field service (spec 002, the septic-tank operator): its starting roles; its records, forms and processes come with the vertical. */
export const fieldserviceModule: DomainModule = {
  key: 'fieldservice',
  kind: 'vertical',
  label: { fr: 'Interventions', en: 'Field service' },
  roles: [
    // The direction hires every department (spec 002 §10); it owns processes and authors definitions, so it may also name managers.
    assigning(OPERATOR_ROLES.direction, 'manager', 'accounting', 'technician', 'client'),
    OPERATOR_ROLES.manager,
    OPERATOR_ROLES.accounting,
    role('technician', 'Intervenant', 'Field technician', 'technician', assignedOnly),
    OPERATOR_ROLES.client,
  ],
};
