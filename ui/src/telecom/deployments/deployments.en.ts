import type fr from './deployments.fr';

/** Texts of the telecom deployments screens (English). */
const en: typeof fr = {};
export default en;
