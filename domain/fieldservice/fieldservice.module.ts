import { assignedOnly, assigning, OPERATOR_ROLES, role } from '../identity/grants';
import type { DomainModule } from '../modules/vertical-module';
import { planningManage, planningTeamMember } from '../planning/grants';

/** Field service (spec 002, the septic-tank operator): its starting roles; its records, forms and processes come with the vertical. */
export const fieldserviceModule: DomainModule = {
  key: 'fieldservice',
  kind: 'vertical',
  label: { fr: 'Interventions', en: 'Field service' },
  roles: [
    // The direction hires every department (spec 002 §10); it owns processes and authors definitions, so it may also name managers.
    assigning(OPERATOR_ROLES.direction, 'manager', 'accounting', 'technician', 'client'),
    // The account managers plan the rounds (the core planning context); technicians read their own and their teams' agendas.
    { ...OPERATOR_ROLES.manager, grants: [...OPERATOR_ROLES.manager.grants, ...planningManage] },
    OPERATOR_ROLES.accounting,
    role('technician', 'Intervenant', 'Field technician', 'technician', [...assignedOnly, ...planningTeamMember]),
    OPERATOR_ROLES.client,
  ],
};
