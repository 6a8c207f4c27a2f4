import { defineMessages, entry, messagesOf } from '../i18n/messages';

/**
 * The student import (spec 004 « Tableau des transformations », issue 18, ADR 0050): why a row is rejected or
 * carries a warning, and what is wrong with a file, French first (ADR 0010).
 */
export const importMessages = defineMessages({
  // ---- rows: the four transformation cases and the other columns
  'school.import.name-missing': { fr: 'La colonne « Nom Prénom » est vide', en: 'The "Nom Prénom" column is empty' },
  'school.import.name-format': {
    fr: '« Nom Prénom » n’a pas le format attendu : le nom puis le prénom séparés par un espace, un prénom composé écrit avec un trait d’union (LE GALL Jean-Pierre)',
    en: '"Nom Prénom" is not in the expected format: last name then first name separated by a space, a composite first name written with a hyphen (LE GALL Jean-Pierre)',
  },
  'school.import.nir-missing': { fr: 'Le numéro de sécurité sociale est vide', en: 'The social security number is empty' },
  'school.import.nir-format': { fr: 'Le numéro de sécurité sociale n’a pas 15 caractères valides (sexe, année, mois, département, commune, ordre, clé)', en: 'The social security number does not have 15 valid characters (sex, year, month, department, commune, order, key)' },
  'school.import.nir-key': { fr: 'La clé du numéro de sécurité sociale ne correspond pas au numéro', en: 'The social security number’s control key does not match the number' },
  'school.import.nir-duplicate': entry({
    example: { row: 3 },
    fr: (p) => `Ce numéro de sécurité sociale figure déjà ligne ${String(p.row)} du fichier : ligne ignorée`,
    en: (p) => `This social security number is already on row ${String(p.row)} of the file: row skipped`,
  }),
  'school.import.status-missing': { fr: 'Le statut est vide (prospect, en fonction ou alumni)', en: 'The status is empty (prospect, en fonction or alumni)' },
  'school.import.status-unknown': entry({
    example: { value: 'diplômé' },
    fr: (p) => `Statut inconnu « ${String(p.value)} » : prospect, en fonction ou alumni`,
    en: (p) => `Unknown status "${String(p.value)}": prospect, en fonction or alumni`,
  }),
  'school.import.address-format': {
    fr: 'L’adresse postale n’a pas le format « Adresse, Code postal, Ville » (deux virgules au moins)',
    en: 'The postal address is not in the "Address, Postcode, City" format (at least two commas)',
  },
  'school.import.postcode-format': entry({
    example: { value: '3500' },
    fr: (p) => `Le code postal « ${String(p.value)} » n’a pas 5 chiffres`,
    en: (p) => `Postcode "${String(p.value)}" does not have 5 digits`,
  }),
  'school.import.phone-format': {
    fr: 'Les téléphones n’ont pas le format « numéro personnel [espace] numéro professionnel » (deux numéros français au plus)',
    en: 'The phones are not in the "personal number [space] professional number" format (two French numbers at most)',
  },
  'school.import.phone-invalid': entry({
    example: { which: 'personal' as 'personal' | 'professional' },
    fr: (p) => `Le numéro ${p.which === 'personal' ? 'personnel' : 'professionnel'} n’est pas un numéro de téléphone valide`,
    en: (p) => `The ${String(p.which)} number is not a valid phone number`,
  }),
  'school.import.company-unknown': entry({
    example: { value: 'Cabinet Durand' },
    fr: (p) => `Entreprise « ${String(p.value)} » introuvable dans les entreprises de l’école : étudiant importé sans entreprise`,
    en: (p) => `Company "${String(p.value)}" not found among the school’s companies: student imported without a company`,
  }),
  'school.import.company-not-alumni': { fr: 'Une entreprise n’est reprise que pour un alumni : entreprise ignorée', en: 'A company is only kept for an alumnus: company ignored' },
  'school.import.write-failed': { fr: 'La ligne n’a pas pu être enregistrée', en: 'The row could not be saved' },
  // ---- the file
  'school.import.file-required': { fr: 'Joignez le fichier Excel (.xlsx) du référentiel étudiant dans le champ « file »', en: 'Attach the student registry Excel file (.xlsx) in the "file" field' },
  'school.import.not-xlsx': entry({
    example: { name: 'etudiants.csv' },
    fr: (p) => `« ${String(p.name)} » n’est pas un classeur Excel .xlsx : enregistrez le référentiel au format Excel (.xlsx)`,
    en: (p) => `"${String(p.name)}" is not an Excel .xlsx workbook: save the registry as Excel (.xlsx)`,
  }),
  'school.import.unreadable': { fr: 'Le classeur est endommagé ou protégé : il ne peut pas être lu', en: 'The workbook is damaged or protected: it cannot be read' },
  'school.import.no-header': { fr: 'Aucune ligne d’en-têtes trouvée dans les 10 premières lignes de la première feuille', en: 'No header row found in the first 10 rows of the first sheet' },
  'school.import.too-many-rows': entry({
    example: { max: 200_000 },
    fr: (p) => `Le fichier dépasse ${String(p.max)} lignes : découpez-le`,
    en: (p) => `The file has more than ${String(p.max)} rows: split it`,
  }),
  'school.import.missing-columns': entry({
    example: { headers: ['Statut'] as string[] },
    fr: (p, f) => `Disposition du fichier incorrecte : colonne(s) absente(s) ${f.list((p.headers as string[]).map((h) => `« ${h} »`))}. Rien n’a été importé.`,
    en: (p, f) => `Wrong file layout: missing column(s) ${f.list((p.headers as string[]).map((h) => `"${h}"`))}. Nothing was imported.`,
  }),
  'school.import.forbidden': { fr: 'L’import du référentiel est réservé au pôle scolarité et à son responsable', en: 'The registry import is for the student office and its head' },
  'school.import.settings-forbidden': { fr: 'Le dépôt quotidien est réglé par le responsable du pôle scolarité', en: 'The daily drop folder is set by the head of the student office' },
  'school.import.mapping-not-found': { fr: 'Cette correspondance de colonnes n’existe pas dans votre organisation', en: 'This column mapping does not exist in your organisation' },
  'school.import.run-not-found': { fr: 'Cet import n’existe pas dans votre organisation', en: 'This import does not exist in your organisation' },
  'school.import.owner-unknown': { fr: 'Ce collaborateur n’existe pas ou n’est plus actif', en: 'This collaborator does not exist or is no longer active' },
  'school.import.field-dry-run': { fr: 'doit valoir true ou false', en: 'must be true or false' },
  'school.import.no-file-today': entry({
    example: { folder: '/srv/depot' },
    fr: (p) => `Aucun nouveau fichier .xlsx dans le dossier de dépôt ${String(p.folder)}`,
    en: (p) => `No new .xlsx file in the drop folder ${String(p.folder)}`,
  }),
  'school.import.folder-unreadable': entry({
    example: { folder: '/srv/depot' },
    fr: (p) => `Le dossier de dépôt ${String(p.folder)} est illisible`,
    en: (p) => `The drop folder ${String(p.folder)} cannot be read`,
  }),
});

export type ImportMessageCode = keyof typeof importMessages;
export const importMessage = messagesOf(importMessages);
