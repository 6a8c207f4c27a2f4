import { defineMessages, entry, messagesOf, type Text } from '../i18n/messages';

/**
 * The events department's messages (docs/adr/0010-server-messages.md):
 * business refusals, and the report of the legacy spreadsheet import
 * (`import.*`: its rows, its sheets, the file).
 */
const both = (fr: string, en: string) => ({ fr, en });
const EXPECTED = {
  fr: 'un classeur Excel (.xlsx) au format historique des événements : une feuille par événement, le titre en A1, puis « Event ID », « Contract ID », « Client name », « Client contact », « Event date start », « Event date end », « Support contact », « Location », « Attendees », « Notes » en colonne A et leurs valeurs en colonne B',
  en: 'an Excel workbook (.xlsx) in the legacy events format: one sheet per event, the title in A1, then "Event ID", "Contract ID", "Client name", "Client contact", "Event date start", "Event date end", "Support contact", "Location", "Attendees", "Notes" in column A with their values in column B',
};

const DATE_EXAMPLE = ['par exemple « 4 Jun 2023 @ 1PM », « 4 juin 2023 @ 13h » ou « 04/06/2023 13:00 »', 'e.g. "4 Jun 2023 @ 1PM", "4 juin 2023 @ 13h" or "04/06/2023 13:00"'] as const;
const TEXT = { text: '4 Jun 2023 @ 13PM' };

