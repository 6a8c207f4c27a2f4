/** Texts of the missions' screens (French, the reference). */
export default {
  nav: { missions: 'Missions', myMissions: 'Mes missions', dashboard: 'Tableau de bord' },
  title: 'Missions d’audit',
  search: 'Rechercher une mission (titre, client)',
  create: 'Nouvelle mission',
  count: 'Aucune mission | 1 mission | {n} missions',
  none: 'Aucune mission ne correspond.',
  number: 'Mission n° {number}',
  columns: { number: 'N°', title: 'Mission', accountName: 'Client', status: 'Statut', dates: 'Dates' },
  created: 'Mission n° {number} créée.',
  fields: { title: 'Titre', scope: 'Périmètre principal', startsOn: 'Début', endsOn: 'Fin', dayHint: 'AAAA-MM-JJ' },
  filters: { mine: 'Mes missions' },
  statuses: { new: 'Nouvelle', planned: 'Planifiée', on_site: 'Sur site', drafting: 'Rédaction', review: 'Relecture', delivered: 'Livrée', anonymised: 'Anonymisée' },
  scopes: {
    network: 'Réseau interne', servers: 'Serveurs', applications: 'Applications métier', workstations: 'Postes de travail', physical_access: 'Contrôle d’accès physique',
    awareness: 'Sensibilisation du personnel', documentation: 'Conformité documentaire', access_rights: 'Gestion des droits et des accès',
  },
  panel: {
    plan: 'Planifier dans les agendas des auditeurs', planned: 'Aucun nouveau jour à planifier | 1 jour sur site planifié | {n} jours sur site planifiés', conflicts: 'Auditeurs déjà occupés ces jours-là :',
    dates: 'Dates', lead: 'Responsable de mission', auditors: 'Auditeurs', scopes: 'Périmètre', sites: 'Sites audités', noSites: 'Aucun site pour l’instant',
    noDays: 'jours à fixer', billing: 'Devis et factures', quote: 'Devis {number}', noQuote: 'Aucun devis lié', invoice: 'Facture {number} — reste dû {due}',
    capture: 'Relevés sur site', checklist: 'Points de contrôle', report: 'Rapport', assistant: 'Assistant', moveTo: 'Passer à « {status} »',
  },
  edit: {
    open: 'Modifier', title: 'Modifier la mission', save: 'Enregistrer', cancel: 'Annuler', saved: 'Mission enregistrée.',
    onSiteFrom: 'Sur site du', onSiteTo: 'au', noClientSites: 'Ce client n’a aucun site : ajoutez-en un depuis sa fiche.',
  },
  dashboard: {
    upcomingList: 'Prochains jours sur site', reviewList: 'Rapports à relire', unpaidList: 'Factures impayées', anonymisationList: 'Missions à anonymiser',
    title: 'Tableau de bord des audits', byStatus: 'Missions par statut', upcoming: 'Prochains jours sur site', noUpcoming: 'Aucun jour sur site dans les 30 prochains jours',
    awaitingReview: 'Rapports à relire', noReview: 'Aucun rapport en attente de relecture', unpaid: 'Factures impayées : {n} ({amount})', noUnpaid: 'Aucune facture impayée',
    due: 'échéance le {day}', overdue: 'en retard', anonymisation: 'Missions à anonymiser', noAnonymisation: 'Aucune mission livrée en attente d’anonymisation',
    anonymiseOn: 'anonymisation le {day}', anonymiseOverdue: 'anonymisation due depuis le {day}',
  },
};
