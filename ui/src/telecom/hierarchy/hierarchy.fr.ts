/** Texts of the telecom hierarchy screens (French, the reference). */
export default {};
