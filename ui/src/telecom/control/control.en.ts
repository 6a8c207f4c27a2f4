import type fr from './control.fr';

/** Texts of the telecom control screens (English). */
const en: typeof fr = {};
export default en;
