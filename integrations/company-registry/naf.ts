/**
 * Labels of the NAF rev. 2 nomenclature (INSEE) that the registry answers as bare codes: the
 * sections, and the sub-classes an MSP's clients most often have. A code not listed is labelled by
 * its section (`62.09Z` unknown here still reads « Information et communication »).
 */
const SECTIONS: Record<string, string> = {
  A: 'Agriculture, sylviculture et pêche',
  B: 'Industries extractives',
  C: 'Industrie manufacturière',
  D: "Production et distribution d'électricité, de gaz, de vapeur et d'air conditionné",
  E: "Production et distribution d'eau ; assainissement, gestion des déchets et dépollution",
  F: 'Construction',
  G: "Commerce ; réparation d'automobiles et de motocycles",
  H: 'Transports et entreposage',
  I: 'Hébergement et restauration',
  J: 'Information et communication',
  K: "Activités financières et d'assurance",
  L: 'Activités immobilières',
  M: 'Activités spécialisées, scientifiques et techniques',
  N: 'Activités de services administratifs et de soutien',
  O: 'Administration publique',
  P: 'Enseignement',
  Q: 'Santé humaine et action sociale',
  R: 'Arts, spectacles et activités récréatives',
  S: 'Autres activités de services',
  T: "Activités des ménages en tant qu'employeurs ; activités indifférenciées des ménages en tant que producteurs de biens et services pour usage propre",
  U: 'Activités extra-territoriales',
};

/** Divisions (the code's first two digits) → section letter. */
const DIVISION_RANGES: Array<[number, number, string]> = [
  [1, 3, 'A'], [5, 9, 'B'], [10, 33, 'C'], [35, 35, 'D'], [36, 39, 'E'], [41, 43, 'F'], [45, 47, 'G'], [49, 53, 'H'],
  [55, 56, 'I'], [58, 63, 'J'], [64, 66, 'K'], [68, 68, 'L'], [69, 75, 'M'], [77, 82, 'N'], [84, 84, 'O'], [85, 85, 'P'],
  [86, 88, 'Q'], [90, 93, 'R'], [94, 96, 'S'], [97, 98, 'T'], [99, 99, 'U'],
];

const SUBCLASSES: Record<string, string> = {
  '10.71C': 'Boulangerie et boulangerie-pâtisserie',
  '25.62B': 'Mécanique industrielle',
  '41.20A': 'Construction de maisons individuelles',
  '43.21A': "Travaux d'installation électrique dans tous locaux",
  '45.20A': "Entretien et réparation de véhicules automobiles légers",
  '46.51Z': "Commerce de gros d'ordinateurs, d'équipements informatiques périphériques et de logiciels",
  '47.73Z': 'Commerce de détail de produits pharmaceutiques en magasin spécialisé',
  '49.41A': 'Transports routiers de fret interurbains',
  '52.29A': 'Messagerie, fret express',
  '53.10Z': "Activités de poste dans le cadre d'une obligation de service universel",
  '55.10Z': 'Hôtels et hébergement similaire',
  '56.10A': 'Restauration traditionnelle',
  '62.01Z': 'Programmation informatique',
  '62.02A': 'Conseil en systèmes et logiciels informatiques',
  '62.02B': 'Tierce maintenance de systèmes et d’applications informatiques',
  '62.03Z': 'Gestion d’installations informatiques',
  '62.09Z': 'Autres activités informatiques',
  '63.11Z': 'Traitement de données, hébergement et activités connexes',
  '64.19Z': 'Autres intermédiations monétaires',
  '65.12Z': 'Autres assurances',
  '68.20B': 'Location de terrains et d’autres biens immobiliers',
  '68.31Z': 'Agences immobilières',
  '69.10Z': 'Activités juridiques',
  '69.20Z': 'Activités comptables',
  '70.22Z': 'Conseil pour les affaires et autres conseils de gestion',
  '71.11Z': "Activités d'architecture",
  '71.12B': 'Ingénierie, études techniques',
  '73.11Z': 'Activités des agences de publicité',
  '78.10Z': "Activités des agences de placement de main-d'œuvre",
  '85.59A': 'Formation continue d’adultes',
  '86.21Z': 'Activité des médecins généralistes',
  '86.23Z': 'Pratique dentaire',
  '86.90D': 'Activités des infirmiers et des sages-femmes',
  '88.10A': 'Aide à domicile',
  '94.99Z': 'Autres organisations fonctionnant par adhésion volontaire',
};

/** The section letter of a NAF code (`62.02A` → `J`), or null for a code that is not one. */
export function nafSection(code: string): string | null {
  const division = /^(\d{2})\.\d{2}[A-Z]$/.exec(code)?.[1];
  if (!division) return null;
  const n = Number(division);
  return DIVISION_RANGES.find(([from, to]) => n >= from && n <= to)?.[2] ?? null;
}

/** The label of a NAF code: its own when known here, else its section's; null for a code that is not one. */
export function nafLabel(code: string | null | undefined, section?: string | null): string | null {
  if (!code) return null;
  const own = SUBCLASSES[code];
  if (own) return own;
  const letter = (section && SECTIONS[section] ? section : null) ?? nafSection(code);
  return letter ? SECTIONS[letter] ?? null : null;
}
