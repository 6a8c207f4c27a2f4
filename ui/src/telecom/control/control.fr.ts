/** Texts of the telecom control screens (French, the reference). */
export default {};