export const eventsMessages = defineMessages({
  // ---- dates and times as the legacy spreadsheet writes them (legacy-dates.ts); `text` is the cell as written ----
  'dates.not-12-hour': entry({
    example: TEXT,
    fr: (p, f) => `${f.quote(p.text)} n'est pas une heure sur 12 heures (de 1 à 12 AM ou PM)`,
    en: (p) => `"${p.text}" is not a time on a 12-hour clock (1 to 12 AM or PM)`,
  }),
  'dates.not-a-time': entry({
    example: TEXT,
    fr: (p, f) => `${f.quote(p.text)} n'est pas une heure de la journée (de 00:00 à 23:59)`,
    en: (p) => `"${p.text}" is not a time of day (00:00 to 23:59)`,
  }),
  'dates.unknown-time': entry({
    example: TEXT,
    fr: (p, f) => `${f.quote(p.text)} n'est pas une heure que cet import comprend (1PM, 1:30 PM, 13h, 13h30, 13:00)`,
    en: (p) => `"${p.text}" is not a time of day this import understands (1PM, 1:30 PM, 13h, 13h30, 13:00)`,
  }),
  'dates.no-month': entry({
    example: { ...TEXT, month: 13 },
    fr: (p, f) => `${f.quote(p.text)} n'a pas de mois ${p.month}`, en: (p) => `"${p.text}" has no month ${p.month}`,
  }),
  'dates.unlikely-year': entry({
    example: { ...TEXT, year: 1023 },
    fr: (p, f) => `${f.quote(p.text)} a une année peu vraisemblable : ${p.year}`, en: (p) => `"${p.text}" has an unlikely year ${p.year}`,
  }),
  'dates.no-such-day': entry({
    example: { ...TEXT, day: 31, month: '02', year: 2023 },
    fr: (p, f) => `${f.quote(p.text)} : il n'y a pas de ${p.day} en ${p.month}/${p.year}`,
    en: (p) => `"${p.text}" has no day ${p.day} in ${p.month}/${p.year}`,
  }),
  'dates.empty': both('est vide', 'is empty'),
  'dates.not-a-month': entry({
    example: { ...TEXT, word: 'juno' },
    fr: (p, f) => `${f.quote(p.text)} : ${f.quote(p.word)} n'est pas un nom de mois (anglais ou français)`,
    en: (p) => `"${p.text}": "${p.word}" is not a month name (English or French)`,
  }),
  'dates.month-first': entry({
    example: { ...TEXT, month: 13 },
    fr: (p, f) => `${f.quote(p.text)} n'est pas une date jour/mois/année (le mois ne peut pas être ${p.month})`,
    en: (p) => `"${p.text}" is not a day/month/year date (the month cannot be ${p.month})`,
  }),
  'dates.not-understood': entry({
    example: TEXT,
    fr: (p, f) => `${f.quote(p.text)} n'est pas une date et heure que cet import comprend (${DATE_EXAMPLE[0]})`,
    en: (p) => `"${p.text}" is not a date and time this import understands (${DATE_EXAMPLE[1]})`,
  }),
  'dates.no-time': entry({
    example: TEXT,
    fr: (p, f) => `${f.quote(p.text)} ne donne pas d'heure (${DATE_EXAMPLE[0]})`,
    en: (p) => `"${p.text}" gives no time of day (${DATE_EXAMPLE[1]})`,
  }),
  'dates.skipped-hour': entry({
    example: { wallClock: '2023-03-26 02:30', zone: 'Europe/Paris' },
    fr: (p) => `${p.wallClock} n'existe pas à l'heure de ${p.zone === 'Europe/Paris' ? 'Paris' : p.zone} : les horloges sautent cette heure au passage à l'heure d'été ; donnez une heure avant ou après`,
    en: (p) => `${p.wallClock} does not exist in ${p.zone}: the clocks skip that hour when summer time starts; give a time before or after it`,
  }),
  'dates.repeated-hour': entry({
    example: { wallClock: '2023-10-29 02:30', zone: 'Europe/Paris', iso: '2023-10-29T02:30:00+02:00' },
    fr: (p) => `${p.wallClock} arrive deux fois à l'heure de ${p.zone === 'Europe/Paris' ? 'Paris' : p.zone} (les horloges reculent cette nuit-là) : la première a été retenue, ${p.iso}`,
    en: (p) => `${p.wallClock} happens twice in ${p.zone} (the clocks go back that night): took the first one, ${p.iso}`,
  }),
  'dates.invalid-date-cell': both('n\'est pas une date valide', 'is not a valid date'),
  'dates.date-without-time': entry({
    example: { date: '2023-06-04' },
    fr: (p) => `${p.date} est une cellule de date sans heure : donnez aussi l'heure (${DATE_EXAMPLE[0]})`,
    en: (p) => `${p.date} is a date cell without a time of day: give the time too (${DATE_EXAMPLE[1]})`,
  }),
  'dates.number-not-a-date': entry({
    example: { value: 12 as number },
    fr: (p) => `${p.value} n'est pas une date (${DATE_EXAMPLE[0]})`,
    en: (p) => `${p.value} is not a date (${DATE_EXAMPLE[1]})`,
  }),
  'dates.serial-without-time': entry({
    example: { value: 45081, date: '2023-06-04' },
    fr: (p) => `${p.value} se lit comme la date Excel ${p.date}, sans heure : donnez aussi l'heure (${DATE_EXAMPLE[0]})`,
    en: (p) => `${p.value} reads as the Excel date ${p.date} without a time of day: give the time too (${DATE_EXAMPLE[1]})`,
  }),
  'dates.read-as-serial': entry({
    example: { value: 45081.5, wallClock: '2023-06-04 12:00', then: null as Text | null },
    fr: (p, f) => `${p.value} lu comme un numéro de série de date Excel : ${p.wallClock}${p.then ? ` ; ${f.text(p.then)}` : ''}`,
    en: (p, f) => `${p.value} read as an Excel date serial number: ${p.wallClock}${p.then ? `; ${f.text(p.then)}` : ''}`,
  }),
  'dates.not-a-date': both(`n'est pas une date (${DATE_EXAMPLE[0]})`, `is not a date (${DATE_EXAMPLE[1]})`),
  'dates.invalid-instant': entry({
    example: TEXT,
    fr: (p, f) => `${f.quote(p.text)} n'est pas une date et heure valide`, en: (p) => `"${p.text}" is not a valid date and time`,
  }),
  // ---- refusals
  'events.payment-over-due': entry({
    example: { dueCents: 1250050 },
    fr: (p, f) => `dépasse le reste dû (${f.money(p.dueCents)}) : enregistrez au plus ce qui reste à payer`,
    en: (p, f) => `is more than the amount due (${f.money(p.dueCents)}): record at most what remains to be paid`,
  }),
  'events.close-before-end': entry({
    example: { endsAt: '2026-06-04T20:00:00+02:00' },
    fr: (p, f) => `l'événement se termine le ${f.dateTime(p.endsAt)} : il pourra être clôturé une fois passé`,
    en: (p, f) => `the event ends on ${f.dateTime(p.endsAt)}: it can be closed once it is over`,
  }),
  'events.contract-not-signed': both(
    'ce contrat n\'est pas encore signé : un événement ne peut être créé que pour un contrat signé',
    'this contract is not signed yet: an event can only be created for a signed contract',
  ),
  'events.event-closed': both('cet événement est clôturé : seules ses notes peuvent encore changer', 'this event is closed: only its notes can still change'),
  'events.due-above-total': both('le montant dû ne peut pas dépasser le montant total', 'the amount due cannot exceed the total amount'),
  'events.no-such-client': both('ne désigne aucun client de cette organisation', 'refers to no client of this organisation'),
  'events.no-such-contract': both('ne désigne aucun contrat de cette organisation', 'refers to no contract of this organisation'),
  'events.not-department-member': entry({
    example: { department: 'sales' as 'sales' | 'support' | 'management' | string },
    fr: (p) => `doit être un membre actif du département ${({ sales: 'commercial', support: 'support', management: 'gestion' } as Record<string, string>)[p.department] ?? p.department}`,
    en: (p) => `must be an active member of the ${p.department} department`,
  }),
  'events.user-filter': both('doit être un identifiant d\'utilisateur (UUID), « me » ou « null »', 'must be a user identifier (UUID), "me" or "null"'),
  'events.number-filter': both('doit être un nombre entier, comme 652', 'must be a whole number such as 652'),
  'events.mine-filter': both('doit valoir true (omettez-le pour tous les événements)', 'must be true (leave it out for every event)'),
  'events.status-filter': both('doit valoir planned ou closed', 'must be planned or closed'),
  'events.forbidden-payments-read': both(
    'Vous ne pouvez pas consulter les paiements. Demandez à un administrateur la permission events.payment.read.',
    'You may not view payments. Ask an administrator for the permission events.payment.read.',
  ),
  'events.forbidden-payments-create': both(
    'Vous ne pouvez pas enregistrer de paiement : votre rôle n\'a pas events.payment.create (la gestion les enregistre).',
    'You may not record payments: your role lacks events.payment.create (management records them).',
  ),
  'events.forbidden-collaborators': both(
    'Vous ne pouvez pas lister les collaborateurs du département événements (permission events.event.read).',
    'You may not list the collaborators of the events department (permission events.event.read).',
  ),
  'events.forbidden-import': entry({
    example: { permission: 'events.import.create' },
    fr: (p) => `L'import du tableur des événements est réservé au département gestion : il demande la permission ${p.permission}.`,
    en: (p) => `Importing the events spreadsheet is for the management department: it needs the permission ${p.permission}.`,
  }),

  // ---- the import: the file
  'import.file-required': both(
    'est obligatoire : envoyez le tableur (.xlsx) dans le champ multipart « file »',
    'is required: send the spreadsheet (.xlsx) in the multipart field "file"',
  ),
  'import.file-required-detail': both(
    `Envoyez le tableur dans le champ multipart « file ». Attendu : ${EXPECTED.fr}.`,
    `Send the spreadsheet in the multipart field "file". Expected ${EXPECTED.en}.`,
  ),
  'import.bad-file': entry({
    example: { reason: 'xls' as 'xls' | 'csv' | 'not-xlsx' | 'damaged' | 'unreadable' | 'too-many-sheets' | 'no-sheet', name: 'clients.xls', mimetype: '', count: 0, max: 1000 },
    fr: (p) => ({
      xls: `« ${p.name} » est un classeur Excel 97-2003 (.xls) ou un autre ancien fichier Office : ouvrez-le dans Excel ou LibreOffice et enregistrez-le en « Classeur Excel (.xlsx) »`,
      csv: 'un fichier CSV n\'est pas un classeur .xlsx',
      'not-xlsx': `« ${p.name || 'le fichier envoyé'} » (${p.mimetype || 'type inconnu'}) n'est pas un classeur .xlsx`,
      damaged: `« ${p.name} » est endommagé : ce n'est pas un classeur .xlsx lisible`,
      unreadable: 'il n\'a pas pu être ouvert comme classeur .xlsx (endommagé, protégé par un mot de passe, ou d\'un autre type)',
      'too-many-sheets': `le classeur a ${p.count} feuilles (${p.max} au plus par import) : découpez-le`,
      'no-sheet': 'le classeur n\'a aucune feuille',
    })[p.reason],
    en: (p) => ({
      xls: `"${p.name}" is an Excel 97-2003 workbook (.xls) or another old Office file: open it in Excel or LibreOffice and save it as "Excel Workbook (.xlsx)"`,
      csv: 'a CSV file is not an .xlsx workbook',
      'not-xlsx': `"${p.name || 'the upload'}" (${p.mimetype || 'unknown type'}) is not an .xlsx workbook`,
      damaged: `"${p.name}" is damaged: it is not a readable .xlsx workbook`,
      unreadable: 'it could not be opened as an .xlsx workbook (damaged, protected with a password, or another kind of file)',
      'too-many-sheets': `the workbook has ${p.count} sheets (at most ${p.max} per import): split it`,
      'no-sheet': 'the workbook has no sheet',
    })[p.reason],
  }),
  'import.bad-file-detail': entry({
    example: { reason: 'the workbook has no sheet' as Text },
    fr: (p, f) => `Le fichier ne peut pas être importé : ${f.text(p.reason)}. Attendu : ${EXPECTED.fr}.`,
    en: (p, f) => `The file cannot be imported: ${f.text(p.reason)}. Expected ${EXPECTED.en}.`,
  }),

  // ---- the import: rows and sheets
  'import.joined': entry({
    example: { parts: ['a', 'b'] as Text[] },
    fr: (p, f) => p.parts.map(f.text).join(' ; '), en: (p, f) => p.parts.map(f.text).join('; '),
  }),
  'import.on-row': entry({
    example: { row: 7, key: 'Event date end', message: 'is empty' as Text },
    fr: (p, f) => `Ligne ${p.row} (${p.key}) : ${f.text(p.message)}`, en: (p, f) => `Row ${p.row} (${p.key}): ${f.text(p.message)}`,
  }),
  'import.on-field': entry({
    example: { field: 'fullName', message: 'is required' as Text },
    fr: (p, f) => `${p.field === 'name' ? 'Le nom de l\'événement' : p.field} : ${f.text(p.message)}`,
    en: (p, f) => `${p.field === 'name' ? 'The event name' : p.field}: ${f.text(p.message)}`,
  }),
  'import.too-many-rows': entry({
    example: { rows: 5000, max: 200 },
    fr: (p) => `La feuille a ${p.rows} lignes : une feuille d'événement en a une douzaine (${p.max} au plus) ; est-ce bien une feuille d'événement ?`,
    en: (p) => `The sheet has ${p.rows} rows: an event sheet has about a dozen (at most ${p.max}); is it an event sheet?`,
  }),
  'import.value-next-to-title': both('une valeur à côté du titre : gardée dans les notes de l\'événement', 'a value next to the title: kept in the event\'s notes'),
  'import.value-without-key': both('une valeur sans clé en colonne A : gardée dans les notes de l\'événement', 'a value without a key in column A: kept in the event\'s notes'),
  'import.unknown-key': both('pas une clé de la feuille d\'événement : sa valeur est gardée dans les notes de l\'événement', 'not a key of the event sheet: its value is kept in the event\'s notes'),
  'import.unknown-empty-key': both('pas une clé de la feuille d\'événement, et vide : rien à garder', 'not a key of the event sheet, and empty: nothing to keep'),
  'import.key-twice': entry({
    example: { label: 'Event ID', first: 2, second: 9 },
    fr: (p) => `« ${p.label} » apparaît deux fois (lignes ${p.first} et ${p.second}) : gardez-en une`,
    en: (p) => `"${p.label}" appears twice (rows ${p.first} and ${p.second}): keep one`,
  }),
  'import.beyond-column-b': both('au-delà de la colonne B : gardé dans les notes de l\'événement', 'beyond column B: kept in the event\'s notes'),
  'import.empty-sheet': both(
    'La feuille est vide : une feuille d\'événement a son titre en A1, puis « Event ID », « Contract ID », « Client name »… en colonne A et leurs valeurs en colonne B.',
    'The sheet is empty: an event sheet has its title in A1, then "Event ID", "Contract ID", "Client name"… in column A and their values in column B.',
  ),
  'import.key-missing': entry({
    example: { label: 'Event ID' },
    fr: (p) => `« ${p.label} » manque : ajoutez une ligne avec « ${p.label} » en colonne A et sa valeur en colonne B.`,
    en: (p) => `"${p.label}" is missing: add a row with "${p.label}" in column A and its value in column B.`,
  }),
  'import.required-empty': both('est vide, et il est obligatoire', 'is empty, and it is required'),
  'import.not-a-number': entry({
    example: { text: 'abc', what: 'event' as 'event' | 'contract' | 'attendees' },
    fr: (p) => `« ${p.text} » n'est pas ${({ event: 'un numéro d\'événement (un nombre entier, comme 109)', contract: 'un numéro de contrat (un nombre entier, comme 652)', attendees: 'un nombre de participants (un nombre entier, 0 ou plus)' })[p.what]}`,
    en: (p) => `"${p.text}" is not ${({ event: 'an event number (a whole number such as 109)', contract: 'a contract number (a whole number such as 652)', attendees: 'a number of attendees (a whole number, 0 or more)' })[p.what]}`,
  }),
  'import.paris-time': entry({
    example: { iso: '2023-06-05T14:00:00+02:00' },
    fr: (p, f) => `heure de Paris : ${f.dateTime(p.iso)}`, en: (p, f) => `Paris time: ${f.dateTime(p.iso)}`,
  }),
  'import.invalid-contact-email': entry({
    example: { email: 'jo@' },
    fr: (p) => `« ${p.email} » n'est pas une adresse e-mail valide : gardée telle quelle dans les notes du client`,
    en: (p) => `"${p.email}" is not a valid email address: kept as written in the client's notes`,
  }),
  'import.contact-read-as': entry({
    example: { person: 'Jo Lebrun' as string | null, email: 'jo@example.com' as string | null, phone: null as string | null },
    fr: (p, f) => `lu comme ${f.list([p.person && `personne ${p.person}`, p.email && `e-mail ${p.email}`, p.phone && `téléphone ${p.phone}`].filter((x): x is string => Boolean(x)))}`,
    en: (p) => `read as ${[p.person && `person ${p.person}`, p.email && `email ${p.email}`, p.phone && `phone ${p.phone}`].filter(Boolean).join(', ')}`,
  }),
  'import.second-email': entry({
    example: { email: 'jo@example.com' },
    fr: (p) => `une deuxième adresse e-mail « ${p.email} » est gardée dans les notes du client`,
    en: (p) => `a second email "${p.email}" is kept in the client's notes`,
  }),
  'import.second-phone': entry({
    example: { phone: '06 12 34 56 78' },
    fr: (p) => `un deuxième téléphone « ${p.phone} » est gardé dans les notes du client`,
    en: (p) => `a second phone "${p.phone}" is kept in the client's notes`,
  }),
  'import.invalid-phone': entry({
    example: { phone: '+ 666 12345' },
    fr: (p) => `« ${p.phone} » n'est pas un numéro de téléphone valide : gardé tel quel dans les notes du client, pas comme téléphone`,
    en: (p) => `"${p.phone}" is not a valid phone number: kept as written in the client's notes, not stored as the phone`,
  }),
  'import.contact-empty': both('aucun nom, e-mail ou téléphone trouvé', 'no name, email or phone found'),
  'import.no-support': both(
    'aucun contact support : l\'événement est créé sans support ; la gestion en désigne un',
    'no support contact: the event is created without support; management assigns one',
  ),
  'import.untitled': entry({
    example: { name: 'Jo Lebrun event' },
    fr: (p) => `A1 n'a pas de titre : l'événement s'appelle « ${p.name} ».`,
    en: (p) => `A1 has no title: the event is named "${p.name}".`,
  }),
  'import.ends-before-start': entry({
    example: { message: 'must be after the start' as Text, startsAt: '2023-06-05T14:00:00+02:00' },
    fr: (p, f) => `${f.text(p.message)} (l'événement commence le ${f.dateTime(p.startsAt)})`,
    en: (p, f) => `${f.text(p.message)} (the event starts ${f.dateTime(p.startsAt)})`,
  }),
  'import.cannot-import': both('La feuille ne peut pas être importée.', 'The sheet cannot be imported.'),
  'import.event-from-other-sheet': entry({
    example: { number: 109, sheet: 'Mariage' },
    fr: (p) => `L'événement n° ${p.number} a déjà été créé depuis la feuille « ${p.sheet} » de ce fichier : cette feuille est ignorée.`,
    en: (p) => `Event #${p.number} was already created from sheet "${p.sheet}" of this file: this sheet is skipped.`,
  }),
  'import.event-exists': entry({
    example: { number: 109 },
    fr: (p) => `L'événement n° ${p.number} existe déjà (importé avant, ou créé dans Relais) : laissé tel quel, rien n'est importé de cette feuille.`,
    en: (p) => `Event #${p.number} already exists (imported before, or created in Relais): left as it is, nothing imported from this sheet.`,
  }),
  'import.dry-run': both('Essai à blanc : rien n\'a été écrit.', 'Dry run: nothing was written.'),
  'import.nothing-written': both('Rien n\'a été écrit pour cette feuille.', 'Nothing was written for this sheet.'),
  'import.support-unknown': entry({
    example: { name: 'Aliénor Vichum', count: 0 },
    fr: (p) => (p.count === 0
      ? `aucun collaborateur support actif ne s'appelle « ${p.name} » : l'événement est créé sans support ; la gestion en désigne un`
      : `${p.count} collaborateurs support actifs s'appellent « ${p.name} » : l'événement est créé sans support ; la gestion désigne le bon`),
    en: (p) => (p.count === 0
      ? `no active support collaborator is named "${p.name}": the event is created without support; management assigns one`
      : `${p.count} active support collaborators are named "${p.name}": the event is created without support; management assigns the right one`),
  }),
  'import.support-contact': entry({
    example: { message: 'no support' as Text },
    fr: (p, f) => `Contact support : ${f.text(p.message)}.`, en: (p, f) => `Support contact: ${f.text(p.message)}.`,
  }),
  'import.support-matched': entry({ example: { name: 'Aliénor Vichum' }, fr: (p) => `reconnu : ${p.name}`, en: (p) => `matched ${p.name}` }),
  'import.contract-rule': entry({
    example: { number: 652, rule: 'this contract is not signed yet' as Text },
    fr: (p, f) => `contrat n° ${p.number} : ${f.text(p.rule)} ; faites-le signer dans Relais, puis importez à nouveau`,
    en: (p, f) => `contract #${p.number}: ${f.text(p.rule)}; have it signed in Relais, then import again`,
  }),
  'import.event-created': entry({
    example: { number: 109, name: 'Mariage Lebrun', startsAt: '2023-06-05T14:00:00+02:00', endsAt: '2023-06-05T23:00:00+02:00' },
    fr: (p, f) => `Événement n° ${p.number} « ${p.name} » créé (${f.dateTime(p.startsAt)} → ${f.dateTime(p.endsAt)}).`,
    en: (p, f) => `Event #${p.number} "${p.name}" created (${f.dateTime(p.startsAt)} → ${f.dateTime(p.endsAt)}).`,
  }),
  'import.forbidden': entry({
    example: { action: 'create-event' as 'create-event' | 'set-support' | 'create-contract' | 'sign-contract' | 'create-client', subject: '109', permission: 'events.event.create' },
    fr: (p) => `vos droits ne permettent pas de ${({ 'create-event': `créer l'événement n° ${p.subject}`, 'set-support': `désigner le support de l'événement n° ${p.subject}`, 'create-contract': `créer le contrat n° ${p.subject}`, 'sign-contract': `signer le contrat n° ${p.subject}`, 'create-client': `créer le client « ${p.subject} »` })[p.action]} (permission ${p.permission} sur cet enregistrement) : rien n'est importé de cette feuille`,
    en: (p) => `your rights do not allow you to ${({ 'create-event': `create event #${p.subject}`, 'set-support': `set the support of event #${p.subject}`, 'create-contract': `create contract #${p.subject}`, 'sign-contract': `sign contract #${p.subject}`, 'create-client': `create client "${p.subject}"` })[p.action]} (permission ${p.permission} on this record): nothing is imported from this sheet`,
  }),
  'import.field-problem': entry({
    example: { field: 'email', message: 'is required' as Text },
    fr: (p, f) => `${p.field} ${f.text(p.message)}`, en: (p, f) => `${p.field} ${f.text(p.message)}`,
  }),
  'import.database-refused': entry({
    example: { code: '23505', constraint: 'event_events_number_key' as string | null },
    fr: (p) => `La base de données a refusé cette feuille (${p.code}${p.constraint ? `, ${p.constraint}` : ''}).`,
    en: (p) => `The database refused this sheet (${p.code}${p.constraint ? `, ${p.constraint}` : ''}).`,
  }),
  'import.contract-of-other-client': entry({
    example: { number: 652, clientNumber: 12, clientName: 'Jo Lebrun', sheetClient: 'Ann Lee' },
    fr: (p) => `le contrat n° ${p.number} appartient au client n° ${p.clientNumber} « ${p.clientName} », pas à « ${p.sheetClient} » : vérifiez le numéro de contrat ou le client`,
    en: (p) => `contract #${p.number} belongs to client #${p.clientNumber} "${p.clientName}", not to "${p.sheetClient}": check the contract number or the client`,
  }),
  'import.contract-found': entry({ example: { number: 652 }, fr: (p) => `contrat n° ${p.number} trouvé (signé)`, en: (p) => `found contract #${p.number} (signed)` }),
  'import.client-of-contract': entry({
    example: { number: 652, clientNumber: 12, clientName: 'Jo Lebrun' },
    fr: (p) => `client du contrat n° ${p.number} : n° ${p.clientNumber} ${p.clientName}`,
    en: (p) => `client of contract #${p.number}: #${p.clientNumber} ${p.clientName}`,
  }),
  'import.contract-created-row': entry({
    example: { number: 652 },
    fr: (p) => `contrat n° ${p.number} créé, signé, montants à 0 : complétez les montants`,
    en: (p) => `contract #${p.number} created, signed, amounts 0: complete the amounts`,
  }),
  'import.contract-created': entry({
    example: { number: 652 },
    fr: (p) => `Contrat n° ${p.number} créé pour la migration : signé, total et reste dû à 0 (complétez les montants).`,
    en: (p) => `Contract #${p.number} created for the migration: signed, total and amount due 0 (complete the amounts).`,
  }),
  'import.client-found-row': entry({
    example: { number: 12, name: 'Jo Lebrun', by: 'email' as 'email' | 'name', email: 'jo@example.com' as string | null },
    fr: (p) => `client n° ${p.number} ${p.name} trouvé par ${p.by === 'email' ? `e-mail ${p.email ?? ''}` : 'nom'}`,
    en: (p) => `found client #${p.number} ${p.name} by ${p.by === 'email' ? `email ${p.email ?? ''}` : 'name'}`,
  }),
  'import.client-found': entry({
    example: { number: 12, name: 'Jo Lebrun', by: 'email' as 'email' | 'name' },
    fr: (p) => `Client n° ${p.number} « ${p.name} » trouvé par ${p.by === 'email' ? 'e-mail' : 'nom'} ; laissé tel quel.`,
    en: (p) => `Client #${p.number} "${p.name}" found by ${p.by}; left as it is.`,
  }),
  'import.clients-same-name': entry({
    example: { count: 2, name: 'Jo Lebrun', numbers: [12, 14] as number[] },
    fr: (p) => `${p.count} clients s'appellent « ${p.name} » (n° ${p.numbers.join(', n° ')}) : ajoutez l'e-mail du client à « Client contact » pour que l'import sache lequel`,
    en: (p) => `${p.count} clients are named "${p.name}" (#${p.numbers.join(', #')}): add the client's email to "Client contact" so the import can tell which one`,
  }),
  'import.client-created-row': entry({
    example: { number: 12, sales: 'Ann Lee' as string | null },
    fr: (p) => `client n° ${p.number} créé, ${p.sales ? `commercial ${p.sales}` : 'sans commercial : désignez-en un'}`,
    en: (p) => `client #${p.number} created, ${p.sales ? `sales contact ${p.sales}` : 'no sales contact: assign one'}`,
  }),
  'import.client-created': entry({
    example: { number: 12, name: 'Jo Lebrun', sales: null as string | null },
    fr: (p) => `Client n° ${p.number} « ${p.name} » créé, ${p.sales ? `commercial ${p.sales}` : 'sans commercial : désignez-en un'}.`,
    en: (p) => `Client #${p.number} "${p.name}" created, ${p.sales ? `sales contact ${p.sales}` : 'no sales contact: assign one'}.`,
  }),
});

export const eventsMessage = messagesOf(eventsMessages);
