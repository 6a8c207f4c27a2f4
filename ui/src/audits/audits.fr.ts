import assistantFr from './assistant/assistant.fr';
import catalogueFr from './catalogue/catalogue.fr';
import missionsFr from './missions/missions.fr';
import captureFr from './capture/capture.fr';
import reportFr from './report/report.fr';
import processFr from './process/process.fr';

/** Texts of the audits' screens (French, the reference): one part per area, merged here. */
const auditsFr = {
  nav: { audits: 'Audits' },
  assistant: assistantFr,
  catalogue: catalogueFr,
  missions: missionsFr,
  capture: captureFr,
  report: reportFr,
  process: processFr,
};

export default auditsFr;
