/** Texts of the telecom deployments screens (French, the reference). */
export default {
  nav: { deployments: 'Déploiements' },
  title: 'Déploiements',
  search: 'Rechercher un déploiement, un client',
  create: 'Nouveau déploiement',
  count: 'Aucun déploiement affiché | {n} déploiement affiché | {n} déploiements affichés',
  none: 'Aucun déploiement ne correspond',
  number: 'Déploiement n° {number}',
  open: 'Ouvrir le déploiement (devis, étude, actions)',
  columns: { number: 'N°', title: 'Intitulé', accountName: 'Client', status: 'Étape' },
  statuses: { study: 'Étude', supplier: 'Fournisseur', billing: 'Facturation', check: 'Contrôle', fix: 'Correction', done: 'Terminé', abandoned: 'Abandonné' },
  actionStatuses: { pending: 'À faire', sent: 'Envoyée', waiting: 'En attente opérateur', done: 'Faite', failed: 'En échec', compensated: 'Défaite' },
  sides: { supplier: 'Fournisseur', billing: 'Facturation' },
  kinds: {
    'create-line': 'Créer la ligne', 'modify-line': 'Modifier la ligne', 'terminate-line': 'Résilier la ligne', 'order-sim': 'Commander des SIM', 'change-options': 'Modifier les options',
    'create-service': 'Créer le service', 'change-subscription': 'Modifier l’abonnement', 'add-option': 'Ajouter une option', 'add-hardware': 'Ajouter du matériel', 'add-fee': 'Ajouter des frais ponctuels',
  },
  account: { title: 'Déploiements', none: 'Aucun déploiement', titleField: 'Intitulé', lines: 'Lignes concernées', kinds: 'À faire sur chaque ligne', confirm: 'Créer et lancer l’étude' },
  lineStatuses: { pending: 'en attente', active: 'active', suspended: 'suspendue', terminated: 'résiliée' },
  panel: {
    quote: 'Devis', step: 'Où en est-il', actions: 'Actions', noActions: 'Aucune action', noProcess: 'Processus non lancé',
    incident: 'Incident à l’étape {element}', task: 'Tâche en cours : {name}',
    start: 'Lancer le processus', started: 'Processus lancé.',
    abandon: 'Abandonner', abandonHelp: 'Ce qui a été fait sera défait à rebours : ce qui a été facturé est annulé, puis les lignes créées sont résiliées.',
    reason: 'Motif de l’abandon', cancel: 'Annuler', abandoned: 'Abandon demandé : les compensations sont en cours.',
  },
};
