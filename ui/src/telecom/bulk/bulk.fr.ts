/** Texts of the telecom bulk screens (French, the reference). */
export default {};
