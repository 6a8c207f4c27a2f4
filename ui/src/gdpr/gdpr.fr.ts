import { breachesFr } from './breaches.fr';
import { retentionFr } from './retention.fr';
import { transfersFr } from './transfers.fr';
import { consentsFr } from './consents.fr';
import { requestsFr } from './requests.fr';

/** Texts of the personal-data screens (French, the reference). */
const gdprFr = {
  ...breachesFr,
  ...consentsFr,
  ...requestsFr,
  ...retentionFr,
  ...transfersFr,
  nav: { group: 'Données personnelles', register: 'Registre des traitements' },
  register: {
    title: 'Registre des activités de traitement',
    intro: 'Prérempli à partir des données personnelles que déclare chaque module de Relais. Complétez chaque fiche : c’est le registre que la CNIL peut vous demander (article 30 du RGPD).',
    export: 'Exporter le registre (PDF)',
    edit: 'Modifier la fiche',
    edited: 'Modifiée',
    declared: 'Telle que déclarée',
    purpose: 'Finalité',
    legalBasis: 'Base légale',
    dataSubjects: 'Catégories de personnes concernées',
    dataCategories: 'Catégories de données',
    sensitive: 'sensible',
    recipients: 'Destinataires',
    retention: 'Durée de conservation',
    retentionDuration: 'Durée (ISO 8601, par ex. P3Y pour 3 ans)',
    retentionFrom: 'À compter de',
    legalReference: 'Texte de référence',
    transfers: 'Transferts hors de l’Union européenne',
    noTransfer: 'Aucun',
    securityMeasures: 'Mesures de sécurité',
    columns: 'Champs concernés et anonymisation',
    table: 'Table',
    column: 'Champ',
    category: 'Catégorie',
    operator: 'Anonymisation',
    name: 'Nom du traitement',
    onePerLine: 'Un élément par ligne',
    save: 'Enregistrer',
    cancel: 'Annuler',
    saved: 'Fiche enregistrée',
    empty: 'Aucun traitement déclaré.',
    operators: {
      erase: 'Effacement',
      pseudonymise: 'Pseudonymisation',
      keep: 'Conservée (obligation légale)',
      'mask:town': 'Masquage (ville gardée)',
      'mask:postal-department': 'Masquage (département gardé)',
      'mask:email-domain': 'Masquage (domaine gardé)',
      'mask:phone-last-digits': 'Masquage (deux derniers chiffres)',
      'mask:initials': 'Masquage (initiales)',
      'generalise:year': 'Généralisation (année)',
      'generalise:month': 'Généralisation (mois)',
    },
    bases: {
      contract: 'Exécution d’un contrat (art. 6.1.b)',
      'legal-obligation': 'Obligation légale (art. 6.1.c)',
      consent: 'Consentement (art. 6.1.a)',
      'legitimate-interest': 'Intérêt légitime (art. 6.1.f)',
      'public-task': 'Mission d’intérêt public (art. 6.1.e)',
      'vital-interest': 'Intérêts vitaux (art. 6.1.d)',
    },
  },
};

export default gdprFr;
