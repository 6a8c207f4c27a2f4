import hierarchyEn from './hierarchy/hierarchy.en';
import integrationsEn from './integrations/integrations.en';
import bulkEn from './bulk/bulk.en';
import deploymentsEn from './deployments/deployments.en';
import controlEn from './control/control.en';
import brandsEn from './brands/brands.en';
import type telecomFr from './telecom.fr';

/** Texts of the telecom screens (English). */
const telecomEn: typeof telecomFr = {
  nav: { telecom: 'Telecom' },
  hierarchy: hierarchyEn,
  integrations: integrationsEn,
  bulk: bulkEn,
  deployments: deploymentsEn,
  control: controlEn,
  brands: brandsEn,
};

export default telecomEn;
