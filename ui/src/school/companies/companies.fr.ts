/** Texts of the companies screens (French, the reference), under `school.companies.…`. */
export default {
  nav: { companies: 'Entreprises', sms: 'SMS aux étudiants' },
  title: 'Entreprises',
  intro: 'Prospectez des entreprises pour les stages, alternances et formations, enregistrez-les, puis mettez-les en relation avec vos étudiants.',
  tabs: { search: 'Rechercher', listed: 'Nos entreprises', import: 'Reprise GetEnt' },
  search: {
    q: 'Nom, SIREN ou SIRET', naf: 'Code NAF (ex. 70.22Z)', postalCode: 'Code postal ou département', workforce: 'Effectif',
    submit: 'Rechercher', none: 'Aucune entreprise ne correspond à cette recherche.', ceased: 'Cessée', headOffice: 'Siège',
    save: 'Enregistrer', saved: 'Déjà enregistrée', giveOne: 'Saisissez un nom, un SIREN ou au moins un filtre.',
  },
  save: {
    title: 'Enregistrer {name}', email: 'Adresse mail', phone: 'Numéro de téléphone', confirm: 'Enregistrer l’entreprise', cancel: 'Annuler',
    done: '{name} est enregistrée dans vos entreprises.', already: '{name} était déjà enregistrée.',
  },
  listed: {
    filter: 'Filtrer par nom', none: 'Aucune entreprise enregistrée pour l’instant.', contacts: 'Contacts', students: 'Étudiants et alumni',
    noContact: 'Aucun contact', noStudent: 'Aucun étudiant', open: '{n} mise(s) en relation en cours', introduce: 'Mettre en relation',
    introductions: 'Mises en relation', legacyRef: 'Réf. GetEnt {ref}',
  },
  introduce: {
    company: 'Entreprise', title: 'Mettre en relation avec {name}', student: 'Étudiant', studentHint: 'Tapez un nom', contact: 'Contact dans l’entreprise', noContact: 'Le service RH',
    purpose: 'Objet', channel: 'Prévenir l’étudiant par', note: 'Note (facultative)', submit: 'Mettre en relation', cancel: 'Annuler',
    done: 'Mise en relation enregistrée : {student} est prévenu(e).', doneSilent: 'Mise en relation enregistrée.',
  },
  purposes: { internship: 'Stage', apprenticeship: 'Alternance', job: 'Emploi', training: 'Formation' },
  channels: { sms: 'SMS', mail: 'Mail', none: 'Ne pas prévenir' },
  statuses: { proposed: 'Proposée', sent: 'Envoyée', accepted: 'Acceptée', declined: 'Refusée', closed: 'Clôturée' },
  moves: { accepted: 'Acceptée', declined: 'Refusée', closed: 'Clôturer' },
  message: 'Message : {status}',
  import: {
    intro: 'Importez la table « Gestion des entreprises » de GetEnt (CSV ou Excel : id_entreprise, Nom de l’entreprise, Adresse postale, Adresse mail, Numéro de téléphone). L’adresse est séparée en adresse, code postal et ville ; une entreprise déjà importée est mise à jour.',
    file: 'Fichier', dryRun: 'Vérifier (sans rien enregistrer)', run: 'Importer', counts: '{create} à créer · {update} à modifier · {unchanged} inchangée(s) · {rejected} rejetée(s)',
    written: 'Import terminé.', outcomes: { create: 'Création', update: 'Mise à jour', unchanged: 'Inchangée', rejected: 'Rejetée' },
    columns: { row: 'Ligne', outcome: 'Résultat', ref: 'id_entreprise', name: 'Entreprise', city: 'Ville', reason: 'Motif' },
  },
  sms: {
    title: 'Envoyer un SMS aux étudiants',
    action: 'Envoyer un SMS',
    intro: 'Un SMS à un étudiant, à une sélection ou à une promotion. Les modèles transactionnels (changement de salle, relance de dossier) partent à tous ; les offres ne partent qu’aux étudiants qui y ont consenti. Un étudiant ayant répondu STOP ne reçoit plus rien.',
    target: 'Destinataires', promotion: 'Une promotion', selection: 'Des étudiants choisis', promotionYear: 'Promotion', students: 'Étudiants', studentsHint: 'Tapez un nom',
    template: 'Modèle', marketing: 'Offre : consentement requis', send: 'Envoyer', cancel: 'Annuler',
    started: 'Envoi lancé à {total} étudiant(s) sur {selected} ({withoutPhone} sans téléphone portable).', report: 'Voir le rapport d’envoi',
    templates: { 'exam-room-change': 'Changement de salle', 'enrolment-reminder': 'Relance dossier d’inscription', 'internship-offer': 'Offre de stage' },
    variables: {
      exam: { name: 'Examen', date: 'Date et heure', room: 'Nouvelle salle' },
      enrolment: { deadline: 'Date limite' },
      offer: { title: 'Intitulé de l’offre', company: 'Entreprise' },
    },
  },
};
