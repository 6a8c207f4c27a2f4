import pipelineFr from './pipeline/pipeline.fr';
import contractsFr from './contracts/contracts.fr';
import portalFr from './portal/portal.fr';
import ticketsFr from './tickets/tickets.fr';
import prebillingFr from './prebilling/prebilling.fr';
import timeFr from './time/time.fr';
import machinesFr from './machines/machines.fr';
import slaFr from './sla/sla.fr';

/** Texts of the MSP's screens (French, the reference): one part per area, merged here. */
const psaFr = {
  nav: { support: 'Support', commercial: 'Commercial', tickets: 'Tickets', portal: 'Mes demandes' },
  tickets: ticketsFr,
  portal: portalFr,
  time: timeFr,
  prebilling: prebillingFr,
  contracts: contractsFr,
  pipeline: pipelineFr,
  machines: machinesFr,
  sla: slaFr,
};

export default psaFr;
