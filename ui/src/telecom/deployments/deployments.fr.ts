/** Texts of the telecom deployments screens (French, the reference). */
export default {};
