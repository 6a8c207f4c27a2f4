/** Texts of the telecom brands screens (French, the reference). */
export default {};
