import type fr from './bulk.fr';

/** Texts of the telecom bulk screens (English). */
const en: typeof fr = {};
export default en;
