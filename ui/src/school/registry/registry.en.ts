import type registryFr from './registry.fr';

/** Texts of the student registry's screens (English). */
const registryEn: typeof registryFr = {
  nav: 'Students',
};

export default registryEn;
