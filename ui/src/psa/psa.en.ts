import pipelineEn from './pipeline/pipeline.en';
import contractsEn from './contracts/contracts.en';
import portalEn from './portal/portal.en';
import ticketsEn from './tickets/tickets.en';
import prebillingEn from './prebilling/prebilling.en';
import timeEn from './time/time.en';
import machinesEn from './machines/machines.en';
import slaEn from './sla/sla.en';
import type psaFr from './psa.fr';

/** Texts of the MSP's screens in English: the same keys as the French ones. */
const psaEn: typeof psaFr = {
  nav: { support: 'Support', commercial: 'Sales', tickets: 'Tickets', portal: 'My requests' },
  tickets: ticketsEn,
  portal: portalEn,
  time: timeEn,
  prebilling: prebillingEn,
  contracts: contractsEn,
  pipeline: pipelineEn,
  machines: machinesEn,
  sla: slaEn,
};

export default psaEn;
