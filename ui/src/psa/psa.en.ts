import contractsEn from './contracts/contracts.en';
import type psaFr from './psa.fr';

/** Texts of the MSP's screens in English: the same keys as the French ones. */
const psaEn: typeof psaFr = {
  nav: { support: 'Support', commercial: 'Sales' },
  contracts: contractsEn,
};

export default psaEn;
