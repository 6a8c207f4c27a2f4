import hierarchyFr from './hierarchy/hierarchy.fr';
import integrationsFr from './integrations/integrations.fr';
import bulkFr from './bulk/bulk.fr';
import deploymentsFr from './deployments/deployments.fr';
import controlFr from './control/control.fr';
import brandsFr from './brands/brands.fr';

/** Texts of the telecom screens (French, the reference): one part per area, merged here. */
const telecomFr = {
  nav: { telecom: 'Télécom' },
  hierarchy: hierarchyFr,
  integrations: integrationsFr,
  bulk: bulkFr,
  deployments: deploymentsFr,
  control: controlFr,
  brands: brandsFr,
};

export default telecomFr;
