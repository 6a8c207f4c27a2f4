import portalFr from './portal/portal.fr';
import ticketsFr from './tickets/tickets.fr';

/** Texts of the MSP's screens (French, the reference): one part per area, merged here. */
const psaFr = {
  nav: { support: 'Support', commercial: 'Commercial', tickets: 'Tickets', portal: 'Mes demandes' },
  tickets: ticketsFr,
  portal: portalFr,
};

export default psaFr;
