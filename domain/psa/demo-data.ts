/**
 * What Infogérance Atlantique's demo holds (written by demo-seed.ts): people, teams, queues, the
 * pipeline, contracts, machines, tickets with their comments and time, the week's planning. Days are
 * counted back from the day of the seed; SLA times are business minutes of the tenant's calendar.
 */
export type TicketPriority = 'low' | 'normal' | 'high' | 'critical';
type TicketStatus = 'open' | 'in-progress' | 'waiting' | 'resolved' | 'closed';
/** A demo person: a technician by first name, or the demo's manager or admin. */
type Who = 'Hugo' | 'Sarah' | 'Yann' | 'manager' | 'admin';

export interface DemoContract {
  account: string;
  name: string;
  type: 'hour-bank' | 'subscription' | 'time-and-material';
  startedDaysAgo: number;
  /** Its length; open-ended when absent. */
  months?: number;
  hourlyRateCents: number;
  pack?: { minutes: number; priceCents: number };
  /** Days ago each pack was bought (the first when the contract started, when absent). */
  purchases?: number[];
  adjustments?: Array<{ minutes: number; daysAgo: number; reason: string }>;
  /** billing's subscription (by name) that invoices it. */
  subscription?: string;
  clientContact?: string;
  notes?: string;
}

export interface DemoTime {
  by: Who;
  minutes: number;
  kind: 'billable' | 'non-billable' | 'included' | 'outside';
  status: 'draft' | 'submitted' | 'approved' | 'changes-requested';
  /** Calendar minutes after the ticket came in. */
  afterMinutes: number;
  description: string;
  reviewComment?: string;
}

export interface DemoTicket {
  account: string;
  title: string;
  description: string;
  status: TicketStatus;
  priority: TicketPriority;
  source: 'manual' | 'email' | 'portal';
  /** A day and local time, or business minutes before the seed (SLA under way). */
  opened: { daysAgo?: number; time?: string; businessMinutesAgo?: number };
  contact?: string;
  requesterEmail?: string;
  assignee?: Who;
  team?: string;
  queue?: string;
  contract?: string;
  machine?: string;
  /** Business minutes from opening to the first reply and to the resolution. */
  firstResponseAfterMinutes?: number;
  resolvedAfterMinutes?: number;
  comments?: Array<{ by: Who | 'client'; afterMinutes: number; body: string; internal?: boolean }>;
  time?: DemoTime[];
  /** The assignee's timer runs on it, started that many minutes ago. */
  timerRunningMinutes?: number;
}

export interface DemoPlanningEntry {
  who: Who;
  /** ISO weekday of the current week. */
  weekday: 1 | 2 | 3 | 4 | 5;
  from: string;
  to: string;
  kind: 'intervention' | 'absence' | 'appointment';
  mode?: 'remote' | 'on-site';
  reason?: 'holiday' | 'sick' | 'training' | 'other';
  title: string;
  ticket?: string;
  site?: string;
  notes?: string;
}

const GARAGE = 'Garage Renault Pornic';
const DURAND = 'Expert-comptable Durand';
const DENTAL = 'Cabinet dentaire Lemaître';
const OCEANE = 'Agence immobilière Océane';
const BAKERY = 'Boulangerie Guérin';

const GARAGE_BANK = 'Banque d’heures support 20 h';
const DURAND_BANK = 'Banque d’heures 10 h';
const DENTAL_BANK = 'Banque d’heures 10 h — cabinet';
const OCEANE_TM = 'Régie — support à la demande';

const T = {
  printer: 'Imprimante de l’atelier hors ligne',
  backup: 'Serveur de l’atelier : sauvegarde de la nuit en échec',
  slowPc: 'Poste de l’accueil très lent au démarrage',
  outlook: 'Outlook demande le mot de passe en boucle',
  dms: 'Logiciel constructeur inaccessible depuis les postes de l’atelier',
  vpn: 'VPN de l’antenne de La Baule coupé',
  accounting: 'Mise à jour du logiciel de production comptable',
  scanner: 'Scanner du bureau principal : numérisation vers le dossier réseau',
  restore: 'Sauvegarde : restauration d’un dossier patient supprimé',
  wifi: 'Wi-Fi de la salle d’attente : déconnexions fréquentes',
  nas: 'Récupération de fichiers supprimés sur le NAS',
} as const;

