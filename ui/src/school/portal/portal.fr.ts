/** The student portal and the office's correction requests (issue 18), French (the reference). */
export default {
  nav: {
    profile: 'Mon profil', grades: 'Mes notes', alumni: 'Réseau alumni', companies: 'Entreprises', consents: 'Mes consentements',
    myData: 'Mes données', requests: 'Demandes de correction', gradesImport: 'Import des notes',
  },
  banner: { student: 'Espace étudiant', alumnus: 'Espace alumni', number: 'N° étudiant {number}' },
  fields: {
    lastName: 'Nom', firstName: 'Prénom', nir: 'N° de sécurité sociale', status: 'Statut', promotion: 'Promotion', cursus: 'Cursus',
    address: 'Adresse', postalCode: 'Code postal', city: 'Ville', personalPhone: 'Téléphone personnel', professionalPhone: 'Téléphone professionnel',
    email: 'E-mail', employer: 'Employeur',
  },
  statuses: { prospect: 'Prospect', enrolled: 'En fonction', alumni: 'Alumni' },
  profile: {
    title: 'Mon profil',
    intro: 'Les données que l’école tient sur vous. Une erreur ? Demandez une correction : le pôle scolarité la vérifie et vous répond ici.',
    schoolOwned: 'Identité et scolarité', contact: 'Coordonnées', nirHint: 'Masqué, même pour vous : seuls les quatre derniers caractères sont affichés.',
    none: 'Non renseigné', ask: 'Demander une correction', requests: 'Mes demandes de correction', noRequests: 'Aucune demande pour le moment.',
  },
  request: {
    title: 'Demander une correction', field: 'Champ à corriger', value: 'Valeur correcte', reason: 'Motif', submit: 'Envoyer la demande', cancel: 'Annuler',
    sent: 'Demande envoyée au pôle scolarité.', nirSealed: 'Le numéro demandé est chiffré dès l’envoi et n’est jamais affiché en clair.',
    status: { pending: 'En attente', accepted: 'Acceptée', refused: 'Refusée' }, answer: 'Réponse du pôle scolarité : {answer}',
    columns: { field: 'Champ', current: 'Valeur actuelle', requested: 'Valeur demandée', status: 'État', date: 'Demandée le' },
  },
  grades: {
    title: 'Mes notes', intro: 'Vos notes publiées par les professeurs (GetEtu), semestre par semestre.', none: 'Aucune note publiée pour le moment.',
    term: 'Semestre {term}', average: 'Moyenne : {average}/20', noAverage: 'Pas encore de moyenne',
    columns: { course: 'Cours', teacher: 'Professeur', grade: 'Note /20', coefficient: 'Coef.', published: 'Publiée le' },
  },
  alumni: {
    title: 'Réseau alumni', intro: 'Les anciens de l’école qui ont accepté de figurer dans l’annuaire.', search: 'Rechercher un nom', promotion: 'Promotion',
    none: 'Aucun alumni ne correspond.', columns: { name: 'Nom', promotion: 'Promotion', cursus: 'Cursus', employer: 'Employeur', job: 'Poste', city: 'Ville de travail' },
  },
  companies: {
    title: 'Entreprises', intro: 'Les entreprises avec lesquelles l’école travaille (stages, alternance, emploi).', search: 'Rechercher une entreprise',
    none: 'Aucune entreprise ne correspond.', columns: { name: 'Entreprise', city: 'Ville', sector: 'Secteur' },
  },
  consents: {
    title: 'Mes consentements', intro: 'Vos accords pour les SMS et les e-mails de l’école, l’annuaire des alumni et le partage avec Alumnet. Vous pouvez les retirer à tout moment.',
    saved: 'Votre choix est enregistré.', myData: 'Télécharger mes données (Mes données)',
  },
  office: {
    title: 'Demandes de correction', intro: 'Les corrections demandées par les étudiants et les alumni depuis leur portail.',
    waiting: '{count} demande de correction attend votre réponse (la plus ancienne : {name}) | {count} demandes de correction attendent votre réponse (la plus ancienne : {name})', open: 'Voir les demandes',
    pending: 'En attente', decided: 'Traitées', none: 'Aucune demande.', accept: 'Accepter', refuse: 'Refuser', answer: 'Réponse à l’étudiant',
    refuseTitle: 'Refuser la demande', accepted: 'Correction appliquée à la fiche.', refused: 'Demande refusée, l’étudiant voit votre réponse.',
    columns: { student: 'Étudiant', field: 'Champ', current: 'Actuel', requested: 'Demandé', reason: 'Motif', date: 'Reçue le', status: 'État', actions: 'Décision' },
  },
  gradesImport: {
    title: 'Import des notes (GetEtu)',
    intro: 'Déposez l’export CSV de GetEtu : chaque note est rattachée à l’étudiant par son numéro de sécurité sociale ou son numéro étudiant, puis publiée dans son portail. Une note déjà publiée pour le même cours et le même semestre est remplacée.',
    columnsHint: 'Colonnes attendues (séparateur point-virgule, dans n’importe quel ordre) :',
    file: 'Fichier CSV exporté de GetEtu', check: 'Vérifier', import: 'Importer', other: 'Choisir un autre fichier',
    checked: 'Vérification : rien n’a été enregistré. Corrigez les lignes refusées dans GetEtu ou importez les lignes valides.',
    imported: 'Import terminé : {published} note publiée. | Import terminé : {published} notes publiées.',
    nothing: 'Aucune ligne valide : rien à importer.', onlyRejected: 'Lignes refusées seulement', unreadable: 'Ce fichier n’a pas pu être lu : choisissez l’export CSV de GetEtu.',
    counts: { created: 'nouvelles', updated: 'modifiées', unchanged: 'inchangées', rejected: 'refusées' },
    outcomes: { created: 'Nouvelle', updated: 'Modifiée', unchanged: 'Inchangée', rejected: 'Refusée' },
    wouldBe: { created: 'Sera publiée', updated: 'Sera modifiée', unchanged: 'Inchangée', rejected: 'Refusée' },
    columns: { row: 'Ligne', outcome: 'Résultat', student: 'N° étudiant', term: 'Semestre', course: 'Cours', reason: 'Motif' },
  },
};
