import contractsFr from './contracts/contracts.fr';

/** Texts of the MSP's screens (French, the reference): one part per area, merged here. */
const psaFr = {
  nav: { support: 'Support', commercial: 'Commercial' },
  contracts: contractsFr,
};

export default psaFr;