export const DEMO_MSP = {
  slug: 'msp',
  colleagues: [
    { email: 'sarah.benoit@msp.demo', displayName: 'Sarah Benoît' },
    { email: 'yann.lefloch@msp.demo', displayName: 'Yann Le Floch' },
  ],
  /** What an hour of each person costs the MSP and is sold at. */
  rates: {
    Hugo: { cost: 3_200, rate: 9_000 },
    Sarah: { cost: 2_900, rate: 8_000 },
    Yann: { cost: 3_400, rate: 9_500 },
    manager: { cost: 4_500, rate: 11_000 },
  } as Record<Who, { cost: number; rate: number }>,
  teams: [
    { name: 'Support N1', members: ['Hugo', 'Sarah'] as Who[] },
    { name: 'Terrain', members: ['Yann', 'Hugo'] as Who[] },
  ],
  queues: ['Triage', 'Postes et logiciels', 'Serveurs et réseau'],
  calendar: {
    name: 'Heures ouvrées — Saint-Nazaire',
    weeklyHours: Object.fromEntries([1, 2, 3, 4, 5].map((d) => [String(d), [['08:30', '12:30'], ['13:30', '18:00']] as Array<[string, string]>])),
  },
  slaPolicy: {
    name: 'Contrat standard PME',
    targets: {
      critical: { responseMinutes: 30, resolutionMinutes: 240 },
      high: { responseMinutes: 60, resolutionMinutes: 480 },
      normal: { responseMinutes: 240, resolutionMinutes: 1_440 },
      low: { responseMinutes: 480, resolutionMinutes: 2_880 },
    } as Record<TicketPriority, { responseMinutes: number; resolutionMinutes: number }>,
  },
  thresholds: [{ percent: 20 }, { percent: 10 }, { minutes: 120 }],
  opportunities: [
    {
      account: BAKERY, stage: 'lead', title: 'Caisse et postes du magasin : contrat de maintenance', amountCents: 240_000, createdDaysAgo: 3, closeInDays: 45, owner: 'manager' as Who,
      contact: 'Sébastien Guérin', journal: [{ kind: 'call', subject: 'Premier appel : trois postes et une caisse connectée', daysAgo: 3, remindInDays: 2 }],
    },
    {
      account: OCEANE, stage: 'qualified', title: 'Migration des postes vers Microsoft 365', amountCents: 680_000, createdDaysAgo: 12, closeInDays: 30, owner: 'manager' as Who,
      contact: 'Julie Bernier', journal: [{ kind: 'meeting', subject: 'Visite de l’agence : 9 postes, messagerie chez l’hébergeur du site', daysAgo: 8, body: 'Souhaite garder ses adresses ; migration un week-end.' }],
    },
    {
      account: DENTAL, stage: 'proposal', title: 'Hébergement HDS du serveur d’imagerie', amountCents: 1_450_000, createdDaysAgo: 25, closeInDays: 20, owner: 'manager' as Who,
      contact: 'Claire Lemaître', notes: 'Données de santé : hébergeur certifié HDS obligatoire.',
      journal: [
        { kind: 'email', subject: 'Proposition envoyée avec l’annexe technique HDS', daysAgo: 6 },
        { kind: 'action', subject: 'Relancer le Dr Lemaître sur la proposition', daysAgo: 6, remindInDays: 0 },
      ],
    },
    {
      account: DURAND, stage: 'negotiation', title: 'Supervision et sauvegarde de l’antenne de La Baule', amountCents: 390_000, createdDaysAgo: 40, closeInDays: 10, owner: 'manager' as Who,
      contact: 'François Durand', journal: [{ kind: 'call', subject: 'Négociation : demande 10 % de remise sur l’installation', daysAgo: 2, body: 'Accord possible si engagement de 24 mois.' }],
    },
    {
      account: OCEANE, stage: 'won', title: 'Support à la demande (régie)', amountCents: 150_000, createdDaysAgo: 35, closeInDays: -20, owner: 'manager' as Who,
      contact: 'Julie Bernier', contract: OCEANE_TM, journal: [{ kind: 'note', subject: 'Accord signé : régie au taux horaire, sans engagement', daysAgo: 20 }],
    },
    {
      account: GARAGE, stage: 'won', title: 'Banque d’heures support 20 h', amountCents: 180_000, createdDaysAgo: 75, closeInDays: -60, owner: 'manager' as Who,
      contact: 'Patricia Moreau', contract: GARAGE_BANK, journal: [{ kind: 'meeting', subject: 'Signature du pack de 20 heures au garage', daysAgo: 60 }],
    },
    {
      account: GARAGE, stage: 'lost', title: 'Téléphonie IP de l’atelier', amountCents: 520_000, createdDaysAgo: 90, closeInDays: -35, owner: 'admin' as Who,
      contact: 'Patricia Moreau', lostReason: 'Choix d’un opérateur télécom local, moins cher.', journal: [{ kind: 'call', subject: 'Refus : la gérante a signé avec un opérateur local', daysAgo: 35 }],
    },
  ] as Array<{
    account: string; stage: string; title: string; amountCents: number; createdDaysAgo: number; closeInDays: number; owner: Who; contact?: string;
    notes?: string; lostReason?: string; contract?: string;
    journal?: Array<{ kind: 'call' | 'email' | 'note' | 'meeting' | 'action'; subject: string; body?: string; daysAgo: number; remindInDays?: number }>;
  }>,
  contracts: [
    {
      account: GARAGE, name: GARAGE_BANK, type: 'hour-bank', startedDaysAgo: 60, months: 12, hourlyRateCents: 9_500,
      pack: { minutes: 1_200, priceCents: 180_000 }, clientContact: 'Patricia Moreau',
      notes: 'Pack de 20 heures pour le support des postes et du serveur de l’atelier.',
    },
    {
      account: DURAND, name: DURAND_BANK, type: 'hour-bank', startedDaysAgo: 120, months: 12, hourlyRateCents: 9_500,
      pack: { minutes: 600, priceCents: 95_000 }, clientContact: 'Léa Bouvier', notes: 'Proche du seuil d’alerte : renouvellement à proposer.',
    },
    {
      account: DENTAL, name: DENTAL_BANK, type: 'hour-bank', startedDaysAgo: 90, months: 12, hourlyRateCents: 9_500,
      pack: { minutes: 600, priceCents: 95_000 }, clientContact: 'Claire Lemaître', notes: 'Épuisée : le temps passé est facturé hors contrat.',
    },
    { account: GARAGE, name: 'Infogérance des postes — 25 machines', type: 'subscription', startedDaysAgo: 30, hourlyRateCents: 9_500, subscription: 'Infogérance des postes — 25 machines', clientContact: 'Patricia Moreau' },
    { account: DURAND, name: 'Postes utilisateurs Microsoft 365 — 18 utilisateurs', type: 'subscription', startedDaysAgo: 30, hourlyRateCents: 9_500, subscription: 'Postes utilisateurs Microsoft 365 — 18 utilisateurs', clientContact: 'Léa Bouvier' },
    { account: OCEANE, name: OCEANE_TM, type: 'time-and-material', startedDaysAgo: 20, hourlyRateCents: 8_500, clientContact: 'Julie Bernier', notes: 'Taux horaire de 85 € HT, sans engagement.' },
  ] as DemoContract[],
  machines: [
    { account: GARAGE, site: 'Atelier', hostname: 'GRP-SRV01', os: 'Windows Server 2022 Standard', cpu: 'Intel Xeon E-2334', ramMb: 32_768, installedDaysAgo: 400 },
    { account: GARAGE, site: 'Atelier', hostname: 'GRP-ACCUEIL', os: 'Windows 11 Pro 23H2', cpu: 'Intel Core i5-12400', ramMb: 16_384, installedDaysAgo: 300 },
    { account: GARAGE, site: 'Atelier', hostname: 'GRP-ATELIER-02', os: 'Windows 10 Pro 22H2', cpu: 'Intel Core i3-10100', ramMb: 8_192, installedDaysAgo: 700 },
    { account: DURAND, site: 'Bureau principal', hostname: 'DUR-SRV-FICHIERS', os: 'Windows Server 2019 Standard', cpu: 'Intel Xeon Silver 4210', ramMb: 65_536, installedDaysAgo: 900 },
    { account: DURAND, site: 'Bureau principal', hostname: 'DUR-PC-FDURAND', os: 'Windows 11 Pro 23H2', cpu: 'Intel Core i7-1265U', ramMb: 16_384, installedDaysAgo: 200 },
    { account: DURAND, site: 'Antenne La Baule', hostname: 'DLB-PC-ACCUEIL', os: 'Windows 11 Pro 23H2', cpu: 'Intel Core i5-1235U', ramMb: 16_384, installedDaysAgo: 250 },
    { account: DENTAL, site: 'Cabinet', hostname: 'CDL-IMAGERIE', os: 'Windows Server 2022 Standard', cpu: 'Intel Xeon E-2388G', ramMb: 65_536, installedDaysAgo: 500 },
    { account: DENTAL, site: 'Cabinet', hostname: 'CDL-FAUTEUIL3', os: 'Windows 11 Pro 23H2', cpu: 'Intel Core i5-13400', ramMb: 16_384, installedDaysAgo: 10 },
    { account: OCEANE, hostname: 'OCE-NAS01', os: 'Synology DSM 7.2', cpu: 'Realtek RTD1619B', ramMb: 2_048, installedDaysAgo: 600 },
  ] as Array<{ account: string; site?: string; hostname: string; os: string; cpu: string; ramMb: number; installedDaysAgo: number }>,
  tickets: [
    // Garage Renault Pornic: the demo client's company, on its healthy hour bank.
    {
      account: GARAGE, title: 'Installation d’un poste supplémentaire au magasin de pièces', description: 'Nouveau poste pour le magasinier : installation, compte et imprimante d’étiquettes.',
      status: 'closed', priority: 'low', source: 'portal', opened: { daysAgo: 40, time: '09:40' }, contact: 'Patricia Moreau', assignee: 'Yann', team: 'Terrain',
      queue: 'Postes et logiciels', contract: GARAGE_BANK, firstResponseAfterMinutes: 95, resolvedAfterMinutes: 1_500,
      comments: [
        { by: 'client', afterMinutes: 0, body: 'Bonjour, notre nouveau magasinier arrive lundi : pouvez-vous préparer un poste ?' },
        { by: 'Yann', afterMinutes: 95, body: 'Bonjour, je passe jeudi matin installer le poste et l’imprimante d’étiquettes.' },
        { by: 'Yann', afterMinutes: 2_900, body: 'Poste installé, session créée et imprimante testée.' },
      ],
      time: [{ by: 'Yann', minutes: 150, kind: 'included', status: 'approved', afterMinutes: 2_880, description: 'Installation sur site, compte et imprimante' }],
    },
    {
      account: GARAGE, title: 'Mise à jour du pare-feu de l’atelier', description: 'Mise à jour FortiOS recommandée par l’éditeur (faille critique).',
      status: 'closed', priority: 'normal', source: 'manual', opened: { daysAgo: 30, time: '10:15' }, contact: 'Damien Briand', assignee: 'Hugo', team: 'Support N1',
      queue: 'Serveurs et réseau', contract: GARAGE_BANK, machine: 'GRP-SRV01', firstResponseAfterMinutes: 10, resolvedAfterMinutes: 400,
      comments: [
        { by: 'Hugo', afterMinutes: 10, body: 'Mise à jour planifiée ce soir après la fermeture de l’atelier (coupure de 15 minutes).' },
        { by: 'Hugo', afterMinutes: 420, body: 'Version 7.2.8 installée, règles vérifiées.', internal: true },
      ],
      time: [{ by: 'Hugo', minutes: 60, kind: 'included', status: 'approved', afterMinutes: 480, description: 'Sauvegarde de la configuration, mise à jour, contrôle' }],
    },
    {
      account: GARAGE, title: T.printer, description: 'L’imprimante de l’atelier n’imprime plus les ordres de réparation depuis ce matin.',
      status: 'closed', priority: 'normal', source: 'portal', opened: { daysAgo: 20, time: '09:10' }, contact: 'Patricia Moreau', assignee: 'Hugo', team: 'Support N1',
      queue: 'Postes et logiciels', contract: GARAGE_BANK, machine: 'GRP-ATELIER-02', firstResponseAfterMinutes: 20, resolvedAfterMinutes: 180,
      comments: [
        { by: 'client', afterMinutes: 0, body: 'L’imprimante de l’atelier affiche « hors ligne » sur tous les postes.' },
        { by: 'Hugo', afterMinutes: 20, body: 'Je prends la main à distance sur le poste de l’atelier.' },
        { by: 'Hugo', afterMinutes: 170, body: 'L’imprimante avait changé d’adresse IP : réservation DHCP ajoutée, tout imprime de nouveau.' },
      ],
      time: [{ by: 'Hugo', minutes: 45, kind: 'included', status: 'approved', afterMinutes: 60, description: 'Diagnostic à distance et réservation DHCP' }],
    },
    {
      account: GARAGE, title: T.backup, description: 'Le rapport de sauvegarde de cette nuit indique un échec sur le serveur de l’atelier.',
      status: 'resolved', priority: 'high', source: 'email', opened: { daysAgo: 3, time: '08:45' }, contact: 'Damien Briand', requesterEmail: 'atelier@garage-cotedejade.fr',
      assignee: 'Yann', team: 'Terrain', queue: 'Serveurs et réseau', contract: GARAGE_BANK, machine: 'GRP-SRV01', firstResponseAfterMinutes: 25, resolvedAfterMinutes: 300,
      comments: [
        { by: 'client', afterMinutes: 0, body: 'Bonjour, nous avons reçu un mail « Sauvegarde en échec » ce matin.' },
        { by: 'Yann', afterMinutes: 25, body: 'Bien reçu, je regarde le journal de la sauvegarde.' },
        { by: 'Yann', afterMinutes: 200, body: 'Le disque USB de rotation était plein ; anciennes versions purgées.', internal: true },
        { by: 'Yann', afterMinutes: 300, body: 'Sauvegarde relancée et réussie. Pouvez-vous confirmer la résolution ?' },
      ],
      time: [
        { by: 'Yann', minutes: 90, kind: 'included', status: 'approved', afterMinutes: 120, description: 'Analyse du journal, purge et relance de la sauvegarde' },
        { by: 'Hugo', minutes: 15, kind: 'non-billable', status: 'approved', afterMinutes: 320, description: 'Point avec Yann sur la rotation des disques' },
      ],
    },
    {
      account: GARAGE, title: T.slowPc, description: 'Le poste de l’accueil met plus de cinq minutes à démarrer.',
      status: 'in-progress', priority: 'low', source: 'portal', opened: { businessMinutesAgo: 300 }, contact: 'Patricia Moreau', assignee: 'Hugo', team: 'Support N1',
      queue: 'Postes et logiciels', contract: GARAGE_BANK, machine: 'GRP-ACCUEIL', firstResponseAfterMinutes: 40,
      comments: [
        { by: 'client', afterMinutes: 0, body: 'Le poste de l’accueil est très lent le matin, les clients attendent.' },
        { by: 'Hugo', afterMinutes: 40, body: 'Je vais analyser les programmes lancés au démarrage, sans vous déranger.' },
      ],
      time: [{ by: 'Hugo', minutes: 30, kind: 'included', status: 'draft', afterMinutes: 60, description: 'Analyse du démarrage (autoruns)' }],
      timerRunningMinutes: 12,
    },
    {
      account: GARAGE, title: T.outlook, description: 'Outlook redemande le mot de passe de la messagerie plusieurs fois par jour.',
      status: 'waiting', priority: 'normal', source: 'email', opened: { daysAgo: 2, time: '14:20' }, contact: 'Patricia Moreau', requesterEmail: 'patricia.moreau@garage-cotedejade.fr',
      assignee: 'Sarah', team: 'Support N1', queue: 'Postes et logiciels', contract: GARAGE_BANK, firstResponseAfterMinutes: 35,
      comments: [
        { by: 'client', afterMinutes: 0, body: 'Outlook me redemande sans cesse mon mot de passe.' },
        { by: 'Sarah', afterMinutes: 35, body: 'Pouvez-vous redémarrer le poste puis nous dire si le message revient ? Nous attendons votre retour.' },
      ],
      time: [{ by: 'Sarah', minutes: 20, kind: 'included', status: 'submitted', afterMinutes: 40, description: 'Vérification du profil Outlook et du compte' }],
    },
    {
      // The SLA breach: critical, in the triage queue, nobody answered within 30 business minutes.
      account: GARAGE, title: T.dms, description: 'Le logiciel du constructeur (diagnostic et commandes de pièces) ne répond plus sur les postes de l’atelier.',
      status: 'open', priority: 'critical', source: 'email', opened: { businessMinutesAgo: 75 }, contact: 'Damien Briand', requesterEmail: 'atelier@garage-cotedejade.fr',
      queue: 'Triage', contract: GARAGE_BANK, machine: 'GRP-ATELIER-02',
      comments: [{ by: 'client', afterMinutes: 0, body: 'Urgent : plus aucun poste de l’atelier n’accède au logiciel constructeur, les voitures attendent.' }],
    },
    // Expert-comptable Durand: its hour bank is close to its 20 % threshold.
    {
      account: DURAND, title: 'Migration de la messagerie de l’antenne', description: 'Passage des trois boîtes de l’antenne de La Baule sur Microsoft 365.',
      status: 'closed', priority: 'normal', source: 'manual', opened: { daysAgo: 70, time: '09:00' }, contact: 'Léa Bouvier', assignee: 'Yann', team: 'Terrain',
      queue: 'Postes et logiciels', contract: DURAND_BANK, firstResponseAfterMinutes: 30, resolvedAfterMinutes: 1_200,
      comments: [{ by: 'Yann', afterMinutes: 1_200, body: 'Boîtes migrées, anciens messages importés.' }],
      time: [{ by: 'Yann', minutes: 120, kind: 'included', status: 'approved', afterMinutes: 1_440, description: 'Migration des boîtes et configuration des postes' }],
    },
    {
      account: DURAND, title: 'Poste de Thomas Rivière : écran bleu au démarrage', description: 'Écran bleu « INACCESSIBLE_BOOT_DEVICE » sur le poste de l’antenne.',
      status: 'closed', priority: 'high', source: 'email', opened: { daysAgo: 50, time: '08:50' }, contact: 'Thomas Rivière', requesterEmail: 't.riviere@durand-expertise.fr',
      assignee: 'Yann', team: 'Terrain', queue: 'Postes et logiciels', contract: DURAND_BANK, machine: 'DLB-PC-ACCUEIL', firstResponseAfterMinutes: 15, resolvedAfterMinutes: 420,
      comments: [
        { by: 'Hugo', afterMinutes: 15, body: 'Le poste ne démarre plus : Yann passe à l’antenne cet après-midi.' },
        { by: 'Yann', afterMinutes: 420, body: 'Disque SSD remplacé et poste réinstallé depuis l’image du cabinet.' },
      ],
      time: [
        { by: 'Hugo', minutes: 60, kind: 'included', status: 'approved', afterMinutes: 30, description: 'Diagnostic à distance et préparation de l’image' },
        { by: 'Yann', minutes: 120, kind: 'included', status: 'approved', afterMinutes: 300, description: 'Remplacement du disque et réinstallation sur site' },
      ],
    },
    {
      account: DURAND, title: 'Compte Microsoft 365 pour une nouvelle collaboratrice', description: 'Création du compte, de la licence et des accès aux dossiers clients.',
      status: 'closed', priority: 'low', source: 'portal', opened: { daysAgo: 25, time: '11:00' }, contact: 'Léa Bouvier', assignee: 'Sarah', team: 'Support N1',
      queue: 'Postes et logiciels', contract: DURAND_BANK, firstResponseAfterMinutes: 60, resolvedAfterMinutes: 300,
      comments: [{ by: 'Sarah', afterMinutes: 300, body: 'Compte créé ; identifiants remis à Léa Bouvier.' }],
      time: [{ by: 'Sarah', minutes: 30, kind: 'included', status: 'approved', afterMinutes: 240, description: 'Création du compte et des droits' }],
    },
    {
      account: DURAND, title: 'Droits du dossier partagé « Clients 2025 »', description: 'Deux collaborateurs n’ont plus accès au dossier des clients de l’année.',
      status: 'closed', priority: 'normal', source: 'email', opened: { daysAgo: 15, time: '15:30' }, contact: 'François Durand', requesterEmail: 'f.durand@durand-expertise.fr',
      assignee: 'Hugo', team: 'Support N1', queue: 'Serveurs et réseau', contract: DURAND_BANK, machine: 'DUR-SRV-FICHIERS', firstResponseAfterMinutes: 45, resolvedAfterMinutes: 240,
      comments: [{ by: 'Hugo', afterMinutes: 240, body: 'Groupe de sécurité corrigé sur le serveur de fichiers.' }],
      time: [{ by: 'Hugo', minutes: 45, kind: 'included', status: 'approved', afterMinutes: 200, description: 'Correction des droits NTFS' }],
    },
    {
      account: DURAND, title: T.scanner, description: 'Le copieur n’envoie plus les numérisations dans le dossier « Scans ».',
      status: 'resolved', priority: 'normal', source: 'portal', opened: { daysAgo: 4, time: '10:30' }, contact: 'Léa Bouvier', assignee: 'Hugo', team: 'Support N1',
      queue: 'Postes et logiciels', contract: DURAND_BANK, machine: 'DUR-SRV-FICHIERS', firstResponseAfterMinutes: 50, resolvedAfterMinutes: 600,
      comments: [
        { by: 'Hugo', afterMinutes: 50, body: 'Le mot de passe du compte de numérisation a expiré, je le renouvelle.' },
        { by: 'Hugo', afterMinutes: 600, body: 'Numérisation rétablie. Merci de confirmer de votre côté.' },
      ],
      time: [
        { by: 'Hugo', minutes: 75, kind: 'included', status: 'approved', afterMinutes: 120, description: 'Compte de service et carnet d’adresses du copieur' },
        { by: 'Hugo', minutes: 30, kind: 'included', status: 'submitted', afterMinutes: 620, description: 'Test avec chaque collaborateur' },
      ],
    },
    {
      // At risk: high priority, 92 % of its resolution time gone.
      account: DURAND, title: T.vpn, description: 'L’antenne de La Baule n’accède plus au serveur de fichiers du bureau principal.',
      status: 'in-progress', priority: 'high', source: 'email', opened: { businessMinutesAgo: 442 }, contact: 'Thomas Rivière', requesterEmail: 't.riviere@durand-expertise.fr',
      assignee: 'Hugo', team: 'Terrain', queue: 'Serveurs et réseau', contract: DURAND_BANK, machine: 'DLB-PC-ACCUEIL', firstResponseAfterMinutes: 20,
      comments: [
        { by: 'client', afterMinutes: 0, body: 'Plus d’accès aux dossiers depuis l’antenne ce matin.' },
        { by: 'Hugo', afterMinutes: 20, body: 'Le tunnel VPN est tombé ; je contacte l’opérateur de la box de l’antenne.' },
        { by: 'Hugo', afterMinutes: 90, body: 'L’opérateur a changé l’adresse IP publique de l’antenne sans prévenir.', internal: true },
      ],
      time: [
        { by: 'Hugo', minutes: 60, kind: 'included', status: 'submitted', afterMinutes: 30, description: 'Diagnostic du tunnel et appel à l’opérateur' },
        { by: 'Sarah', minutes: 45, kind: 'billable', status: 'changes-requested', afterMinutes: 60, description: 'Appel à l’opérateur', reviewComment: 'Déjà compté dans le temps de Hugo : à corriger ou supprimer.' },
      ],
    },
    {
      account: DURAND, title: T.accounting, description: 'Installer la version annuelle du logiciel de production sur le serveur et les postes.',
      status: 'open', priority: 'normal', source: 'manual', opened: { businessMinutesAgo: 120 }, contact: 'François Durand', team: 'Terrain',
      queue: 'Postes et logiciels', contract: DURAND_BANK, machine: 'DUR-SRV-FICHIERS',
      comments: [{ by: 'manager', afterMinutes: 5, body: 'Intervention planifiée sur site cette semaine, hors des heures de rendez-vous clients.', internal: true }],
    },
    // Cabinet dentaire Lemaître: its hour bank is exhausted; work goes on, billed outside the contract.
    {
      account: DENTAL, title: 'Serveur d’imagerie : disque presque plein', description: 'Alerte : 3 % d’espace libre sur le volume des radiographies.',
      status: 'closed', priority: 'critical', source: 'email', opened: { daysAgo: 35, time: '08:40' }, contact: 'Claire Lemaître', requesterEmail: 'c.lemaitre@dentaire-lemaitre.fr',
      assignee: 'Yann', team: 'Terrain', queue: 'Serveurs et réseau', contract: DENTAL_BANK, machine: 'CDL-IMAGERIE', firstResponseAfterMinutes: 10, resolvedAfterMinutes: 360,
      comments: [
        { by: 'Yann', afterMinutes: 10, body: 'J’arrive au cabinet dans l’heure avec un disque de remplacement.' },
        { by: 'Yann', afterMinutes: 360, body: 'Volume étendu à 4 To ; archives de plus de dix ans déplacées sur le NAS.' },
      ],
      time: [
        { by: 'Yann', minutes: 240, kind: 'included', status: 'approved', afterMinutes: 60, description: 'Ajout du disque et extension du volume sur site' },
        { by: 'Hugo', minutes: 120, kind: 'included', status: 'approved', afterMinutes: 300, description: 'Archivage et contrôle des sauvegardes' },
      ],
    },
    {
      account: DENTAL, title: 'Installation d’un poste au fauteuil n° 3', description: 'Nouveau poste avec le logiciel de radiographie et le capteur.',
      status: 'closed', priority: 'normal', source: 'manual', opened: { daysAgo: 10, time: '09:30' }, contact: 'Claire Lemaître', assignee: 'Yann', team: 'Terrain',
      queue: 'Postes et logiciels', contract: DENTAL_BANK, machine: 'CDL-FAUTEUIL3', firstResponseAfterMinutes: 30, resolvedAfterMinutes: 900,
      comments: [{ by: 'Yann', afterMinutes: 900, body: 'Poste installé et capteur étalonné avec l’assistante.' }],
      time: [
        { by: 'Yann', minutes: 180, kind: 'included', status: 'approved', afterMinutes: 600, description: 'Installation et étalonnage sur site' },
        { by: 'Hugo', minutes: 90, kind: 'included', status: 'approved', afterMinutes: 120, description: 'Préparation du poste et des licences' },
      ],
    },
    {
      account: DENTAL, title: T.restore, description: 'Un dossier patient a été supprimé par erreur hier soir.',
      status: 'resolved', priority: 'high', source: 'email', opened: { daysAgo: 2, time: '09:05' }, contact: 'Claire Lemaître', requesterEmail: 'c.lemaitre@dentaire-lemaitre.fr',
      assignee: 'Hugo', team: 'Support N1', queue: 'Serveurs et réseau', contract: DENTAL_BANK, machine: 'CDL-IMAGERIE', firstResponseAfterMinutes: 15, resolvedAfterMinutes: 120,
      comments: [{ by: 'Hugo', afterMinutes: 120, body: 'Dossier restauré depuis la sauvegarde de la nuit précédente.' }],
      time: [{ by: 'Hugo', minutes: 60, kind: 'outside', status: 'approved', afterMinutes: 60, description: 'Restauration depuis la sauvegarde' }],
    },
    {
      account: DENTAL, title: T.wifi, description: 'Les patients perdent le Wi-Fi invité toutes les dix minutes.',
      status: 'waiting', priority: 'low', source: 'email', opened: { daysAgo: 1, time: '16:10' }, contact: 'Claire Lemaître', requesterEmail: 'c.lemaitre@dentaire-lemaitre.fr',
      assignee: 'Sarah', team: 'Support N1', queue: 'Serveurs et réseau', contract: DENTAL_BANK, firstResponseAfterMinutes: 60,
      comments: [{ by: 'Sarah', afterMinutes: 60, body: 'Pouvez-vous nous envoyer une photo de l’étiquette de la borne Wi-Fi ? Nous attendons votre retour.' }],
      time: [{ by: 'Sarah', minutes: 15, kind: 'outside', status: 'draft', afterMinutes: 60, description: 'Première analyse à distance' }],
    },
    // Agence immobilière Océane: time and material, won from the pipeline.
    {
      account: OCEANE, title: T.nas, description: 'Un dossier de mandats a été supprimé du NAS de l’agence.',
      status: 'closed', priority: 'high', source: 'manual', opened: { daysAgo: 6, time: '11:20' }, contact: 'Julie Bernier', assignee: 'Hugo', team: 'Support N1',
      queue: 'Serveurs et réseau', contract: OCEANE_TM, machine: 'OCE-NAS01', firstResponseAfterMinutes: 10, resolvedAfterMinutes: 240,
      comments: [
        { by: 'Hugo', afterMinutes: 10, body: 'Je me connecte au NAS pour vérifier les instantanés.' },
        { by: 'Hugo', afterMinutes: 240, body: 'Dossier restauré depuis l’instantané de la veille ; corbeille réseau activée.' },
      ],
      time: [{ by: 'Hugo', minutes: 105, kind: 'billable', status: 'approved', afterMinutes: 30, description: 'Restauration et activation de la corbeille réseau' }],
    },
    {
      account: OCEANE, title: 'Imprimante multifonction : numérisation vers la messagerie', description: 'La numérisation vers mail échoue depuis le changement de mot de passe.',
      status: 'in-progress', priority: 'normal', source: 'manual', opened: { daysAgo: 2, time: '10:00' }, contact: 'Julie Bernier', assignee: 'Sarah', team: 'Support N1',
      queue: 'Postes et logiciels', contract: OCEANE_TM, firstResponseAfterMinutes: 30,
      comments: [{ by: 'Sarah', afterMinutes: 30, body: 'Je reconfigure le compte d’envoi du copieur.' }],
      time: [
        { by: 'Sarah', minutes: 40, kind: 'billable', status: 'submitted', afterMinutes: 45, description: 'Configuration SMTP du copieur' },
        { by: 'Sarah', minutes: 25, kind: 'billable', status: 'draft', afterMinutes: 1_500, description: 'Essais avec l’agence' },
      ],
    },
    {
      account: OCEANE, title: 'Signatures de mail à harmoniser', description: 'Mettre la même signature, avec le logo, sur les neuf postes.',
      status: 'open', priority: 'low', source: 'manual', opened: { daysAgo: 1, time: '16:00' }, contact: 'Julie Bernier', queue: 'Postes et logiciels', contract: OCEANE_TM,
      comments: [{ by: 'Sarah', afterMinutes: 10, body: 'Logo reçu par mail, à traiter avec la migration Microsoft 365 si elle est signée.', internal: true }],
    },
    // Boulangerie Guérin: no contract yet (a lead); its intervention is billed from the pre-billing queue.
    {
      account: BAKERY, title: 'Caisse enregistreuse : les tickets ne s’impriment plus', description: 'L’imprimante de caisse ne sort plus de ticket depuis l’ouverture.',
      status: 'closed', priority: 'high', source: 'manual', opened: { daysAgo: 8, time: '07:45' }, contact: 'Sébastien Guérin', assignee: 'Yann', team: 'Terrain',
      queue: 'Triage', firstResponseAfterMinutes: 15, resolvedAfterMinutes: 150,
      comments: [{ by: 'Yann', afterMinutes: 150, body: 'Pilote de l’imprimante de caisse réinstallé, rouleau thermique changé.' }],
      time: [{ by: 'Yann', minutes: 75, kind: 'billable', status: 'approved', afterMinutes: 60, description: 'Intervention sur site à la boulangerie' }],
    },
  ] as DemoTicket[],
  /** The technicians' current week. */
  planning: [
    { who: 'Hugo', weekday: 1, from: '09:00', to: '10:30', kind: 'intervention', mode: 'remote', title: 'Télémaintenance — poste de l’accueil du garage', ticket: T.slowPc },
    { who: 'Hugo', weekday: 2, from: '14:00', to: '17:00', kind: 'intervention', mode: 'on-site', title: 'Cabinet Durand — mise à jour du logiciel comptable', ticket: T.accounting, site: 'Bureau principal' },
    { who: 'Hugo', weekday: 3, from: '09:00', to: '12:00', kind: 'intervention', mode: 'on-site', title: 'Antenne de La Baule — remise en service du VPN', ticket: T.vpn, site: 'Antenne La Baule' },
    { who: 'Hugo', weekday: 4, from: '08:30', to: '17:30', kind: 'absence', reason: 'training', title: 'Formation Microsoft 365 administrateur' },
    { who: 'Hugo', weekday: 5, from: '10:00', to: '11:00', kind: 'appointment', title: 'Point hebdomadaire de l’équipe support' },
    { who: 'Yann', weekday: 2, from: '09:00', to: '12:00', kind: 'intervention', mode: 'on-site', title: 'Garage — contrôle des sauvegardes du serveur', ticket: T.backup, site: 'Atelier' },
    { who: 'Yann', weekday: 4, from: '14:00', to: '16:00', kind: 'intervention', mode: 'on-site', title: 'Cabinet dentaire — contrôle du serveur d’imagerie', ticket: T.restore, site: 'Cabinet' },
    { who: 'Sarah', weekday: 1, from: '14:00', to: '15:00', kind: 'intervention', mode: 'remote', title: 'Garage — profil Outlook de la gérante', ticket: T.outlook },
    { who: 'Sarah', weekday: 3, from: '08:30', to: '18:00', kind: 'absence', reason: 'holiday', title: 'Congés' },
  ] as DemoPlanningEntry[],
};
