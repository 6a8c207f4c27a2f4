/** Texts of the telecom bulk screens (French, the reference). */
export default {
  nav: { lines: 'Lignes' },
  lines: {
    title: 'Lignes',
    search: 'Rechercher un numéro, un utilisateur',
    create: 'Nouvelle ligne',
    count: 'Aucune ligne affichée | {n} ligne affichée | {n} lignes affichées',
    none: 'Aucune ligne ne correspond',
    columns: { number: 'Numéro', userName: 'Utilisateur', accountName: 'Client', fleetName: 'Parc', planName: 'Forfait', status: 'Statut', salePriceCents: 'Vente / mois' },
    scope: { accountId: 'Ce client', fleetId: 'Ce parc', planId: 'Ce forfait' },
    status: { active: 'Active', suspended: 'Suspendue', pending: 'En attente', terminated: 'Résiliée' },
    /** An order placed at the operator and not confirmed yet, shown under the line's status. */
    pendingOrder: {
      'create-line': 'Création demandée à l\'opérateur', 'modify-line': 'Changement de forfait demandé à l\'opérateur', 'change-options': 'Options demandées à l\'opérateur',
      'terminate-line': 'Résiliation demandée à l\'opérateur', 'suspend-line': 'Suspension demandée à l\'opérateur', 'resume-line': 'Réactivation demandée à l\'opérateur',
      'order-sim': 'SIM commandée à l\'opérateur', other: 'Ordre en attente de l\'opérateur',
    },
  },
  actions: { changePlan: 'Changer de forfait', addOption: 'Ajouter une option', suspend: 'Suspendre chez l\'opérateur', resume: 'Réactiver chez l\'opérateur', terminate: 'Résilier chez l\'opérateur', createDeployment: 'Créer un déploiement', orderSim: 'Commander une SIM' },
  confirm: {
    changePlan: 'Passer {n} ligne au forfait « {choice} » ? | Passer {n} lignes au forfait « {choice} » ?',
    addOption: 'Ajouter l\'option « {choice} » à {n} ligne ? | Ajouter l\'option « {choice} » à {n} lignes ?',
    suspend: 'Demander à l\'opérateur de suspendre {n} ligne ? Elle sera suspendue à sa confirmation. | Demander à l\'opérateur de suspendre {n} lignes ? Chacune sera suspendue à sa confirmation.',
    resume: 'Demander à l\'opérateur de réactiver {n} ligne ? Elle sera active à sa confirmation. | Demander à l\'opérateur de réactiver {n} lignes ? Chacune sera active à sa confirmation.',
    terminate: 'Résilier {n} ligne chez l\'opérateur ? C\'est définitif. | Résilier {n} lignes chez l\'opérateur ? C\'est définitif.',
    createDeployment: 'Créer un déploiement (à l\'étude) pour {n} ligne ? | Créer un déploiement par client (à l\'étude) pour {n} lignes ?',
    orderSim: 'Commander une SIM pour {n} ligne (un déploiement à l\'étude) ? | Commander une SIM pour chacune des {n} lignes (un déploiement par client, à l\'étude) ?',
  },
};
