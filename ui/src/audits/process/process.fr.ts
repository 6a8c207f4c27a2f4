/** The mission's process and the anonymised history (French, the reference). */
const processFr = {
  nav: { statistics: 'Historique anonymisé' },
  block: {
    title: 'Processus et anonymisation',
    noProcess: 'Le processus « De l’audit à l’anonymisation » n’est pas lancé pour cette mission.',
    start: 'Lancer le processus',
    started: 'Processus lancé.',
    processStatus: 'Processus : {status}',
    statuses: { running: 'en cours', incident: 'en incident', completed: 'terminé', cancelled: 'annulé', failed: 'en échec' },
    openTasks: 'Tâches ouvertes : {tasks}',
    openInMonitor: 'Suivre le processus',
    delivered: 'Livrée le {date}',
    anonymiseOn: 'Anonymisation prévue le {date}',
    anonymisedAt: 'Anonymisée le {date}',
    postponed: 'Reportée au {date} par {who} : « {reason} »',
    postpone: 'Reporter l’anonymisation',
  },
  postpone: {
    title: 'Reporter l’anonymisation',
    subtitle: 'Une seule fois, avec un motif : le report est tracé dans le journal d’audit.',
    until: 'Nouvelle date',
    reason: 'Motif du report',
    submit: 'Reporter',
    done: 'Anonymisation reportée au {date}.',
  },
  statistics: {
    title: 'Historique anonymisé des missions',
    intro: 'Ce qui reste des missions anonymisées : périmètre, secteur, ville, mois et décomptes — aucune identité, aucun client.',
    empty: 'Aucune mission anonymisée pour l’instant.',
    columns: { month: 'Mois', scopes: 'Périmètre', sector: 'Secteur (NAF)', town: 'Ville', sites: 'Sites', daysOnSite: 'Jours sur site', findings: 'Constats', checks: 'Contrôles', inventory: 'Matériels' },
    severities: { critical: 'critiques', high: 'élevés', medium: 'moyens', low: 'faibles', info: 'info' },
    answers: { compliant: 'conformes', non_compliant: 'non conformes', not_applicable: 'non applicables', not_checked: 'non vérifiés' },
  },
};

export default processFr;
