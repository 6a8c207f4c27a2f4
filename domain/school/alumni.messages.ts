import { defineMessages, entry, messagesOf } from '../i18n/messages';

/** The alumni and their Alumnet sync (spec 004 constraint 9, issue 18, ADR 0051), French first (ADR 0010). */
export const alumniMessages = defineMessages({
  'school.alumni.forbidden-read': { fr: 'La recherche des alumni est réservée au pôle scolarité et à la direction', en: 'Searching alumni is for the student office and the direction' },
  'school.alumni.forbidden-update': { fr: 'Vous ne pouvez pas modifier le parcours des alumni', en: 'You may not change alumni careers' },
  'school.alumni.not-alumnus': { fr: 'Seul un alumni a un parcours professionnel : passez d’abord l’étudiant au statut « Alumni »', en: 'Only an alumnus has a career: set the student\'s status to « Alumni » first' },
  'school.alumni.unknown-account': { fr: 'Cette entreprise n’existe pas dans votre organisation', en: 'This company does not exist in your organisation' },
  'school.alumni.forbidden-connection': { fr: 'La connexion Alumnet est réservée au pôle informatique et au responsable de la scolarité', en: 'The Alumnet connection is for the IT office and the head of the student office' },
  'school.alumni.forbidden-sync': { fr: 'Vous ne pouvez pas lancer la synchronisation Alumnet', en: 'You may not start the Alumnet sync' },
  'school.alumni.bad-cursor': { fr: 'Le curseur de page n’est pas valide : repartez de la première page', en: 'The page cursor is not valid: start again from the first page' },
  'school.alumni.alumnet-needs-url': { fr: 'Pour Alumnet, indiquez l’adresse de l’API (https://…)', en: 'For Alumnet, give the API address (https://…)' },
  'school.alumni.base-url-https': { fr: 'doit être une adresse https (http n’est admis que vers cette machine)', en: 'must be an https address (http only towards this machine)' },
  'school.alumni.alumnet-needs-key': { fr: 'Pour Alumnet, indiquez la clé d’API fournie par Alumnet', en: 'For Alumnet, give the API key Alumnet provided' },
  'school.alumni.not-configured': { fr: 'Aucune connexion Alumnet n’est configurée : renseignez-la d’abord', en: 'No Alumnet connection is set up: configure it first' },
  'school.alumni.disabled': { fr: 'La connexion Alumnet est désactivée : activez-la pour synchroniser', en: 'The Alumnet connection is disabled: enable it to sync' },
  'school.alumni.sync-running': { fr: 'Une synchronisation Alumnet est déjà en cours', en: 'An Alumnet sync is already running' },
  'school.alumni.version-conflict': { fr: 'La connexion a été modifiée entre-temps : rechargez la page', en: 'The connection was changed meanwhile: reload the page' },
  'school.alumni.error.unavailable': { fr: 'Alumnet est indisponible (panne, délai dépassé ou erreur serveur après plusieurs essais)', en: 'Alumnet is unavailable (outage, timeout or server error after several attempts)' },
  'school.alumni.error.unexpected-response': { fr: 'Alumnet a répondu dans un format inattendu : son API a peut-être changé', en: 'Alumnet answered in an unexpected format: its API may have changed' },
  'school.alumni.error.misconfigured': { fr: 'Alumnet refuse notre clé d’API ou l’adresse est fausse : vérifiez la connexion', en: 'Alumnet refuses our API key or the address is wrong: check the connection' },
  'school.alumni.error.refused': { fr: 'Alumnet a refusé une demande', en: 'Alumnet refused a request' },
  'school.alumni.error.internal': { fr: 'Erreur interne pendant la synchronisation', en: 'Internal error during the sync' },
  'school.alumni.failure-subject': entry({
    example: { code: 'unavailable' },
    fr: (p) => `[Relais] Échec de la synchronisation Alumnet (${String(p.code)})`,
    en: (p) => `[Relais] Alumnet sync failed (${String(p.code)})`,
  }),
  'school.alumni.failure-body': entry({
    example: { reason: 'Alumnet est indisponible', startedAt: '05/12/2026 02:45', url: 'https://acme.relais.fr/school/alumnet' },
    fr: (p) => [
      'Bonjour,',
      '',
      `La synchronisation avec Alumnet lancée le ${String(p.startedAt)} a échoué : ${String(p.reason)}.`,
      'Aucune donnée locale n’a été modifiée par cette synchronisation ; la prochaine reprendra là où la dernière réussie s’était arrêtée.',
      '',
      `Vérifiez la connexion et l’historique des synchronisations : ${String(p.url)}`,
      'Si Alumnet est en panne, contactez le fournisseur pour connaître le délai de rétablissement.',
      '',
      'Relais',
    ].join('\n'),
    en: (p) => [
      'Hello,',
      '',
      `The Alumnet sync started on ${String(p.startedAt)} failed: ${String(p.reason)}.`,
      'No local data was changed by this sync; the next one starts again where the last successful one stopped.',
      '',
      `Check the connection and the sync history: ${String(p.url)}`,
      'If Alumnet is down, contact the vendor to learn when it will be back.',
      '',
      'Relais',
    ].join('\n'),
  }),
});

export type AlumniMessageCode = keyof typeof alumniMessages;
export const alumniMessage = messagesOf(alumniMessages);
