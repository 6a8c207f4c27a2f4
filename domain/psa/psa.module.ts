import { billingOwn, billingWrite, clientUser, commsAdmin, commsRead, commsSend, finance, manageAll, margin, on, PROCESS_LEAD, readAll, role, smoke, users } from '../identity/grants';
import type { DomainModule } from '../modules/vertical-module';

/** MSP professional services automation (spec 003): its starting roles; its records, forms and processes come with the vertical. */
export const psaModule: DomainModule = {
  key: 'psa',
  kind: 'vertical',
  label: { fr: 'Infogérance (PSA)', en: 'Managed services (PSA)' },
  roles: [
    role('admin', 'Administrateur MSP', 'MSP administrator', 'internal', [...manageAll, ...finance(), ...margin, ...users, ...smoke, ...commsAdmin, ...billingWrite], PROCESS_LEAD),
    role('manager', 'Manager', 'Manager', 'internal', [...manageAll, ...finance(), ...commsSend, ...billingWrite], { ownsProcesses: true, managesAccounts: true }),
    role('technician', 'Technicien', 'Technician', 'internal', [...readAll, ...on('core.contact', 'cu=all'), ...on('core.site', 'u=all'), ...on('core.document', 'c=all'), ...commsRead]),
    role('client', 'Client', 'Client', 'client', [...clientUser, ...billingOwn]),
  ],
};
