import catalogueFr from './catalogue/catalogue.fr';
/** Texts of the audits' screens (French, the reference): one part per area, merged here. */
const auditsFr = {
  nav: { audits: 'Audits' },
  catalogue: catalogueFr,
};

export default auditsFr;
