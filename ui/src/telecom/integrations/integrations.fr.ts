/** Texts of the telecom integrations screens (French, the reference). */
export default {};
