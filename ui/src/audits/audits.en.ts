import type auditsFr from './audits.fr';

/** Texts of the audits' screens in English, the same keys as the French. */
const auditsEn: typeof auditsFr = {
  nav: { audits: 'Audits' },
};

export default auditsEn;
