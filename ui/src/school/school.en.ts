import alumniEn from './alumni/alumni.en';
import companiesEn from './companies/companies.en';
import importEn from './import/import.en';
import portalEn from './portal/portal.en';
import registryEn from './registry/registry.en';
import type schoolFr from './school.fr';

/** Texts of the school screens (English). */
const schoolEn: typeof schoolFr = {
  nav: { school: 'School' },
  registry: registryEn,
  alumni: alumniEn,
  portal: portalEn,
  companies: companiesEn,
  import: importEn,
};

export default schoolEn;
