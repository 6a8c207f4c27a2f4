/** The demo organisations, one per specification (issue conventions). */
export interface DemoTenant {
  slug: string;
  name: string;
  spec: string;
  verticals: string[];
  branding: { primaryColor: string; secondaryColor: string; logoText: string };
  /** Demo people by role key; one user per role is always created. */
  people: Record<string, string>;
  accounts: Array<{ name: string; city: string; status: 'prospect' | 'active' | 'suspended' | 'closed'; contacts: string[]; sites: string[] }>;
}

export const DEMO_PASSWORD = 'relais-demo-2026';

export const DEMO_TENANTS: DemoTenant[] = [
  {
    slug: 'epic-events', name: 'Epic Events', spec: '001', verticals: ['events'],
    branding: { primaryColor: '#7B1FA2', secondaryColor: '#F9A825', logoText: 'EE' },
    people: { management: 'Gaëlle Gestion', sales: 'Bill Boquet', support: 'Kate Hastroff' },
    accounts: [
      { name: 'Cool Startup LLC', city: 'Paris', status: 'active', contacts: ['Kevin Casey'], sites: ['Siège'] },
      { name: 'John Ouick', city: 'Candé-sur-Beuvron', status: 'active', contacts: ['John Ouick'], sites: ['Château de Candé'] },
      { name: 'Lou Bouzin', city: 'Mufflins', status: 'prospect', contacts: ['Jacky Blangier'], sites: ['Salle des fêtes de Mufflins'] },
    ],
  },
  {
    slug: 'cassandre', name: 'Cassandre Communication', spec: '000', verticals: ['audits', 'certifications', 'docs'],
    branding: { primaryColor: '#0D47A1', secondaryColor: '#00ACC1', logoText: 'CC' },
    people: { 'mission-lead': 'Hélène Marchand', auditor: 'Yann Le Goff', administration: 'Sophie Bernard', candidate: 'Lucas Petit' },
    accounts: [
      { name: 'Mairie de Quimper', city: 'Quimper', status: 'active', contacts: ['Anne Le Bihan'], sites: ['Hôtel de ville', 'Centre technique'] },
      { name: 'Clinique Saint-Michel', city: 'Rennes', status: 'active', contacts: ['Dr Paul Martin'], sites: ['Bâtiment A'] },
      { name: 'Association Les Amis du Port', city: 'Brest', status: 'prospect', contacts: ['Marie Kerjean'], sites: ['Local associatif'] },
    ],
  },
  {
    slug: 'softwhere', name: 'SoftWhere', spec: '002', verticals: ['telecom'],
    branding: { primaryColor: '#00695C', secondaryColor: '#FF7043', logoText: 'SW' },
    people: {
      direction: 'Claire Direction', manager: 'Marc Gestionnaire', 'support-n1': 'Inès Support', 'support-n2': 'Thomas Expert',
      sales: 'Julien Commercial', accounting: 'Nadia Compta', client: 'Pierre Client', partner: 'Élodie Partenaire',
    },
    accounts: [
      { name: 'Boulangerie Le Fournil', city: 'Lorient', status: 'active', contacts: ['Jean Dupont'], sites: ['Boutique centre'] },
      { name: 'Transports Morvan', city: 'Vannes', status: 'active', contacts: ['Sylvie Morvan', 'Eric Morvan'], sites: ['Dépôt Vannes', 'Agence Auray', 'Agence Ploërmel'] },
      { name: 'Cabinet Avocats Kerlann', city: 'Nantes', status: 'prospect', contacts: ['Maître Kerlann'], sites: ['Cabinet'] },
    ],
  },
  {
    slug: 'vidangeur-breton', name: 'Vidangeur Breton', spec: '002', verticals: ['fieldservice'],
    branding: { primaryColor: '#33691E', secondaryColor: '#FFB300', logoText: 'VB' },
    people: { direction: 'Alain Le Bras', manager: 'Gwen Planning', accounting: 'Katell Compta', technician: 'Ronan Intervenant', client: 'Famille Le Dantec' },
    accounts: [
      { name: 'Famille Le Dantec', city: 'Morlaix', status: 'active', contacts: ['Yvonne Le Dantec'], sites: ['Maison principale'] },
      { name: 'Camping des Dunes', city: 'Crozon', status: 'active', contacts: ['Loïc Guillou'], sites: ['Bloc sanitaire nord', 'Bloc sanitaire sud'] },
    ],
  },
  {
    slug: 'msp', name: 'Infogérance Atlantique', spec: '003', verticals: ['psa', 'rmm', 'billing'],
    branding: { primaryColor: '#263238', secondaryColor: '#29B6F6', logoText: 'IA' },
    people: { admin: 'Olivier Admin', manager: 'Céline Manager', technician: 'Hugo Technicien', client: 'Patricia Client' },
    accounts: [
      { name: 'Garage Renault Pornic', city: 'Pornic', status: 'active', contacts: ['Patricia Moreau'], sites: ['Atelier'] },
      { name: 'Expert-comptable Durand', city: 'Saint-Nazaire', status: 'active', contacts: ['François Durand'], sites: ['Bureau principal', 'Antenne La Baule'] },
    ],
  },
  {
    slug: 'acme-school', name: 'ACME School', spec: '004', verticals: ['school', 'gdpr'],
    branding: { primaryColor: '#B71C1C', secondaryColor: '#546E7A', logoText: 'AS' },
    people: {
      director: 'Sylvain Atlani', 'school-lead': 'Isabelle Scolarité', 'school-office': 'Karim Scolarité', teacher: 'Prof. Nathalie Roux',
      student: 'Emma Étudiante', alumnus: 'Louis Alumni',
    },
    accounts: [
      { name: 'Société Générale', city: 'Paris', status: 'active', contacts: ['Responsable RH'], sites: ['La Défense'] },
      { name: 'Start-up Nantaise', city: 'Nantes', status: 'prospect', contacts: ['Camille Fondatrice'], sites: ['Incubateur'] },
    ],
  },
];

export function demoEmail(roleKey: string, tenantSlug: string): string {
  return `${roleKey}@${tenantSlug}.demo`;
}
