export type AssignmentPurpose = 'site' | 'billing' | 'support' | 'communications' | 'tickets' | 'deployments';

export interface DemoContact {
  firstName: string;
  lastName: string;
  jobTitle?: string;
  email?: string;
  /** E.164. */
  phone?: string;
  mobile?: string;
  /** What the contact is assigned to: a site or billing site by name. */
  assign?: Array<{ purpose: AssignmentPurpose; site?: string; billingSite?: string }>;
  /** The contact consented to mail (the source of the consent): the onboarding's welcome mail goes to them. */
  mailConsent?: string;
}

export interface DemoAddress {
  addressLine1?: string;
  postalCode?: string;
  city?: string;
}

export interface DemoSite extends DemoAddress {
  name: string;
  phone?: string;
  accessNotes?: string;
  /** Its billing site, by name (the account's first one when absent). */
  billingSite?: string;
}

export interface DemoBillingSite extends DemoAddress {
  name: string;
  externalRef?: string;
  billingEmail?: string;
  /** The billing contact, by "First Last". */
  billingContact?: string;
}

export interface DemoAccount extends DemoAddress {
  name: string;
  status: 'prospect' | 'active' | 'suspended' | 'closed';
  legalName?: string;
  /** SIREN and SIRET with valid Luhn keys; the VAT number's key computed from the SIREN. */
  siren?: string;
  siret?: string;
  vatNumber?: string;
  email?: string;
  phone?: string;
  website?: string;
  paymentTermsDays?: number;
  notes?: string;
  contacts: DemoContact[];
  sites: DemoSite[];
  /** The billing sites; one named "<account> — facturation" when none is listed. */
  billingSites?: DemoBillingSite[];
  /** No owner yet (a client just arrived): its onboarding waits for a manager to name one. */
  unowned?: boolean;
  /**
   * Its onboarding (core.account-onboarding) is under way: the seed asks for it, the API starts it. Where
   * it waits follows from the account: no owner → « Désigner le responsable du compte »; no site or no
   * reachable contact → the owner's « Compléter contacts et sites »; else the satisfaction check at J+30.
   */
  onboarding?: boolean;
}

/** What the billing legal profile (billing.schema.ts billingProfileInput) holds; SIREN and SIRET with valid keys. */
export interface DemoSellerProfile {
  legalName: string;
  tradingName?: string;
  legalForm: string;
  shareCapitalCents: number;
  siren: string;
  siret: string;
  vatNumber: string;
  registration: string;
  addressLine1: string;
  postalCode: string;
  city: string;
  email: string;
  phone: string;
  website?: string;
  iban: string;
  bic: string;
  paymentTermsDays: number;
  /** Basis points a year: 1215 = the ECB rate plus 10 points, as most terms of sale say. */
  latePenaltyRateBasisPoints: number;
  footer: string;
  invoiceNumberFormat?: string;
}

/** The demo organisations, one per specification (issue conventions). */
export interface DemoTenant {
  slug: string;
  name: string;
  spec: string;
  verticals: string[];
  branding: { primaryColor: string; secondaryColor: string; logoText: string };
  /**
   * Its legal profile as a seller (billing, issue 13), complete for the organisations that invoice: the billing
   * demo (domain/billing/demo-seed.ts) saves it and issues its demo documents; none for those that do not invoice.
   */
  seller?: DemoSellerProfile;
  /** Demo people by role key; one user per role is always created. */
  people: Record<string, string>;
  accounts: DemoAccount[];
}

export const DEMO_PASSWORD = 'relais-demo-2026';

