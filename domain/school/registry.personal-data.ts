import { PLATFORM_SECURITY_MEASURES, RECIPIENTS, TRACKING, cols, p, type PersonalDataDeclaration } from '../gdpr/personal-data';

/** The people of the registry: prospects, enrolled students and alumni (spec 004). */
export const STUDENTS_SUBJECT = { fr: 'Étudiants, prospects et anciens élèves de l’école', en: 'The school’s students, prospects and alumni' };

/**
 * The student registry's personal data (docs/adr/0022, ADR 0049): every column of `school_students`. The NIR is
 * sensitive (its own category): sealed, found by a keyed hash, masked; erased (sealed value), pseudonymised (hash,
 * which must stay unique) and reduced to two digits (last digits) when a row is anonymised.
 */
export const registryPersonalData: PersonalDataDeclaration = {
  activities: [
    {
      key: 'school.registry',
      name: { fr: 'Référentiel unique des étudiants', en: 'Single student registry' },
      purpose: {
        fr: 'Tenir le dossier administratif des prospects, étudiants et anciens élèves (identité, NIR, coordonnées, cursus, promotion, employeur des alumni) et l’importer depuis le registre Excel',
        en: 'Keep the administrative file of prospects, students and alumni (identity, NIR, contact details, cursus, class year, alumni’s employer) and import it from the Excel registry',
      },
      legalBasis: 'public-task',
      dataSubjects: [STUDENTS_SUBJECT],
      recipients: [RECIPIENTS.staff, RECIPIENTS.host,
        { fr: 'L’étudiant concerné (portail étudiant)', en: 'The student concerned (student portal)' }],
      retention: {
        duration: 'P5Y',
        from: {
          fr: 'après la fin du cursus (l’année de promotion) pour les alumni, après le dernier échange pour les prospects',
          en: 'after the cursus ends (the class year) for alumni, after the last exchange for prospects',
        },
        legalReference: 'Code de l’éducation, art. L. 401-1 et instructions de tri des archives des établissements d’enseignement supérieur',
      },
      securityMeasures: [
        ...PLATFORM_SECURITY_MEASURES,
        { fr: 'NIR chiffré (AES-256-GCM lié à l’organisation), retrouvé par empreinte HMAC, masqué sauf aux rôles habilités', en: 'NIR encrypted (AES-256-GCM bound to the organisation), found by an HMAC fingerprint, masked but to the allowed roles' },
      ],
    },
  ],
  tables: {
    school_students: {
      activity: 'school.registry',
      personal: {
        last_name: p.mask('identity', 'initials'),
        first_name: p.mask('identity', 'initials'),
        nir_sealed: p.erase('nir', { sensitive: true }),
        nir_hash: p.pseudonymise('nir', { sensitive: true }),
        nir_last_digits: p.mask('nir', 'phone-last-digits', { sensitive: true }),
        address: p.erase('address'),
        postal_code: p.mask('address', 'postal-department'),
        city: p.keep('address'),
        email: p.erase('contact'),
        personal_phone: p.erase('contact'),
        professional_phone: p.erase('contact'),
        cursus: p.keep('professional'),
        promotion: p.keep('professional'),
        notes: p.erase('free-text'),
        search_name: p.erase('identity'),
        search: p.erase('identity'),
      },
      notPersonal: cols(TRACKING, 'number status company_id user_id'),
      // Alumni five years after their class year, prospects five years after their record last changed; enrolled students stay.
      retention: {
        clock: "case when t.status = 'alumni' and t.promotion is not null then make_date(t.promotion, 12, 31) else t.updated_at end",
        scope: "t.status <> 'enrolled'",
        action: 'delete',
      },
    },
  },
  subjects: [
    { kind: 'school-student', label: { fr: 'Étudiant de l’école', en: 'A student of the school' }, table: 'school_students', name: ['first_name', 'last_name'], addresses: ['email', 'personal_phone', 'professional_phone'] },
  ],
  subjectLinks: {
    // A portal user's rows: their own student record.
    user: [{ match: 'ref', table: 'school_students', column: 'user_id', from: 'users' }],
  },
};
