import type fr from './hierarchy.fr';

/** Texts of the telecom hierarchy screens (English). */
const en: typeof fr = {};
export default en;