export const DEMO_TENANTS: DemoTenant[] = [
  {
    slug: 'epic-events', name: 'Epic Events', spec: '001', verticals: ['events'],
    branding: { primaryColor: '#7B1FA2', secondaryColor: '#F9A825', logoText: 'EE' },
    people: { management: 'Gaëlle Gestion', sales: 'Bill Boquet', support: 'Kate Hastroff' },
    accounts: [
      { name: 'Cool Startup LLC', city: 'Paris', status: 'active', contacts: [{ firstName: 'Kevin', lastName: 'Casey' }], sites: [{ name: 'Siège', city: 'Paris' }] },
      { name: 'John Ouick', city: 'Candé-sur-Beuvron', status: 'active', contacts: [{ firstName: 'John', lastName: 'Ouick' }], sites: [{ name: 'Château de Candé', city: 'Candé-sur-Beuvron' }] },
      { name: 'Lou Bouzin', city: 'Mufflins', status: 'prospect', contacts: [{ firstName: 'Jacky', lastName: 'Blangier' }], sites: [{ name: 'Salle des fêtes de Mufflins', city: 'Mufflins' }] },
    ],
  },
  {
    slug: 'cassandre', name: 'Cassandre Communication', spec: '000', verticals: ['audits', 'certifications', 'docs'],
    branding: { primaryColor: '#0D47A1', secondaryColor: '#00ACC1', logoText: 'CC' },
    seller: {
      legalName: 'Cassandre Communication SAS', tradingName: 'Cassandre', legalForm: 'SAS', shareCapitalCents: 1_500_000,
      siren: '812459378', siret: '81245937800012', vatNumber: 'FR73812459378', registration: 'RCS Quimper 812 459 378',
      addressLine1: '7 rue Kéréon', postalCode: '29000', city: 'Quimper', email: 'compta@cassandre.demo', phone: '+33298554210', website: 'https://cassandre.demo',
      iban: 'FR7630004000311234567890111', bic: 'BNPAFRPPXXX', paymentTermsDays: 30, latePenaltyRateBasisPoints: 1215,
      footer: 'Cassandre Communication — audits et formations en cybersécurité. Organisme de formation enregistré sous le n° 53 29 09876 29.',
    },
    people: { 'mission-lead': 'Hélène Marchand', auditor: 'Yann Le Goff', administration: 'Sophie Bernard', candidate: 'Lucas Petit' },
    accounts: [
      {
        name: 'Mairie de Quimper', legalName: 'Commune de Quimper', status: 'active',
        siren: '412837650', siret: '41283765000016', vatNumber: 'FR84412837650',
        email: 'accueil@mairie-quimper.fr', phone: '+33298987000', website: 'https://www.mairie-quimper.fr',
        addressLine1: '44 place Saint-Corentin', postalCode: '29000', city: 'Quimper', paymentTermsDays: 45,
        notes: 'Audit de conformité RGAA des services en ligne, renouvelé chaque année.',
        billingSites: [{ name: 'Mairie de Quimper — service financier', externalRef: 'CHORUS-29232', billingEmail: 'factures@mairie-quimper.fr', addressLine1: '44 place Saint-Corentin', postalCode: '29000', city: 'Quimper', billingContact: 'Gaël Tanguy' }],
        sites: [
          { name: 'Hôtel de ville', addressLine1: '44 place Saint-Corentin', postalCode: '29000', city: 'Quimper', phone: '+33298987000', accessNotes: 'Accueil au rez-de-chaussée, badge visiteur.' },
          { name: 'Centre technique', addressLine1: '12 rue de Kerlic', postalCode: '29000', city: 'Quimper', phone: '+33298987160' },
        ],
        contacts: [
          { firstName: 'Anne', lastName: 'Le Bihan', jobTitle: 'Directrice des systèmes d’information', email: 'anne.lebihan@mairie-quimper.fr', phone: '+33298987012', mobile: '+33662184517', assign: [{ purpose: 'site', site: 'Hôtel de ville' }, { purpose: 'communications' }] },
          { firstName: 'Gaël', lastName: 'Tanguy', jobTitle: 'Responsable des finances', email: 'gael.tanguy@mairie-quimper.fr', phone: '+33298987045', assign: [{ purpose: 'billing', billingSite: 'Mairie de Quimper — service financier' }] },
          { firstName: 'Rozenn', lastName: 'Cariou', jobTitle: 'Responsable du centre technique', email: 'rozenn.cariou@mairie-quimper.fr', mobile: '+33674219830', assign: [{ purpose: 'site', site: 'Centre technique' }] },
        ],
      },
      {
        name: 'Clinique Saint-Michel', legalName: 'SAS Clinique Saint-Michel', status: 'active', onboarding: true,
        siren: '523918472', siret: '52391847200011', vatNumber: 'FR20523918472',
        email: 'direction@clinique-saint-michel.fr', phone: '+33299254100', website: 'https://www.clinique-saint-michel.fr',
        addressLine1: '8 boulevard de la Liberté', postalCode: '35000', city: 'Rennes', paymentTermsDays: 30,
        notes: 'Certification HDS en préparation ; audit à blanc prévu au prochain trimestre.',
        sites: [{ name: 'Bâtiment A', addressLine1: '8 boulevard de la Liberté', postalCode: '35000', city: 'Rennes', phone: '+33299254100', accessNotes: 'Entrée du personnel côté parking, code porte à demander au standard.' }],
        contacts: [
          { firstName: 'Paul', lastName: 'Martin', jobTitle: 'Directeur médical', email: 'p.martin@clinique-saint-michel.fr', phone: '+33299254101', assign: [{ purpose: 'site', site: 'Bâtiment A' }] },
          { firstName: 'Claire', lastName: 'Gautier', jobTitle: 'Responsable qualité', email: 'c.gautier@clinique-saint-michel.fr', phone: '+33299254130', mobile: '+33685402716', assign: [{ purpose: 'communications' }], mailConsent: 'Formulaire d’entrée en relation signé' },
          { firstName: 'Yannick', lastName: 'Le Roux', jobTitle: 'Comptable', email: 'compta@clinique-saint-michel.fr', phone: '+33299254150', assign: [{ purpose: 'billing', billingSite: 'Clinique Saint-Michel — facturation' }] },
        ],
      },
      {
        name: 'Association Les Amis du Port', legalName: 'Association Les Amis du Port de Brest', status: 'prospect',
        siren: '803472158', siret: '80347215800010',
        email: 'contact@amisduport-brest.fr', phone: '+33298441276', website: 'https://www.amisduport-brest.fr',
        addressLine1: '3 quai de la Douane', postalCode: '29200', city: 'Brest', paymentTermsDays: 30,
        sites: [{ name: 'Local associatif', addressLine1: '3 quai de la Douane', postalCode: '29200', city: 'Brest', accessNotes: 'Ouvert le mardi et le jeudi après-midi.' }],
        contacts: [
          { firstName: 'Marie', lastName: 'Kerjean', jobTitle: 'Présidente', email: 'marie.kerjean@amisduport-brest.fr', mobile: '+33650318742', assign: [{ purpose: 'site', site: 'Local associatif' }] },
          { firstName: 'Hervé', lastName: 'Quéré', jobTitle: 'Trésorier', email: 'tresorerie@amisduport-brest.fr', mobile: '+33661427093', assign: [{ purpose: 'billing', billingSite: 'Association Les Amis du Port — facturation' }] },
        ],
      },
      // Clients just arrived, their onboarding under way (core.account-onboarding).
      {
        name: 'Office de tourisme de Concarneau', legalName: 'Office de tourisme Concarneau Cornouaille', status: 'prospect', unowned: true, onboarding: true,
        siren: '521783407', siret: '52178340700013', vatNumber: 'FR26521783407',
        email: 'accueil@tourisme-concarneau.fr', phone: '+33298970144', addressLine1: '15 quai d’Aiguillon', postalCode: '29900', city: 'Concarneau',
        notes: 'Demande un audit d’accessibilité du site de réservation avant la saison.',
        sites: [{ name: 'Bureau d’accueil', addressLine1: '15 quai d’Aiguillon', postalCode: '29900', city: 'Concarneau' }],
        contacts: [{ firstName: 'Gwenola', lastName: 'Le Corre', jobTitle: 'Directrice', email: 'g.lecorre@tourisme-concarneau.fr', phone: '+33298970144' }],
      },
      {
        name: 'EHPAD Ker Heol', legalName: 'Association Ker Heol', status: 'prospect', unowned: true, onboarding: true,
        email: 'direction@kerheol.fr', phone: '+33298662010', postalCode: '29300', city: 'Quimperlé',
        notes: 'Préparation à la certification HAS ; SIREN à demander.',
        sites: [],
        contacts: [{ firstName: 'Bernard', lastName: 'Guéguen', jobTitle: 'Directeur', email: 'b.gueguen@kerheol.fr' }],
      },
      {
        name: 'Cabinet Le Gall Avocats', legalName: 'SELARL Le Gall Avocats', status: 'prospect', onboarding: true,
        siren: '812345676', siret: '81234567600017', vatNumber: 'FR19812345676',
        email: 'contact@legall-avocats.fr', postalCode: '29200', city: 'Brest',
        sites: [],
        contacts: [{ firstName: 'Anne-Sophie', lastName: 'Le Gall', jobTitle: 'Avocate associée' }],
      },
    ],
  },
  {
    slug: 'softwhere', name: 'SoftWhere', spec: '002', verticals: ['telecom'],
    branding: { primaryColor: '#00695C', secondaryColor: '#FF7043', logoText: 'SW' },
    seller: {
      legalName: 'SoftWhere SARL', tradingName: 'SoftWhere Télécom', legalForm: 'SARL', shareCapitalCents: 4_000_000,
      siren: '528901630', siret: '52890163000012', vatNumber: 'FR48528901630', registration: 'RCS Lorient 528 901 630',
      addressLine1: '24 rue du Port', postalCode: '56100', city: 'Lorient', email: 'facturation@softwhere.demo', phone: '+33297641200', website: 'https://softwhere.demo',
      iban: 'FR7614707000310312345678977', bic: 'CCBPFRPPNAN', paymentTermsDays: 30, latePenaltyRateBasisPoints: 1215,
      footer: 'SoftWhere — opérateur télécom pour les professionnels du Morbihan. Assistance : 02 97 64 12 00.',
    },
    people: {
      direction: 'Claire Direction', manager: 'Marc Gestionnaire', 'support-n1': 'Inès Support', 'support-n2': 'Thomas Expert',
      sales: 'Julien Commercial', accounting: 'Nadia Compta', client: 'Pierre Client', partner: 'Élodie Partenaire',
    },
    accounts: [
      {
        name: 'Boulangerie Le Fournil', legalName: 'SARL Le Fournil Lorientais', status: 'active',
        siren: '382094613', siret: '38209461300017', vatNumber: 'FR28382094613',
        email: 'contact@lefournil-lorient.fr', phone: '+33297213348', website: 'https://www.lefournil-lorient.fr',
        addressLine1: '17 rue du Port', postalCode: '56100', city: 'Lorient', paymentTermsDays: 30,
        notes: 'Deux lignes fixes et la box de la boutique ; terminal de paiement sur la 4G.',
        sites: [{ name: 'Boutique centre', addressLine1: '17 rue du Port', postalCode: '56100', city: 'Lorient', phone: '+33297213348', accessNotes: 'Intervention avant 7 h ou après 19 h (fournil en activité).' }],
        contacts: [
          { firstName: 'Jean', lastName: 'Dupont', jobTitle: 'Gérant', email: 'jean.dupont@lefournil-lorient.fr', phone: '+33297213348', mobile: '+33612457890', assign: [{ purpose: 'site', site: 'Boutique centre' }, { purpose: 'support' }] },
          { firstName: 'Martine', lastName: 'Dupont', jobTitle: 'Comptabilité', email: 'compta@lefournil-lorient.fr', mobile: '+33678124503', assign: [{ purpose: 'billing', billingSite: 'Boulangerie Le Fournil — facturation' }] },
        ],
      },
      {
        name: 'Transports Morvan', legalName: 'SAS Transports Morvan', status: 'active', onboarding: true,
        siren: '756120390', siret: '75612039000015', vatNumber: 'FR80756120390',
        email: 'contact@transports-morvan.fr', phone: '+33297465200', website: 'https://www.transports-morvan.fr',
        addressLine1: '5 rue Marcel Dassault, ZA du Prat', postalCode: '56000', city: 'Vannes', paymentTermsDays: 45,
        notes: 'Trois sites reliés par VPN ; standard centralisé au dépôt de Vannes, astreinte la nuit.',
        billingSites: [
          { name: 'Transports Morvan — siège', externalRef: 'CFAST-BP-10482', billingEmail: 'factures@transports-morvan.fr', addressLine1: '5 rue Marcel Dassault, ZA du Prat', postalCode: '56000', city: 'Vannes', billingContact: 'Sylvie Morvan' },
          { name: 'Transports Morvan — agences', externalRef: 'CFAST-BP-10483', billingEmail: 'agences@transports-morvan.fr', addressLine1: '5 rue Marcel Dassault, ZA du Prat', postalCode: '56000', city: 'Vannes', billingContact: 'Sylvie Morvan' },
        ],
        sites: [
          { name: 'Dépôt Vannes', addressLine1: '5 rue Marcel Dassault, ZA du Prat', postalCode: '56000', city: 'Vannes', phone: '+33297465200', accessNotes: 'Accès poids lourds par la rue Ampère ; baie de brassage au 1er étage.', billingSite: 'Transports Morvan — siège' },
          { name: 'Agence Auray', addressLine1: '14 avenue du Général de Gaulle', postalCode: '56400', city: 'Auray', phone: '+33297240318', billingSite: 'Transports Morvan — agences' },
          { name: 'Agence Ploërmel', addressLine1: '2 rue des Forges, ZI du Camp', postalCode: '56800', city: 'Ploërmel', phone: '+33297731455', accessNotes: 'Fermée le samedi.', billingSite: 'Transports Morvan — agences' },
        ],
        contacts: [
          { firstName: 'Sylvie', lastName: 'Morvan', jobTitle: 'Directrice administrative et financière', email: 'sylvie.morvan@transports-morvan.fr', phone: '+33297465201', mobile: '+33687320415', assign: [{ purpose: 'billing', billingSite: 'Transports Morvan — siège' }, { purpose: 'billing', billingSite: 'Transports Morvan — agences' }, { purpose: 'site', site: 'Dépôt Vannes' }] },
          { firstName: 'Eric', lastName: 'Morvan', jobTitle: 'Directeur général', email: 'eric.morvan@transports-morvan.fr', mobile: '+33607184236', assign: [{ purpose: 'communications' }], mailConsent: 'Bon de commande signé' },
          { firstName: 'Kevin', lastName: 'Le Gall', jobTitle: 'Responsable informatique', email: 'kevin.legall@transports-morvan.fr', phone: '+33297465230', mobile: '+33645093817', assign: [{ purpose: 'support' }, { purpose: 'site', site: 'Dépôt Vannes' }, { purpose: 'deployments' }] },
          { firstName: 'Nathalie', lastName: 'Guého', jobTitle: 'Responsable d’agence', email: 'nathalie.gueho@transports-morvan.fr', phone: '+33297240318', assign: [{ purpose: 'site', site: 'Agence Auray' }] },
          { firstName: 'Patrick', lastName: 'Le Franc', jobTitle: 'Responsable d’agence', email: 'patrick.lefranc@transports-morvan.fr', phone: '+33297731455', assign: [{ purpose: 'site', site: 'Agence Ploërmel' }] },
        ],
      },
      // Clients just arrived, their onboarding under way (core.account-onboarding); the partner's account stays last.
      {
        name: 'Pharmacie du Port', legalName: 'SELARL Pharmacie du Port de Lorient', status: 'prospect', unowned: true, onboarding: true,
        siren: '433908126', siret: '43390812600017', vatNumber: 'FR07433908126',
        email: 'pharmacie.duport@orange.fr', phone: '+33297370522', addressLine1: '2 boulevard Franchet d’Espèrey', postalCode: '56100', city: 'Lorient',
        notes: 'Standard saturé aux heures d’ouverture : veut une ligne dédiée aux ordonnances.',
        sites: [{ name: 'Officine', addressLine1: '2 boulevard Franchet d’Espèrey', postalCode: '56100', city: 'Lorient', phone: '+33297370522' }],
        contacts: [{ firstName: 'Nolwenn', lastName: 'Jaffré', jobTitle: 'Pharmacienne titulaire', email: 'n.jaffre@pharmacieduport.fr', phone: '+33297370522' }],
      },
      {
        name: 'Crêperie Ty Breizh', status: 'prospect', unowned: true, onboarding: true,
        phone: '+33297645188', postalCode: '56270', city: 'Ploemeur',
        sites: [],
        contacts: [{ firstName: 'Yannig', lastName: 'Le Roux', jobTitle: 'Gérant', mobile: '+33662904518' }],
      },
      {
        name: 'Menuiserie Le Floch', legalName: 'SARL Menuiserie Le Floch', status: 'prospect', onboarding: true,
        siren: '790123459', siret: '79012345900014', vatNumber: 'FR13790123459',
        phone: '+33297820341', postalCode: '56700', city: 'Hennebont',
        sites: [],
        contacts: [{ firstName: 'Erwan', lastName: 'Le Floch', jobTitle: 'Artisan menuisier', mobile: '+33687213390' }],
      },
      {
        name: 'Cabinet Avocats Kerlann', legalName: 'SELARL Kerlann Avocats', status: 'prospect',
        siren: '491807236', siret: '49180723600014', vatNumber: 'FR19491807236',
        email: 'cabinet@kerlann-avocats.fr', phone: '+33240487612', website: 'https://www.kerlann-avocats.fr',
        addressLine1: '9 quai de la Fosse', postalCode: '44000', city: 'Nantes', paymentTermsDays: 30,
        notes: 'Projet de migration vers la téléphonie IP ; devis demandé.',
        sites: [{ name: 'Cabinet', addressLine1: '9 quai de la Fosse', postalCode: '44000', city: 'Nantes', phone: '+33240487612', accessNotes: '3e étage, interphone « Kerlann ».' }],
        contacts: [
          { firstName: 'Erwan', lastName: 'Kerlann', jobTitle: 'Avocat associé', email: 'e.kerlann@kerlann-avocats.fr', phone: '+33240487610', assign: [{ purpose: 'site', site: 'Cabinet' }] },
          { firstName: 'Sandrine', lastName: 'Piel', jobTitle: 'Assistante juridique', email: 's.piel@kerlann-avocats.fr', phone: '+33240487612', assign: [{ purpose: 'support' }, { purpose: 'billing', billingSite: 'Cabinet Avocats Kerlann — facturation' }] },
        ],
      },
    ],
  },
  {
    slug: 'vidangeur-breton', name: 'Vidangeur Breton', spec: '002', verticals: ['fieldservice'],
    branding: { primaryColor: '#33691E', secondaryColor: '#FFB300', logoText: 'VB' },
    seller: {
      legalName: 'Vidangeur Breton EURL', legalForm: 'EURL', shareCapitalCents: 800_000,
      siren: '441278058', siret: '44127805800017', vatNumber: 'FR11441278058', registration: 'RCS Brest 441 278 058',
      addressLine1: 'ZA de Kerscao', postalCode: '29480', city: 'Le Relecq-Kerhuon', email: 'bureau@vidangeur-breton.demo', phone: '+33298285566',
      iban: 'FR7615589297040012345678908', bic: 'CMBRFR2BXXX', paymentTermsDays: 15, latePenaltyRateBasisPoints: 1215,
      footer: 'Vidangeur Breton — vidange de fosses septiques agréée par la préfecture du Finistère (agrément n° 2019-29-004).',
      invoiceNumberFormat: 'VB-{YYYY}-{####}',
    },
    people: { direction: 'Alain Le Bras', manager: 'Gwen Planning', accounting: 'Katell Compta', technician: 'Ronan Intervenant', client: 'Famille Le Dantec' },
    accounts: [
      {
        name: 'Famille Le Dantec', status: 'active',
        email: 'yvonne.ledantec@orange.fr', phone: '+33298880415',
        addressLine1: '6 chemin de Kerozar', postalCode: '29600', city: 'Morlaix', paymentTermsDays: 0,
        notes: 'Fosse septique de 3 000 L, vidange tous les quatre ans ; chien dans le jardin.',
        sites: [{ name: 'Maison principale', addressLine1: '6 chemin de Kerozar', postalCode: '29600', city: 'Morlaix', accessNotes: 'Regard derrière le garage ; prévenir 30 minutes avant l’arrivée.' }],
        contacts: [
          { firstName: 'Yvonne', lastName: 'Le Dantec', jobTitle: 'Propriétaire', email: 'yvonne.ledantec@orange.fr', phone: '+33298880415', mobile: '+33633174820', assign: [{ purpose: 'site', site: 'Maison principale' }, { purpose: 'billing', billingSite: 'Famille Le Dantec — facturation' }] },
          { firstName: 'Loïc', lastName: 'Le Dantec', jobTitle: 'Fils (contact sur place)', mobile: '+33671520946', assign: [{ purpose: 'communications' }] },
        ],
      },
      {
        name: 'Camping des Dunes', legalName: 'SARL Camping des Dunes', status: 'active', onboarding: true,
        siren: '619384027', siret: '61938402700014', vatNumber: 'FR14619384027',
        email: 'accueil@camping-des-dunes-crozon.fr', phone: '+33298272210', website: 'https://www.camping-des-dunes-crozon.fr',
        addressLine1: 'Route de la plage de Goulien', postalCode: '29160', city: 'Crozon', paymentTermsDays: 30,
        notes: 'Contrat d’entretien annuel des deux blocs sanitaires ; interventions hors saison de préférence.',
        sites: [
          { name: 'Bloc sanitaire nord', addressLine1: 'Route de la plage de Goulien', postalCode: '29160', city: 'Crozon', accessNotes: 'Allée A, accès camion par le portail technique.' },
          { name: 'Bloc sanitaire sud', addressLine1: 'Route de la plage de Goulien', postalCode: '29160', city: 'Crozon', accessNotes: 'Allée F, près de la piscine.' },
        ],
        contacts: [
          { firstName: 'Loïc', lastName: 'Guillou', jobTitle: 'Gérant', email: 'loic.guillou@camping-des-dunes-crozon.fr', phone: '+33298272210', mobile: '+33698413207', assign: [{ purpose: 'billing', billingSite: 'Camping des Dunes — facturation' }], mailConsent: 'Contrat d’entretien signé' },
          { firstName: 'Soizic', lastName: 'Morvezen', jobTitle: 'Responsable technique', email: 'technique@camping-des-dunes-crozon.fr', mobile: '+33656780142', assign: [{ purpose: 'site', site: 'Bloc sanitaire nord' }, { purpose: 'site', site: 'Bloc sanitaire sud' }] },
        ],
      },
      // Clients just arrived, their onboarding under way (core.account-onboarding).
      {
        name: 'Gîtes de Kerantré', legalName: 'SCI Kerantré', status: 'prospect', unowned: true, onboarding: true,
        siren: '488123902', siret: '48812390200014', vatNumber: 'FR63488123902',
        email: 'contact@gites-kerantre.fr', phone: '+33298679312', addressLine1: 'Lieu-dit Kerantré', postalCode: '29620', city: 'Lanmeur',
        notes: 'Trois gîtes sur une même micro-station ; vidange souhaitée avant Pâques.',
        sites: [{ name: 'Micro-station des gîtes', addressLine1: 'Lieu-dit Kerantré', postalCode: '29620', city: 'Lanmeur', accessNotes: 'Portail vert, code au 02 98 67 93 12.' }],
        contacts: [{ firstName: 'Maïwenn', lastName: 'Caroff', jobTitle: 'Propriétaire', email: 'maiwenn@gites-kerantre.fr', mobile: '+33640219875' }],
      },
      {
        name: 'Commune de Plougasnou', legalName: 'Commune de Plougasnou', status: 'prospect', unowned: true, onboarding: true,
        siren: '351908769', siret: '35190876900018',
        email: 'mairie@plougasnou.fr', phone: '+33298673006', postalCode: '29630', city: 'Plougasnou',
        notes: 'Appel d’offres pour l’entretien des sanitaires publics de la plage.',
        sites: [],
        contacts: [{ firstName: 'Hervé', lastName: 'Kerhervé', jobTitle: 'Responsable des services techniques', email: 'st@plougasnou.fr', phone: '+33298673006' }],
      },
      {
        name: 'Ferme de Kervoazec', status: 'prospect', onboarding: true,
        phone: '+33298784401', postalCode: '29410', city: 'Pleyber-Christ',
        sites: [],
        contacts: [{ firstName: 'Jean-Yves', lastName: 'Abgrall', jobTitle: 'Exploitant', mobile: '+33679443018' }],
      },
    ],
  },
  {
    slug: 'msp', name: 'Infogérance Atlantique', spec: '003', verticals: ['psa', 'rmm', 'billing'],
    branding: { primaryColor: '#263238', secondaryColor: '#29B6F6', logoText: 'IA' },
    seller: {
      legalName: 'Infogérance Atlantique SAS', tradingName: 'Infogérance Atlantique', legalForm: 'SAS', shareCapitalCents: 2_000_000,
      siren: '903182541', siret: '90318254100016', vatNumber: 'FR75903182541', registration: 'RCS Saint-Nazaire 903 182 541',
      addressLine1: '4 rue de la Pépinière', postalCode: '44600', city: 'Saint-Nazaire', email: 'facturation@msp.demo', phone: '+33240221890', website: 'https://msp.demo',
      iban: 'FR7613807000081234567890181', bic: 'CCBPFRPPNAN', paymentTermsDays: 30, latePenaltyRateBasisPoints: 1215,
      footer: 'Infogérance Atlantique — supervision, sauvegarde et support informatique des TPE et PME de Loire-Atlantique.',
    },
    people: { admin: 'Olivier Admin', manager: 'Céline Manager', technician: 'Hugo Technicien', client: 'Patricia Client' },
    accounts: [
      {
        name: 'Garage Renault Pornic', legalName: 'SAS Garage de la Côte de Jade', status: 'active',
        siren: '837201540', siret: '83720154000015', vatNumber: 'FR25837201540',
        email: 'contact@garage-cotedejade.fr', phone: '+33240821945', website: 'https://www.garage-cotedejade.fr',
        addressLine1: '21 route de Nantes', postalCode: '44210', city: 'Pornic', paymentTermsDays: 30,
        notes: 'Infogérance de 12 postes et du serveur de l’atelier ; sauvegardes chaque nuit.',
        sites: [{ name: 'Atelier', addressLine1: '21 route de Nantes', postalCode: '44210', city: 'Pornic', phone: '+33240821945', accessNotes: 'Local serveur derrière l’accueil, clé au comptoir.' }],
        contacts: [
          { firstName: 'Patricia', lastName: 'Moreau', jobTitle: 'Gérante', email: 'patricia.moreau@garage-cotedejade.fr', phone: '+33240821940', mobile: '+33620418375', assign: [{ purpose: 'billing', billingSite: 'Garage Renault Pornic — facturation' }, { purpose: 'tickets' }] },
          { firstName: 'Damien', lastName: 'Briand', jobTitle: 'Chef d’atelier', email: 'atelier@garage-cotedejade.fr', phone: '+33240821945', assign: [{ purpose: 'site', site: 'Atelier' }, { purpose: 'support' }] },
        ],
      },
      {
        name: 'Expert-comptable Durand', legalName: 'SELAS Durand & Associés', status: 'active', onboarding: true,
        siren: '320176597', siret: '32017659700013', vatNumber: 'FR10320176597',
        email: 'cabinet@durand-expertise.fr', phone: '+33240667730', website: 'https://www.durand-expertise.fr',
        addressLine1: '27 avenue de la République', postalCode: '44600', city: 'Saint-Nazaire', paymentTermsDays: 30,
        notes: 'Deux sites, Microsoft 365 et supervision des postes ; période fiscale chargée de mars à mai.',
        sites: [
          { name: 'Bureau principal', addressLine1: '27 avenue de la République', postalCode: '44600', city: 'Saint-Nazaire', phone: '+33240667730' },
          { name: 'Antenne La Baule', addressLine1: '4 avenue des Ibis', postalCode: '44500', city: 'La Baule-Escoublac', phone: '+33240601288', accessNotes: 'Ouverte du mardi au jeudi.' },
        ],
        contacts: [
          { firstName: 'François', lastName: 'Durand', jobTitle: 'Expert-comptable associé', email: 'f.durand@durand-expertise.fr', phone: '+33240667731', mobile: '+33609127734', assign: [{ purpose: 'site', site: 'Bureau principal' }] },
          { firstName: 'Léa', lastName: 'Bouvier', jobTitle: 'Office manager', email: 'l.bouvier@durand-expertise.fr', phone: '+33240667735', assign: [{ purpose: 'billing', billingSite: 'Expert-comptable Durand — facturation' }, { purpose: 'tickets' }], mailConsent: 'Contrat d’infogérance signé' },
          { firstName: 'Thomas', lastName: 'Rivière', jobTitle: 'Collaborateur comptable', email: 't.riviere@durand-expertise.fr', phone: '+33240601288', assign: [{ purpose: 'site', site: 'Antenne La Baule' }] },
        ],
      },
      // Clients just arrived, their onboarding under way (core.account-onboarding).
      {
        name: 'Cabinet dentaire Lemaître', legalName: 'SELARL Docteurs Lemaître', status: 'prospect', unowned: true, onboarding: true,
        siren: '893456129', siret: '89345612900012', vatNumber: 'FR88893456129',
        email: 'accueil@dentaire-lemaitre.fr', phone: '+33240826633', addressLine1: '3 rue de la Source', postalCode: '44210', city: 'Pornic',
        notes: 'Six postes et un serveur d’imagerie ; données de santé : hébergement HDS exigé.',
        sites: [{ name: 'Cabinet', addressLine1: '3 rue de la Source', postalCode: '44210', city: 'Pornic', phone: '+33240826633' }],
        contacts: [{ firstName: 'Claire', lastName: 'Lemaître', jobTitle: 'Chirurgienne-dentiste', email: 'c.lemaitre@dentaire-lemaitre.fr', phone: '+33240826633' }],
      },
      {
        name: 'Agence immobilière Océane', legalName: 'SARL Océane Immobilier', status: 'prospect', unowned: true, onboarding: true,
        siren: '509182739', siret: '50918273900011', vatNumber: 'FR86509182739',
        phone: '+33240240918', postalCode: '44500', city: 'La Baule-Escoublac',
        sites: [],
        contacts: [{ firstName: 'Julie', lastName: 'Bernier', jobTitle: 'Gérante', email: 'julie@oceane-immobilier.fr', mobile: '+33616502287' }],
      },
      {
        name: 'Boulangerie Guérin', status: 'prospect', onboarding: true,
        phone: '+33240213377', postalCode: '44000', city: 'Nantes',
        sites: [],
        contacts: [{ firstName: 'Sébastien', lastName: 'Guérin', jobTitle: 'Artisan boulanger' }],
      },
    ],
  },
  {
    slug: 'acme-school', name: 'ACME School', spec: '004', verticals: ['school', 'gdpr'],
    branding: { primaryColor: '#B71C1C', secondaryColor: '#546E7A', logoText: 'AS' },
    people: {
      direction: 'Sylvain Atlani', 'school-lead': 'Isabelle Scolarité', 'school-office': 'Karim Scolarité', teacher: 'Prof. Nathalie Roux',
      student: 'Emma Étudiante', alumnus: 'Louis Alumni', 'it-office': 'Yann Informatique',
    },
    accounts: [
      {
        name: 'Groupe Armor Finance', legalName: 'SA Groupe Armor Finance', status: 'active', onboarding: true,
        siren: '904812369', siret: '90481236900018', vatNumber: 'FR80904812369',
        email: 'rh@armor-finance.fr', phone: '+33299871400', website: 'https://www.armor-finance.fr',
        addressLine1: '12 rue de la Visitation', postalCode: '35000', city: 'Rennes', paymentTermsDays: 60,
        notes: 'Entreprise d’accueil en alternance : quatre apprentis par promotion.',
        sites: [{ name: 'Siège', addressLine1: '12 rue de la Visitation', postalCode: '35000', city: 'Rennes', phone: '+33299871400', accessNotes: 'Accueil au 1er étage, pièce d’identité demandée.' }],
        contacts: [
          { firstName: 'Hélène', lastName: 'Robin', jobTitle: 'Responsable des ressources humaines', email: 'h.robin@armor-finance.fr', phone: '+33299871420', assign: [{ purpose: 'site', site: 'Siège' }, { purpose: 'communications' }], mailConsent: 'Convention de partenariat signée' },
          { firstName: 'Mathieu', lastName: 'Lemoine', jobTitle: 'Tuteur des alternants', email: 'm.lemoine@armor-finance.fr', mobile: '+33651892340' },
          { firstName: 'Agnès', lastName: 'Perrin', jobTitle: 'Service comptable', email: 'comptabilite@armor-finance.fr', phone: '+33299871450', assign: [{ purpose: 'billing', billingSite: 'Groupe Armor Finance — facturation' }] },
        ],
      },
      {
        name: 'Start-up Nantaise', legalName: 'SAS Nantaise du Numérique', status: 'prospect',
        siren: '275489136', siret: '27548913600018', vatNumber: 'FR66275489136',
        email: 'hello@nantaise-numerique.fr', phone: '+33252104477', website: 'https://www.nantaise-numerique.fr',
        addressLine1: '5 allée Ferdinand Braudel', postalCode: '44200', city: 'Nantes', paymentTermsDays: 30,
        sites: [{ name: 'Incubateur', addressLine1: '5 allée Ferdinand Braudel', postalCode: '44200', city: 'Nantes', accessNotes: 'Bâtiment B, badge à retirer à l’accueil de l’incubateur.' }],
        contacts: [
          { firstName: 'Camille', lastName: 'Fontaine', jobTitle: 'Fondatrice', email: 'camille@nantaise-numerique.fr', mobile: '+33677301248', assign: [{ purpose: 'site', site: 'Incubateur' }, { purpose: 'billing', billingSite: 'Start-up Nantaise — facturation' }] },
          { firstName: 'Bastien', lastName: 'Le Meur', jobTitle: 'Directeur technique', email: 'bastien@nantaise-numerique.fr', mobile: '+33630418892' },
        ],
      },
      // Host companies just arrived, their onboarding under way (core.account-onboarding).
      {
        name: 'Atlantique Logistique', legalName: 'SAS Atlantique Logistique', status: 'prospect', unowned: true, onboarding: true,
        siren: '844771204', siret: '84477120400014', vatNumber: 'FR56844771204',
        email: 'rh@atlantique-logistique.fr', phone: '+33240861290', addressLine1: '8 rue du Charron', postalCode: '44800', city: 'Saint-Herblain',
        notes: 'Cherche deux alternants en supply chain pour la rentrée.',
        sites: [{ name: 'Plateforme de Saint-Herblain', addressLine1: '8 rue du Charron', postalCode: '44800', city: 'Saint-Herblain' }],
        contacts: [{ firstName: 'Sandrine', lastName: 'Morin', jobTitle: 'Chargée de recrutement', email: 's.morin@atlantique-logistique.fr', phone: '+33240861290' }],
      },
      {
        name: 'Clinique vétérinaire des Lices', legalName: 'SELARL Vétérinaires des Lices', status: 'prospect', unowned: true, onboarding: true,
        siren: '411223092', siret: '41122309200015', vatNumber: 'FR08411223092',
        email: 'contact@veto-lices.fr', postalCode: '35000', city: 'Rennes',
        sites: [],
        contacts: [{ firstName: 'Pierre', lastName: 'Hamon', jobTitle: 'Vétérinaire associé', email: 'p.hamon@veto-lices.fr' }],
      },
      {
        name: 'Studio graphique Kanndi', status: 'prospect', onboarding: true,
        email: 'bonjour@kanndi.fr', postalCode: '35000', city: 'Rennes',
        sites: [],
        contacts: [{ firstName: 'Morgane', lastName: 'Tanguy', jobTitle: 'Fondatrice' }],
      },
    ],
  },
];

export function demoEmail(roleKey: string, tenantSlug: string): string {
  return `${roleKey}@${tenantSlug}.demo`;
}
