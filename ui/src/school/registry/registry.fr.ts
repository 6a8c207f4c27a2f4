/** Texts of the student registry's screens (French, the reference), under `school.registry.…`. */
export default {
  nav: 'Étudiants',
};
