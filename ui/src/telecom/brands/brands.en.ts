import type fr from './brands.fr';

/** Texts of the telecom brands screens (English). */
const en: typeof fr = {};
export default en;
