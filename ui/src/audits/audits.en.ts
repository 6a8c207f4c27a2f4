import type auditsFr from './audits.fr';
import catalogueEn from './catalogue/catalogue.en';
import captureEn from './capture/capture.en';

/** Texts of the audits' screens in English, the same keys as the French. */
const auditsEn: typeof auditsFr = {
  nav: { audits: 'Audits' },
  catalogue: catalogueEn,
  capture: captureEn,
};

export default auditsEn;
