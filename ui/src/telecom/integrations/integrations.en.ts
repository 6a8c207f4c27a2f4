import type fr from './integrations.fr';

/** Texts of the telecom integrations screens (English). */
const en: typeof fr = {};
export default en;
