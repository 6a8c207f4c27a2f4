import type auditsFr from './audits.fr';
import assistantEn from './assistant/assistant.en';
import catalogueEn from './catalogue/catalogue.en';
import missionsEn from './missions/missions.en';
import captureEn from './capture/capture.en';
import reportEn from './report/report.en';
import processEn from './process/process.en';

/** Texts of the audits' screens in English, the same keys as the French. */
const auditsEn: typeof auditsFr = {
  nav: { audits: 'Audits' },
  assistant: assistantEn,
  catalogue: catalogueEn,
  missions: missionsEn,
  capture: captureEn,
  report: reportEn,
  process: processEn,
};

export default auditsEn;
