import alumniFr from './alumni/alumni.fr';
import companiesFr from './companies/companies.fr';
import importFr from './import/import.fr';
import portalFr from './portal/portal.fr';
import registryFr from './registry/registry.fr';

/** Texts of the school screens (French, the reference): one part per area, merged here. */
const schoolFr = {
  nav: { school: 'École' },
  registry: registryFr,
  alumni: alumniFr,
  portal: portalFr,
  companies: companiesFr,
  import: importFr,
};

export default schoolFr;
