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
  'school.import.too-large': { fr: 'Le classeur est trop volumineux une fois décompressé : découpez-le', en: 'The workbook is too large once unpacked: split it' },
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
  'school.import.mail-subject': entry({
    example: { day: '05/12/2026', created: 3, updated: 2, rejected: 1 },
    fr: (p) => `Import du référentiel du ${String(p.day)} : ${String(p.created)} nouveau(x), ${String(p.updated)} modifié(s), ${String(p.rejected)} refusé(s)`,
    en: (p) => `Registry import of ${String(p.day)}: ${String(p.created)} new, ${String(p.updated)} changed, ${String(p.rejected)} rejected`,
  }),
  'school.import.mail-body': entry({
    example: { day: '05/12/2026', file: 'referentiel.xlsx', total: 412, created: 3, updated: 2, unchanged: 406, rejected: 1, lines: '- Ligne 37 : …', more: 0, url: 'https://relais.example/school/import' },
    fr: (p) => `Bonjour,\n\nL’import quotidien du référentiel étudiant du ${String(p.day)} (fichier « ${String(p.file)} ») est terminé :\n`
      + `- ${String(p.total)} ligne(s) lue(s)\n- ${String(p.created)} nouvel(le)(s) étudiant(e)(s)\n- ${String(p.updated)} fiche(s) modifiée(s)\n- ${String(p.unchanged)} inchangée(s)\n- ${String(p.rejected)} ligne(s) refusée(s)\n`
      + `${p.rejected ? `\nLignes refusées (à corriger dans le fichier) :\n${String(p.lines)}\n${p.more ? `… et ${String(p.more)} autre(s) : voir le compte rendu complet.\n` : ''}` : ''}`
      + `\nLe compte rendu complet : ${String(p.url)}\n`,
    en: (p) => `Hello,\n\nThe daily student registry import of ${String(p.day)} (file "${String(p.file)}") is done:\n`
      + `- ${String(p.total)} row(s) read\n- ${String(p.created)} new student(s)\n- ${String(p.updated)} record(s) changed\n- ${String(p.unchanged)} unchanged\n- ${String(p.rejected)} row(s) rejected\n`
      + `${p.rejected ? `\nRejected rows (to fix in the file):\n${String(p.lines)}\n${p.more ? `… and ${String(p.more)} more: see the full report.\n` : ''}` : ''}`
      + `\nThe full report: ${String(p.url)}\n`,
  }),
  'school.import.mail-line': entry({
    example: { row: 37, name: 'PETIT Lucas', nir: '•••••••••••4512', reason: 'La clé…' },
    fr: (p) => `- Ligne ${String(p.row)} : ${String(p.name) || '(sans nom)'}${p.nir ? ` (NIR ${String(p.nir)})` : ''} — ${String(p.reason)}`,
    en: (p) => `- Row ${String(p.row)}: ${String(p.name) || '(no name)'}${p.nir ? ` (NIR ${String(p.nir)})` : ''} — ${String(p.reason)}`,
  }),
  'school.import.mail-failed-subject': entry({
    example: { day: '05/12/2026' },
    fr: (p) => `Échec de l’import du référentiel du ${String(p.day)}`,
    en: (p) => `The registry import of ${String(p.day)} failed`,
  }),
  'school.import.mail-failed-body': entry({
    example: { day: '05/12/2026', reason: 'Aucun nouveau fichier', url: 'https://relais.example/school/import' },
    fr: (p) => `Bonjour,\n\nL’import quotidien du référentiel étudiant du ${String(p.day)} n’a pas pu être fait, après plusieurs tentatives : ${String(p.reason)}.\n\nDéposez le fichier du jour puis importez-le depuis la page « Import du référentiel » : ${String(p.url)}\n`,
    en: (p) => `Hello,\n\nThe daily student registry import of ${String(p.day)} could not be done, after several attempts: ${String(p.reason)}.\n\nDrop the day’s file then import it from the « Import du référentiel » page: ${String(p.url)}\n`,
  }),
  'school.import.error-no-file': { fr: 'aucun nouveau fichier .xlsx dans le dossier de dépôt', en: 'no new .xlsx file in the drop folder' },
  'school.import.error-folder-unreadable': { fr: 'le dossier de dépôt est introuvable ou illisible', en: 'the drop folder is missing or unreadable' },
  'school.import.error-not-configured': { fr: 'le dossier de dépôt n’est pas réglé', en: 'the drop folder is not set' },
  'school.import.error-layout': { fr: 'la disposition du fichier ne correspond pas à la correspondance de colonnes', en: 'the file’s layout does not match the column mapping' },
  'school.import.error-failed': { fr: 'une erreur inattendue est survenue', en: 'an unexpected error occurred' },
});

export type ImportMessageCode = keyof typeof importMessages;
export const importMessage = messagesOf(importMessages);
