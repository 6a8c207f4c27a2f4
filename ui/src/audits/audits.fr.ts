/** Texts of the audits' screens (French, the reference): one part per area, merged here. */
const auditsFr = {
  nav: { audits: 'Audits' },
};

export default auditsFr;
