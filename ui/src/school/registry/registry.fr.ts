/** Texts of the student registry's screens (French, the reference), under `school.registry.…`. */
export default {
  nav: 'Étudiants',
  title: 'Étudiants',
  search: 'Rechercher un étudiant (nom, prénom)',
  create: 'Nouvel étudiant',
  count: '{n} étudiant | {n} étudiant | {n} étudiants',
  none: 'Aucun étudiant ne correspond.',
  created: '{name} est inscrit au registre (n° {number}).',
  number: 'Étudiant n° {number}',
  promotion: 'Promotion {year}',
  historyRecord: 'l’étudiant',
  readOnly: 'Consultation seule : le pôle scolarité tient le registre.',
  columns: { number: 'N°', name: 'Nom', status: 'Statut', promotion: 'Promotion', cursus: 'Cursus', city: 'Ville', company: 'Entreprise' },
  status: { prospect: 'Prospect', enrolled: 'En fonction', alumni: 'Alumni' },
  filters: { promotion: 'Promotion', anyPromotion: 'Toutes les promotions', cursus: 'Cursus', anyCursus: 'Tous les cursus' },
  fields: {
    lastName: 'Nom', firstName: 'Prénom', nir: 'N° de sécurité sociale', status: 'Statut', promotion: 'Promotion', cursus: 'Cursus',
    email: 'E-mail', address: 'Adresse', postalCode: 'Code postal', city: 'Ville', personalPhone: 'Téléphone personnel',
    professionalPhone: 'Téléphone professionnel', notes: 'Notes', company: 'Entreprise (alumni)',
  },
  nir: {
    show: 'Afficher', hide: 'Masquer', correct: 'Corriger',
    correctTitle: 'Corriger le numéro de sécurité sociale',
    correctIntro: 'Le nouveau numéro est vérifié par sa clé de contrôle ; l’ancien est remplacé dans le registre et dans l’historique (masqué).',
    correctSubmit: 'Enregistrer le numéro',
  },
  createDialog: {
    submit: 'Inscrire',
    nirHint: '15 caractères, clé comprise (espaces acceptés) : vérifié par sa clé de contrôle.',
  },
  parse: {
    required: 'Obligatoire',
    number: 'Année attendue, par exemple 2026',
    amount: 'Montant invalide',
    dateTime: 'Date invalide',
    percent: 'Pourcentage invalide',
  },
  conflict: {
    status: 'Modifié ailleurs',
    title: 'Cet étudiant a été modifié par quelqu’un d’autre',
    intro: 'Vos modifications n’ont pas été enregistrées. Choisissez la version à garder :',
  },
};
