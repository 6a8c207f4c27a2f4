import { defineMessages, entry, messagesOf } from '../i18n/messages';

/** The school's companies area (spec 004 « Gestion des entreprises », ADR 0052): French first (ADR 0010). */
export const companiesMessages = defineMessages({
  'school.companies.forbidden-read': { fr: 'La gestion des entreprises est réservée au personnel de l’école', en: 'Company management is for the school’s staff' },
  'school.companies.forbidden-write': { fr: 'Vous ne pouvez pas enregistrer ni importer d’entreprises', en: 'You may not save nor import companies' },
  'school.companies.forbidden-introduce': { fr: 'Vous ne pouvez pas mettre un étudiant en relation avec une entreprise', en: 'You may not put a student in touch with a company' },
  'school.companies.forbidden-sms': { fr: 'Vous ne pouvez pas envoyer de SMS aux étudiants', en: 'You may not text students' },
  'school.companies.not-in-registry': {
    fr: 'Le répertoire des entreprises ne connaît pas cette entreprise : vérifiez le SIREN ou le SIRET',
    en: 'The company registry does not know this company: check the SIREN or SIRET',
  },
  'school.companies.company-not-found': { fr: 'Cette entreprise n’existe pas dans votre organisation', en: 'This company does not exist in your organisation' },
  'school.companies.student-not-found': { fr: 'Cet étudiant n’existe pas dans votre organisation', en: 'This student does not exist in your organisation' },
  'school.companies.contact-not-of-company': { fr: 'Ce contact n’appartient pas à cette entreprise', en: 'This contact does not belong to this company' },
  'school.companies.introduction-not-found': { fr: 'Cette mise en relation n’existe pas dans votre organisation', en: 'This introduction does not exist in your organisation' },
  'school.companies.no-phone': {
    fr: 'Cet étudiant n’a pas de téléphone portable enregistré : choisissez le mail ou ajoutez son numéro',
    en: 'This student has no mobile phone on record: choose mail or add their number',
  },
  'school.companies.no-email': {
    fr: 'Cet étudiant n’a pas d’adresse mail enregistrée : choisissez le SMS ou ajoutez son adresse',
    en: 'This student has no e-mail address on record: choose SMS or add their address',
  },
  'school.companies.status-move': entry({
    example: { from: 'closed', to: 'sent' },
    fr: (p) => `Une mise en relation « ${String(p.from)} » ne peut pas passer à « ${String(p.to)} »`,
    en: (p) => `An introduction that is "${String(p.from)}" cannot become "${String(p.to)}"`,
  }),
  'school.companies.no-student-selected': { fr: 'Aucun étudiant ne correspond à cette sélection', en: 'No student matches this selection' },
  'school.companies.no-reachable-student': {
    fr: 'Aucun étudiant de cette sélection n’a de téléphone portable enregistré',
    en: 'No student of this selection has a mobile phone on record',
  },
  'school.companies.unknown-template': entry({
    example: { key: 'school.exam-room-change' },
    fr: (p) => `Le modèle de SMS « ${String(p.key)} » n’existe pas : choisissez un modèle de l’école`,
    en: (p) => `SMS template "${String(p.key)}" does not exist: choose one of the school's templates`,
  }),
  'school.companies.import-empty': { fr: 'Le fichier ne contient aucune entreprise', en: 'The file holds no company' },
  'school.companies.import-unreadable': entry({
    example: { reason: 'Invalid Closing Quote' },
    fr: (p) => `Le fichier n’est ni un CSV ni un classeur Excel lisible (${String(p.reason)})`,
    en: (p) => `The file is neither readable CSV nor an Excel workbook (${String(p.reason)})`,
  }),
  'school.companies.import-layout': entry({
    example: { missing: 'id_entreprise, Nom de l’entreprise' },
    fr: (p) => `Colonnes manquantes : ${String(p.missing)}. Rien n’a été importé (attendu : id_entreprise, Nom de l’entreprise, Adresse postale, Adresse mail, Numéro de téléphone)`,
    en: (p) => `Missing columns: ${String(p.missing)}. Nothing was imported (expected: id_entreprise, Nom de l’entreprise, Adresse postale, Adresse mail, Numéro de téléphone)`,
  }),
  'school.companies.import-too-many': entry({
    example: { max: 20_000 },
    fr: (p) => `Le fichier dépasse ${String(p.max)} entreprises : découpez-le`,
    en: (p) => `The file has more than ${String(p.max)} companies: split it`,
  }),
  'school.companies.import-no-id': { fr: 'id_entreprise manque', en: 'id_entreprise is missing' },
  'school.companies.import-duplicate-id': entry({
    example: { row: 3 },
    fr: (p) => `id_entreprise déjà vu à la ligne ${String(p.row)}`,
    en: (p) => `id_entreprise already seen on row ${String(p.row)}`,
  }),
  'school.companies.import-no-name': { fr: 'Le nom de l’entreprise manque', en: 'The company name is missing' },
  'school.companies.import-email': entry({
    example: { value: 'contact@' },
    fr: (p) => `« ${String(p.value)} » n’est pas une adresse mail`,
    en: (p) => `"${String(p.value)}" is not an e-mail address`,
  }),
  'school.companies.import-phone': entry({
    example: { value: '01 23' },
    fr: (p) => `« ${String(p.value)} » n’est pas un numéro de téléphone français`,
    en: (p) => `"${String(p.value)}" is not a French phone number`,
  }),
  'school.companies.student-contacts-account': { fr: 'Étudiants de l’école (messages)', en: 'School students (messages)' },
});

export const companiesMessage = messagesOf(companiesMessages);
