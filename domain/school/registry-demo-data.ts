/** The demo registry's French names, places and programmes (ACME School, Rennes and Nantes campuses; spec 004). */

export const LAST_NAMES = [
  'Le Goff', 'Le Gall', 'Kerbrat', 'Tanguy', 'Le Bihan', 'Morvan', 'Guillou', 'Le Roux', 'Hamon', 'Jaouen', 'Quéméner', 'Le Floch',
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent',
  'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Mercier',
  'Blanchard', 'Guérin', 'Boucher', 'Lemoine', 'Chevalier', 'Rousseau', 'Gautier', 'Perrin', 'Renaud', 'Barbier', 'Brunet', 'Ménard',
  'Benali', 'Nguyen', 'Diallo', 'Haddad', 'Da Silva', 'Pereira', 'Kone', 'Traoré', 'Cadiou', 'Le Meur', 'Prigent', 'Riou',
];

/** Simple and composite first names (a composite one keeps its hyphen, as the import joins them). */
export const FIRST_NAMES: ReadonlyArray<{ name: string; sex: 1 | 2 }> = [
  { name: 'Emma', sex: 2 }, { name: 'Louise', sex: 2 }, { name: 'Jade', sex: 2 }, { name: 'Chloé', sex: 2 }, { name: 'Léa', sex: 2 },
  { name: 'Manon', sex: 2 }, { name: 'Camille', sex: 2 }, { name: 'Inès', sex: 2 }, { name: 'Zoé', sex: 2 }, { name: 'Clémence', sex: 2 },
  { name: 'Anne-Sophie', sex: 2 }, { name: 'Marie-Claire', sex: 2 }, { name: 'Marie-Lou', sex: 2 }, { name: 'Lou-Anne', sex: 2 }, { name: 'Maëlys', sex: 2 },
  { name: 'Gwenaëlle', sex: 2 }, { name: 'Nolwenn', sex: 2 }, { name: 'Yasmine', sex: 2 }, { name: 'Awa', sex: 2 }, { name: 'Elouan', sex: 1 },
  { name: 'Lucas', sex: 1 }, { name: 'Hugo', sex: 1 }, { name: 'Louis', sex: 1 }, { name: 'Gabriel', sex: 1 }, { name: 'Arthur', sex: 1 },
  { name: 'Nathan', sex: 1 }, { name: 'Théo', sex: 1 }, { name: 'Maël', sex: 1 }, { name: 'Jules', sex: 1 }, { name: 'Yanis', sex: 1 },
  { name: 'Jean-Baptiste', sex: 1 }, { name: 'Pierre-Louis', sex: 1 }, { name: 'Jean-Marc', sex: 1 }, { name: 'Paul-Henri', sex: 1 }, { name: 'Erwan', sex: 1 },
  { name: 'Tristan', sex: 1 }, { name: 'Corentin', sex: 1 }, { name: 'Mehdi', sex: 1 }, { name: 'Moussa', sex: 1 }, { name: 'Gaël', sex: 1 },
];

/** Towns with their postal code and INSEE department (the NIR's birth department is drawn among them). */
export const TOWNS: ReadonlyArray<{ city: string; postalCode: string; department: string }> = [
  { city: 'Rennes', postalCode: '35000', department: '35' }, { city: 'Rennes', postalCode: '35700', department: '35' },
  { city: 'Cesson-Sévigné', postalCode: '35510', department: '35' }, { city: 'Saint-Malo', postalCode: '35400', department: '35' },
  { city: 'Brest', postalCode: '29200', department: '29' }, { city: 'Quimper', postalCode: '29000', department: '29' },
  { city: 'Lorient', postalCode: '56100', department: '56' }, { city: 'Vannes', postalCode: '56000', department: '56' },
  { city: 'Saint-Brieuc', postalCode: '22000', department: '22' }, { city: 'Lannion', postalCode: '22300', department: '22' },
  { city: 'Nantes', postalCode: '44000', department: '44' }, { city: 'Nantes', postalCode: '44300', department: '44' },
  { city: 'Saint-Nazaire', postalCode: '44600', department: '44' }, { city: 'Angers', postalCode: '49000', department: '49' },
  { city: 'Le Mans', postalCode: '72000', department: '72' }, { city: 'La Roche-sur-Yon', postalCode: '85000', department: '85' },
  { city: 'Laval', postalCode: '53000', department: '53' }, { city: 'Paris', postalCode: '75011', department: '75' },
  { city: 'Paris', postalCode: '75015', department: '75' }, { city: 'Paris', postalCode: '75018', department: '75' },
];

/** Streets, some with a comma inside (as the Excel registry has them). */
export const STREETS = [
  'rue de la Visitation', 'boulevard de la Liberté', 'rue Saint-Hélier', 'avenue Janvier', 'rue de Brest', 'quai de la Prévalaye',
  'rue Paul Bert', 'allée des Tilleuls', 'rue du Général Leclerc', 'boulevard Guist’hau', 'rue de Strasbourg', 'rue Crébillon',
  'Résidence Les Hortensias, bâtiment B', 'rue Oberkampf', 'rue de la Convention', 'rue Ordener', 'chemin des Courtils', 'impasse des Mouettes',
];

/** The school's programmes. */
export const CURSUS = ['Programme Grande École', 'Bachelor Business', 'MSc Marketing digital', 'MSc Finance', 'BTS NDRC', 'MSc Supply Chain'];

/** Companies the alumni work for, beyond the demo's accounts (fictitious). */
export const EMPLOYERS: ReadonlyArray<{ name: string; city: string; postalCode: string; siren: string }> = [
  { name: 'Breizh Conseil', city: 'Rennes', postalCode: '35000', siren: '812345670' },
  { name: 'Loire Data Services', city: 'Nantes', postalCode: '44200', siren: '823456781' },
  { name: 'Mutuelle des Marais', city: 'Saint-Nazaire', postalCode: '44600', siren: '834567892' },
  { name: 'Agence Pixel Océan', city: 'Lorient', postalCode: '56100', siren: '845678903' },
  { name: 'Cabinet Audit Erdre', city: 'Nantes', postalCode: '44000', siren: '856789014' },
  { name: 'Banque Coopérative de l’Ouest', city: 'Paris', postalCode: '75009', siren: '867890125' },
];
