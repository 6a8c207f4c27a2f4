import { defineMessages, entry, messagesOf } from '../i18n/messages';

/** The student portal, its correction requests and the grades from GetEtu (issue 18, ADR 0053), French first (ADR 0010). */
export const portalMessages = defineMessages({
  'school.portal.no-student': {
    fr: 'Aucune fiche étudiante n’est liée à votre compte : demandez au pôle scolarité de la relier',
    en: 'No student record is linked to your account: ask the student office to link it',
  },
  'school.portal.forbidden': { fr: 'Le portail étudiant est réservé aux étudiants et aux alumni', en: 'The student portal is for students and alumni' },
  'school.portal.student': { fr: 'fiche étudiante', en: 'student record' },
  'school.portal.request': { fr: 'demande de correction', en: 'correction request' },
  'school.portal.alumnus': { fr: 'alumni', en: 'alumnus' },
  'school.portal.forbidden-requests': { fr: 'Les demandes de correction sont traitées par le pôle scolarité', en: 'Correction requests are handled by the student office' },
  'school.portal.forbidden-grades': { fr: 'Seuls les professeurs et le pôle scolarité importent les notes', en: 'Only teachers and the student office import grades' },
  'school.portal.already-decided': entry({
    example: { status: 'accepted' },
    fr: (p) => `Cette demande a déjà été ${p.status === 'accepted' ? 'acceptée' : 'refusée'}`,
    en: (p) => `This request was already ${String(p.status)}`,
  }),
  'school.portal.answer-needed': { fr: 'Un refus doit être motivé : écrivez la réponse à l’étudiant', en: 'A refusal needs a reason: write the answer to the student' },
  'school.portal.same-value': { fr: 'La valeur demandée est celle déjà enregistrée', en: 'The requested value is the one already recorded' },
  'school.portal.nir-taken': { fr: 'Ce numéro de sécurité sociale est déjà celui d’un autre étudiant : vérifiez les deux fiches', en: 'This social security number already belongs to another student: check both records' },
  'school.portal.pending-exists': { fr: 'Une demande est déjà en attente pour ce champ : attendez la réponse du pôle scolarité', en: 'A request is already pending for this field: wait for the student office’s answer' },
  'school.portal.field-name': { fr: 'doit être au moins une lettre, 100 caractères au plus', en: 'must be at least one letter, 100 characters at most' },
  'school.portal.field-nir': { fr: 'n’est pas un numéro de sécurité sociale valide (15 caractères, clé de contrôle)', en: 'is not a valid social security number (15 characters, control key)' },
  'school.portal.field-status': { fr: 'doit être prospect, en fonction ou alumni', en: 'must be prospect, enrolled or alumni' },
  'school.portal.field-promotion': { fr: 'doit être une année de promotion, comme 2027', en: 'must be a class year, like 2027' },
  'school.portal.field-text': { fr: 'doit être renseigné, 200 caractères au plus', en: 'must be filled in, 200 characters at most' },
  'school.portal.field-postal-code': { fr: 'doit être un code postal à 5 chiffres, comme 35000', en: 'must be a 5-digit postal code, like 35000' },
  'school.portal.field-phone': { fr: 'doit être un numéro de téléphone, comme 06 12 34 56 78 ou +33 6 12 34 56 78', en: 'must be a phone number, like 06 12 34 56 78 or +33 6 12 34 56 78' },
  'school.portal.field-email': { fr: 'doit être une adresse e-mail, comme prenom.nom@exemple.fr', en: 'must be an e-mail address, like first.last@example.com' },
  'school.portal.field-reason': { fr: 'expliquez la correction en quelques mots (500 caractères au plus)', en: 'explain the correction in a few words (500 characters at most)' },
  'school.grades.empty': { fr: 'Le fichier ne contient aucune note', en: 'The file holds no grade' },
  'school.grades.too-many': entry({
    example: { max: 20_000 },
    fr: (p) => `Le fichier dépasse ${String(p.max)} lignes : découpez-le par semestre`,
    en: (p) => `The file has more than ${String(p.max)} rows: split it by term`,
  }),
  'school.grades.csv-unreadable': entry({
    example: { reason: 'Invalid Closing Quote' },
    fr: (p) => `Le fichier n’est pas un CSV lisible (${String(p.reason)}) : enregistrez-le en CSV séparé par des points-virgules`,
    en: (p) => `The file is not readable CSV (${String(p.reason)}): save it as semicolon-separated CSV`,
  }),
  'school.grades.csv-header': entry({
    example: { missing: 'semestre' },
    fr: (p) => `L’en-tête du fichier n’a pas la colonne « ${String(p.missing)} » (attendu : nir ou numero_etudiant ; semestre ; code_cours ; intitule_cours ; note ; coefficient ; enseignant)`,
    en: (p) => `The file's header lacks the column "${String(p.missing)}" (expected: nir or numero_etudiant; semestre; code_cours; intitule_cours; note; coefficient; enseignant)`,
  }),
  'school.grades.no-student-key': { fr: 'ni numéro de sécurité sociale ni numéro d’étudiant', en: 'neither a social security number nor a student number' },
  'school.grades.bad-nir': { fr: 'le numéro de sécurité sociale n’est pas valide', en: 'the social security number is not valid' },
  'school.grades.unknown-student': { fr: 'aucun étudiant de l’école ne correspond à cet identifiant', en: 'no student of the school matches this identifier' },
  'school.grades.bad-number': { fr: 'le numéro d’étudiant doit être un nombre entier', en: 'the student number must be a whole number' },
  'school.grades.bad-term': { fr: 'le semestre manque ou est trop long (comme 2026-S1)', en: 'the term is missing or too long (like 2026-S1)' },
  'school.grades.bad-course': { fr: 'le code ou l’intitulé du cours manque', en: 'the course code or label is missing' },
  'school.grades.bad-grade': entry({
    example: { value: 'vingt' },
    fr: (p) => `« ${String(p.value)} » n’est pas une note sur 20, comme 14,5`,
    en: (p) => `"${String(p.value)}" is not a grade out of 20, like 14.5`,
  }),
  'school.grades.bad-coefficient': entry({
    example: { value: '-1' },
    fr: (p) => `« ${String(p.value)} » n’est pas un coefficient positif, comme 2`,
    en: (p) => `"${String(p.value)}" is not a positive coefficient, like 2`,
  }),
  'school.grades.duplicate': entry({
    example: { row: 2 },
    fr: (p) => `même étudiant, semestre et cours que la ligne ${String(p.row)}`,
    en: (p) => `same student, term and course as row ${String(p.row)}`,
  }),
  'school.grades.body': { fr: 'Envoyez les notes en JSON (« rows ») ou en CSV (« csv »), pas les deux', en: 'Send the grades as JSON ("rows") or as CSV ("csv"), not both' },
});

export const portalMessage = messagesOf(portalMessages);
