import { defineMessages, entry, messagesOf } from './messages';

/**
 * The platform's messages: problem titles, the errors every context raises,
 * and the field messages of the shared schemas (domain/core/fields.ts and the
 * request schemas; `field.*` read after the field's name: « email n'est pas… »).
 */
const title = (fr: string, en: string) => ({ fr, en });

export const coreMessages = defineMessages({
  'problem.400': title('Requête invalide', 'Invalid request'),
  'problem.401': title('Non authentifié', 'Unauthorized'),
  'problem.403': title('Action non autorisée', 'Forbidden'),
  'problem.404': title('Introuvable', 'Not found'),
  'problem.405': title('Méthode non autorisée', 'Method not allowed'),
  'problem.409': title('Conflit', 'Conflict'),
  'problem.412': title('Version périmée', 'Precondition failed'),
  'problem.413': title('Requête trop volumineuse', 'Payload too large'),
  'problem.415': title('Type de contenu non pris en charge', 'Unsupported media type'),
  'problem.422': title('Refusé par une règle métier', 'Unprocessable content'),
  'problem.428': title('Version requise', 'Precondition required'),
  'problem.429': title('Trop de requêtes', 'Too many requests'),
  'problem.500': title('Erreur interne', 'Internal server error'),
  'problem.503': title('Service indisponible', 'Service unavailable'),
  'problem.other': title('Erreur', 'Error'),

  'error.validation': entry({
    example: { problems: [{ field: 'email', message: 'is required' }] as Array<{ field: string; message: import('./messages').Text }> },
    fr: (p, f) => `Requête invalide : ${p.problems.map((x) => `${x.field} ${f.text(x.message)}`).join(' ; ')}.`,
    en: (p, f) => `Invalid request: ${p.problems.map((x) => `${x.field} ${f.text(x.message)}`).join('; ')}.`,
  }),
  'error.validation-many': entry({
    example: { count: 60, listed: 50, first: [{ field: 'a', message: 'is required' }] as Array<{ field: string; message: import('./messages').Text }> },
    fr: (p, f) => `Requête invalide : ${p.count} erreurs, dont les ${p.listed} premières sont listées dans « errors » (${p.first.map((x) => `${x.field} ${f.text(x.message)}`).join(' ; ')}…).`,
    en: (p, f) => `Invalid request: ${p.count} errors, the first ${p.listed} listed in "errors" (${p.first.map((x) => `${x.field} ${f.text(x.message)}`).join('; ')}…).`,
  }),
  'error.not-found': entry({
    example: { fr: 'compte', en: 'account' },
    fr: (p) => `Cet enregistrement (${p.fr}) est introuvable, ou vous n'y avez pas accès.`,
    en: (p) => `This ${p.en} was not found, or you do not have access to it.`,
  }),
  'error.method-not-allowed': entry({
    example: { method: 'PUT', allowed: 'GET, POST' },
    fr: (p) => `Cette adresse n'accepte pas la méthode ${p.method} : utilisez ${p.allowed} (en-tête Allow). La liste est sur /api/docs.`,
    en: (p) => `This address does not take ${p.method}: use ${p.allowed} (Allow header). The list is at /api/docs.`,
  }),
  'error.no-such-endpoint': title(
    'Cette adresse ne correspond à aucun service de l\'API : la liste est sur /api/docs.',
    'There is no such API endpoint: the list is at /api/docs.',
  ),
  'error.unauthorized': title('Reconnectez-vous : votre session est absente, expirée ou invalide.', 'Sign in again: your session is missing, expired or invalid.'),
  'error.precondition-required': title(
    'Envoyez la version actuelle de l\'enregistrement dans l\'en-tête If-Match (son ETag ou son champ « version ») pour n\'écraser la modification de personne.',
    'Send the record\'s current version in the If-Match header (from its ETag or its "version" field) so that nobody\'s change is overwritten.',
  ),
  'error.stale-version': title(
    'Quelqu\'un d\'autre a modifié cet enregistrement depuis que vous l\'avez ouvert. Regardez sa modification, puis refaites la vôtre.',
    'This record was changed by someone else since you opened it. Review their change, then apply yours again.',
  ),
  'error.malformed-json': title('Le corps de la requête n\'est pas du JSON valide.', 'The request body is not valid JSON.'),
  'error.too-deep': entry({
    example: { max: 64 },
    fr: (p) => `Le corps de la requête imbrique plus de ${p.max} niveaux d'objets ou de tableaux : aplatissez les données envoyées.`,
    en: (p) => `The request body nests more than ${p.max} levels of objects or arrays: flatten the data sent.`,
  }),
  'error.too-large': title('Le corps de la requête est trop volumineux (2 Mo au plus).', 'The request body is too large (limit 2 MB).'),
  'error.duplicate': title('Un enregistrement a déjà cette même valeur unique.', 'A record with the same unique value already exists.'),
  'error.reference': title(
    'Cette modification fait référence à un enregistrement qui n\'existe pas, ou en supprime un auquel d\'autres font encore référence.',
    'This change refers to a record that does not exist, or removes one that others still refer to.',
  ),
  'error.overlap': title(
    'Cet enregistrement chevauche un autre qui occupe déjà la même période : choisissez une autre période.',
    'This record overlaps another one that already takes the same period: choose another period.',
  ),
  'error.value-out-of-range': title('Une valeur est en dehors de ce que ce champ accepte.', 'A value is outside what this field accepts.'),
  'error.idempotency-key-reused': title(
    'Cette Idempotency-Key a déjà servi pour une autre requête. Utilisez une nouvelle clé pour une nouvelle requête.',
    'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
  ),
  'error.engine-unavailable-client': title(
    'Le moteur de processus est injoignable : le client n\'a pas été créé. Réessayez dans un moment ; si cela dure, prévenez votre administrateur.',
    'The process engine cannot be reached, so the client was not created. Try again in a moment; if it lasts, tell your administrator.',
  ),
  'error.malformed-path': title(
    'L\'adresse demandée contient un encodage « % » invalide : encodez le chemin en UTF-8 (encodeURIComponent).',
    'The requested address holds an invalid "%" encoding: encode the path in UTF-8 (encodeURIComponent).',
  ),
  'error.unsupported-encoding': title(
    'Cet en-tête Content-Encoding n\'est pas pris en charge : envoyez le corps sans compression, ou en gzip, deflate ou br.',
    'This Content-Encoding is not supported: send the body uncompressed, or as gzip, deflate or br.',
  ),
  'error.unsupported-charset': title(
    'Ce jeu de caractères n\'est pas pris en charge : envoyez le corps en UTF-8 (charset=utf-8).',
    'This character set is not supported: send the body in UTF-8 (charset=utf-8).',
  ),
  'error.unreadable-request': title(
    'La requête n\'a pas pu être lue (corps incomplet, mal formé ou refusé) : vérifiez-la et envoyez-la à nouveau.',
    'The request could not be read (a body cut short, malformed or refused): check it and send it again.',
  ),
  'error.internal': entry({
    example: { requestId: 'req-42' },
    fr: (p) => `Une erreur s'est produite de notre côté. Si elle se reproduit, citez la requête ${p.requestId} au support.`,
    en: (p) => `Something went wrong on our side. Quote request ${p.requestId} to support if it happens again.`,
  }),
  'error.database-unavailable': title(
    'La base de données est momentanément injoignable. Réessayez dans quelques instants ; si cela dure, prévenez votre administrateur.',
    'The database cannot be reached for the moment. Try again in a few moments; if it lasts, tell your administrator.',
  ),
  'error.database-timeout': title(
    'La base de données a mis trop de temps à répondre : l\'opération a été interrompue. Réessayez dans quelques instants ; si cela se reproduit, prévenez votre administrateur.',
    'The database took too long to answer: the operation was stopped. Try again in a few moments; if it happens again, tell your administrator.',
  ),
  'error.engine-unavailable': title(
    'Le moteur de processus est momentanément injoignable : cette action n\'a pas pu être faite. Réessayez dans quelques instants ; si cela dure, prévenez votre administrateur.',
    'The process engine cannot be reached for the moment: this action could not be done. Try again in a few moments; if it lasts, tell your administrator.',
  ),

  'field.required': title('est obligatoire', 'is required'),
  'field.required-because': entry({
    example: { why: 'say why' },
    fr: () => 'est obligatoire : indiquez la raison', en: () => 'is required: say why',
  }),
  'field.wrong-type': entry({
    example: { expected: 'string' },
    fr: (p) => `doit être ${({ string: 'un texte', number: 'un nombre', boolean: 'vrai ou faux', object: 'un objet', array: 'une liste', int: 'un nombre entier' } as Record<string, string>)[p.expected] ?? `de type ${p.expected}`}`,
    en: (p) => `must be ${p.expected}`,
  }),
  'field.too-long': entry({ example: { max: 200 }, fr: (p) => `doit faire au plus ${p.max} caractères`, en: (p) => `must be at most ${p.max} characters` }),
  'field.too-short': entry({ example: { min: 12 }, fr: (p) => `doit faire au moins ${p.min} caractères`, en: (p) => `must be at least ${p.min} characters` }),
  'field.too-deep': entry({ example: { max: 64 }, fr: (p) => `imbrique plus de ${p.max} niveaux d'objets ou de tableaux`, en: (p) => `nests more than ${p.max} levels of objects or arrays` }),
  'field.too-few': entry({ example: { min: 1 }, fr: (p) => `doit contenir au moins ${p.min} élément(s)`, en: (p) => `must have at least ${p.min} item(s)` }),
  'field.too-many': entry({ example: { max: 10 }, fr: (p) => `doit contenir au plus ${p.max} élément(s)`, en: (p) => `must have at most ${p.max} item(s)` }),
  'field.too-small': entry({ example: { min: 0 }, fr: (p) => `doit être au moins ${p.min}`, en: (p) => `must be at least ${p.min}` }),
  'field.too-big': entry({ example: { max: 200 }, fr: (p) => `doit être au plus ${p.max}`, en: (p) => `must be at most ${p.max}` }),
  'field.one-of': entry({
    example: { values: ['planned', 'closed'] as readonly unknown[] },
    fr: (p, f) => `doit valoir ${f.list(p.values.map((v) => `« ${String(v)} »`)).replace(/ et /, ' ou ')}`,
    en: (p) => `must be one of: ${p.values.map(String).join(', ')}`,
  }),
  'field.invalid': title('n\'est pas une valeur acceptée', 'is not a valid value'),
  'field.unknown': title('n\'est pas un champ connu : retirez-le', 'is not a known field; remove it'),
  'field.nul': title('ne doit pas contenir le caractère NUL', 'must not contain the NUL character'),
  'field.email': title('n\'est pas une adresse e-mail valide', 'is not a valid email address'),
  'field.phone': title(
    'n\'est pas un numéro de téléphone valide (par exemple 06 12 34 56 78 ou +33 6 12 34 56 78)',
    'is not a valid phone number (e.g. 06 12 34 56 78 or +33 6 12 34 56 78)',
  ),
  'field.country': title('doit être un code pays ISO 3166, comme FR', 'must be an ISO 3166 country code such as FR'),
  'field.uuid': title('doit être un identifiant (UUID)', 'must be an identifier (UUID)'),
  'field.uuid-or-null': title('doit être un identifiant (UUID) ou « null »', 'must be an identifier (UUID) or "null"'),
  'field.user-id': title('doit être un identifiant d\'utilisateur', 'must be a user id'),
  'field.whole-cents': title('doit être un nombre entier de centimes', 'must be a whole number of cents'),
  'field.whole-number': title('doit être un nombre entier', 'must be a whole number'),
  'field.decimals': entry({ example: { max: 3 }, fr: (p) => `doit avoir au plus ${p.max} décimales`, en: (p) => `must have at most ${p.max} decimal places` }),
  'field.more-than-zero': title('doit être supérieur à zéro', 'must be more than zero'),
  'field.postal-code': title('n\'est pas un code postal valide', 'is not a valid postal code'),
  'field.siren': title('doit compter 9 chiffres (SIREN)', 'must be 9 digits (SIREN)'),
  'field.siret': title('doit compter 14 chiffres (SIRET)', 'must be 14 digits (SIRET)'),
  'field.vat': title('doit être un numéro de TVA intracommunautaire, comme FR40303265045', 'must be an intra-EU VAT number such as FR40303265045'),
  'field.code-chars': title(
    'ne peut contenir que des lettres, des chiffres, des points, des tirets et des tirets bas',
    'may contain only letters, digits, dots, dashes and underscores',
  ),
  'field.date-time': title('doit être une date et une heure, comme 2026-06-04T13:00:00+02:00', 'must be a date and time such as 2026-06-04T13:00:00+02:00'),
  'field.after-start': title('doit être après le début', 'must be after the start'),
  'field.not-above-total': title('ne peut pas dépasser le montant total', 'cannot exceed the total amount'),
  'field.must-confirm': title('doit être confirmé (cochez la case)', 'must be confirmed (tick the box)'),
  'field.iso-date': title('doit être une date, comme 2026-04-18', 'must be a date such as 2026-04-18'),
  'field.boolean-text': title('doit valoir true ou false', 'must be true or false'),
  'field.role-key': title('n\'est pas une clé de rôle', 'is not a role key'),
  'field.at-least-one-role': title('doit contenir au moins un rôle', 'give at least one role'),
  'field.required-for-site': title('est obligatoire quand l\'objet est « site »', 'is required when purpose is "site"'),
  'field.required-for-billing': title('est obligatoire quand l\'objet est « billing »', 'is required when purpose is "billing"'),
  'field.search-too-short': title('doit compter au moins 2 caractères', 'must have at least 2 characters'),
  'field.process-key': title('doit être l\'identifiant d\'un processus déployé', 'must be the id of a deployed process'),
  'field.no-slash': title('ne peut pas contenir « / »', 'may not contain "/"'),
  'field.iso-duration': title('doit être une durée ISO 8601, comme PT10M, PT1H ou P2D', 'must be an ISO 8601 duration such as PT10M, PT1H or P2D'),
  'field.iso-days': title('doit être une durée ISO 8601 en jours ou en semaines, comme P7D ou P3W', 'must be an ISO 8601 duration in days or weeks such as P7D or P3W'),
  'field.duration-range': title('doit être supérieure à zéro et au plus P7D (7 jours)', 'must be more than zero and at most P7D (7 days)'),
  'field.give-one-of': entry({
    example: { names: ['contactId', 'to'] as readonly string[] },
    fr: (p, f) => `indiquez ${f.list(p.names).replace(/ et /, ' ou ')}`,
    en: (p) => `give ${p.names.join(' or ')}`,
  }),
  'field.give-exactly-one': entry({
    example: { names: ['templateKey', 'body'] as readonly string[] },
    fr: (p) => `indiquez soit ${p.names[0]}, soit ${p.names[1]}, pas les deux`,
    en: (p) => `give either ${p.names[0]} or ${p.names[1]}, not both`,
  }),
  'field.go-together': entry({
    example: { names: ['recordType', 'recordId'] as readonly string[] },
    fr: (p) => `${p.names[0]} et ${p.names[1]} vont ensemble`,
    en: (p) => `${p.names[0]} and ${p.names[1]} go together`,
  }),
  'field.template-key': title(
    'doit être fait de minuscules, de chiffres, de points et de tirets (par exemple « payment-reminder »)',
    'must be lower-case letters, digits, dots and dashes (e.g. "payment-reminder")',
  ),
  'field.twilio-account-sid': title('doit ressembler à AC suivi de 32 caractères hexadécimaux', 'must look like AC followed by 32 hexadecimal characters'),
  'field.twilio-service-sid': title('doit ressembler à MG suivi de 32 caractères hexadécimaux', 'must look like MG followed by 32 hexadecimal characters'),
  'field.template-or-body': title('indiquez templateId, ou kind et body', 'give templateId, or kind and body'),
  'field.sort': entry({
    example: { sorts: ['name', '-createdAt'] as readonly string[] },
    fr: (p) => `doit valoir l'un de : ${p.sorts.join(', ')}`, en: (p) => `must be one of: ${p.sorts.join(', ')}`,
  }),
  'field.not-a-filter': entry({
    example: { filters: ['ownerId', 'status'] as readonly string[] },
    fr: (p) => `n'est pas un filtre de cette liste ; filtres : ${p.filters.join(', ')}`,
    en: (p) => `is not a filter of this list; filters: ${p.filters.join(', ')}`,
  }),
  'field.cursor-other-sort': title('ne correspond pas à ce tri ; recommencez sans lui', 'does not belong to this sort; start again without it'),
  'field.cursor-unknown': title('n\'est pas un curseur rendu par cette API ; recommencez sans lui', 'is not a cursor this API returned; start again without it'),
  'field.no-such-account': title('ne désigne aucun compte que vous pouvez voir', 'refers to no account you can see'),
  'field.no-such-user': title('ne désigne aucun utilisateur de cette organisation', 'refers to no user of this organisation'),
  'field.same-account': entry({
    example: { what: 'site' as 'site' | 'billing site' | 'contact' },
    fr: (p) => `doit être ${({ site: 'un site', 'billing site': 'un site de facturation', contact: 'un contact' })[p.what]} du même compte`,
    en: (p) => `must be a ${p.what} of the same account`,
  }),
  'field.contact-account': entry({
    example: { what: 'site' as 'site' | 'billing site' },
    fr: (p) => `doit être ${p.what === 'site' ? 'un site' : 'un site de facturation'} du compte du contact`,
    en: (p) => `must be a ${p.what} of the contact's account`,
  }),
  'field.not-an-assignment': title('n\'est pas une affectation de ce contact', 'is not an assignment of this contact'),
  'field.file-required': title('est obligatoire (champ « file » d\'un envoi multipart/form-data)', 'is required (multipart/form-data field "file")'),
  'field.etag': title('doit être l\'ETag de l\'enregistrement, par exemple "3"', 'must be the record\'s ETag, e.g. "3"'),
  'field.file-name': title('doit avoir un nom de fichier', 'must have a file name'),

  'documents.forbidden-create': title(
    'Vous ne pouvez pas ajouter de documents à ce compte (permission core.document.create).',
    'You may not add documents to this account (permission core.document.create).',
  ),
  'documents.forbidden-read': title(
    'Vous ne pouvez pas consulter les documents de ce compte (permission core.document.read).',
    'You may not view this account\'s documents (permission core.document.read).',
  ),
  'documents.file-missing': title(
    'Le fichier de ce document n\'est pas (encore) sur ce site : sur le site de secours, il arrive à la prochaine copie des documents (chaque minute). Réessayez dans un instant.',
    'This document\'s file is not on this site (yet): on the second site it arrives with the next copy of the documents (every minute). Try again in a moment.',
  ),
  'system.smoke-forbidden-create': title(
    'Vous ne pouvez pas lancer d\'exécution de contrôle (permission system.smoke.create).',
    'You may not start a smoke run (permission system.smoke.create).',
  ),
  'system.smoke-forbidden-read': title(
    'Vous ne pouvez pas consulter les exécutions de contrôle (permission system.smoke.read).',
    'You may not view smoke runs (permission system.smoke.read).',
  ),

  'upload.too-large': entry({
    example: { kind: 'workbook' as 'file' | 'workbook', megabytes: 5 },
    fr: (p) => (p.kind === 'workbook'
      ? `Le classeur est trop volumineux (${p.megabytes} Mo au plus). Divisez-le en plusieurs classeurs.`
      : `Le fichier est trop volumineux (${p.megabytes} Mo au plus).`),
    en: (p) => (p.kind === 'workbook'
      ? `The spreadsheet is too large (limit ${p.megabytes} MB). Split it into several workbooks.`
      : `The file is too large (limit ${p.megabytes} MB).`),
  }),
  'upload.invalid': entry({
    example: { kind: 'workbook' as 'file' | 'workbook', form: 'LIMIT_UNEXPECTED_FILE' as string | null },
    fr: (p) => `${p.form ? `le formulaire envoyé n'est pas celui attendu (${p.form})` : 'le corps multipart est mal formé'} : envoyez ${p.kind === 'workbook' ? 'un classeur .xlsx' : 'un fichier'} dans le champ multipart « file »`,
    en: (p) => `${p.form ? `the form sent is not the expected one (${p.form})` : 'the multipart body is malformed'}: send ${p.kind === 'workbook' ? 'an .xlsx workbook' : 'a file'} in the multipart field "file"`,
  }),
  'upload.invalid-detail': entry({
    example: { message: 'the multipart body is malformed' as import('./messages').Text },
    fr: (p, f) => `Envoi de fichier invalide : ${f.text(p.message)}.`, en: (p, f) => `Invalid file upload: ${f.text(p.message)}.`,
  }),
  'workbook.too-many-entries': entry({
    example: { max: 10_000 },
    fr: (p) => `Le classeur contient trop d'éléments internes (${p.max} au maximum) : ce n'est pas un classeur ordinaire.`,
    en: (p) => `The workbook holds too many internal parts (at most ${p.max}): it is not an ordinary workbook.`,
  }),
  'workbook.compression': entry({
    example: { ratio: 100 },
    fr: (p) => `Le classeur est anormalement compressé (un élément s'y décompresse plus de ${p.ratio} fois) : ce n'est pas un classeur ordinaire.`,
    en: (p) => `The workbook is abnormally compressed (a part inflates more than ${p.ratio} times): it is not an ordinary workbook.`,
  }),
  'workbook.unpacked-too-large': entry({
    example: { megabytes: 50 },
    fr: (p) => `Le classeur est trop volumineux une fois décompressé (${p.megabytes} Mo au maximum).`,
    en: (p) => `The workbook is too large once unpacked (at most ${p.megabytes} MB).`,
  }),
  'workbook.too-much-memory': entry({
    example: { megabytes: 256 },
    fr: (p) => `Le classeur demande trop de mémoire à la lecture (${p.megabytes} Mo au maximum) : divisez-le en plusieurs classeurs.`,
    en: (p) => `The workbook needs too much memory to read (at most ${p.megabytes} MB): split it into several workbooks.`,
  }),

  'record.forbidden-kind': entry({
    example: { fr: 'comptes', en: 'accounts', permission: 'core.account.read' },
    fr: (p) => `Vous ne pouvez pas consulter les ${p.fr}. Demandez à un administrateur la permission ${p.permission}.`,
    en: (p) => `You may not view ${p.en}. Ask an administrator for the permission ${p.permission}.`,
  }),
  'record.forbidden-action': entry({
    example: { fr: 'compte', en: 'account', action: 'update' as 'update' | 'delete' | 'create' | 'read', permission: 'core.account.update' },
    fr: (p) => `Vous ne pouvez pas ${({ update: 'modifier', delete: 'supprimer', create: 'créer', read: 'consulter' })[p.action]} cet enregistrement (${p.fr}) : votre rôle n'accorde ${p.permission} que sur vos propres enregistrements ou ceux qui vous sont confiés, ou pas du tout.`,
    en: (p) => `You may not ${p.action} this ${p.en}: your role grants ${p.permission} only on your own or assigned records, or not at all.`,
  }),
  'record.forbidden-create': entry({
    example: { fr: 'compte', en: 'account', permission: 'core.account.create' },
    fr: (p) => `Vous ne pouvez pas créer d'enregistrement de ce type (${p.fr}). Demandez à un administrateur la permission ${p.permission}.`,
    en: (p) => `You may not create a ${p.en}. Ask an administrator for the permission ${p.permission}.`,
  }),
  'record.forbidden-create-under-account': entry({
    example: { fr: 'contact', en: 'contact', permission: 'core.contact.create' },
    fr: (p) => `Vous ne pouvez pas ajouter d'enregistrement (${p.fr}) à ce compte : votre rôle n'accorde ${p.permission} que sur vos propres comptes.`,
    en: (p) => `You may not add a ${p.en} to this account: your role grants ${p.permission} only on your own accounts.`,
  }),
  'record.number-import-only': entry({
    example: { fr: 'contrat', en: 'contract' },
    fr: (p) => `Seul un import garde le numéro qu'un enregistrement (${p.fr}) a déjà ; les autres sont numérotés par Relais.`,
    en: (p) => `Only an import keeps the number a ${p.en} already has; other records are numbered by Relais.`,
  }),
  'record.create-as-owner': entry({
    example: { fr: 'compte', en: 'account' },
    fr: (p) => `Vous ne pouvez créer cet enregistrement (${p.fr}) qu'en tant que propriétaire.`,
    en: (p) => `You may create a ${p.en} only as its owner.`,
  }),
  'record.hidden-fields': entry({
    example: { fields: ['ownerId'] as readonly string[] },
    fr: (p) => `Vous ne pouvez pas modifier : ${p.fields.join(', ')}.`, en: (p) => `You may not change: ${p.fields.join(', ')}.`,
  }),
  'record.moved-out-of-scope': entry({
    example: { fr: 'compte', en: 'account' },
    fr: (p) => `Cette modification sortirait l'enregistrement (${p.fr}) de ce que vous pouvez modifier (par exemple en le confiant à un autre propriétaire).`,
    en: (p) => `This change would move the ${p.en} outside what you may edit (for example, giving it to another owner).`,
  }),
});

export const coreMessage = messagesOf(coreMessages);
export type CoreMessageCode = keyof typeof coreMessages;
