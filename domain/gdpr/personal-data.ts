import { z } from 'zod';
import { dataSubject, notAboutSubjects, subjectLinks } from './subjects.schema';

/**
 * Personal data, declared beside each module's schemas (issue 15, docs/adr/0022-personal-data-declarations.md).
 * A module says, for every column of every table it owns, whether it holds personal data about a person,
 * sensitive data, or nothing personal; for each personal column, the processing activity it serves, the
 * category of data and the operator that anonymises it. `test/integration/gdpr-coverage.test.ts` reads the
 * migrated schema and fails on a column no declaration covers. A reference to a person (`created_by`,
 * `contact_id`) is not personal in itself: the person's identity lives in the row it points to and is
 * anonymised there.
 */

/** How a personal value is anonymised (pure functions: `operators.ts`). */
export const anonymisationOperator = z.discriminatedUnion('kind', [
  /** Removed: null (or an empty value where the column needs one). */
  z.object({ kind: z.literal('erase') }).strict(),
  /** Replaced by a keyed hash; the tenant's key is escrowed, so a legal authority can link two pseudonyms. */
  z.object({ kind: z.literal('pseudonymise') }).strict(),
  /** Partly hidden: an address reduced to its town, an e-mail to its domain, a phone to its last two digits. */
  z.object({ kind: z.literal('mask'), keep: z.enum(['town', 'postal-department', 'email-domain', 'phone-last-digits', 'initials']) }).strict(),
  /** Made coarser: a date to its month or year. */
  z.object({ kind: z.literal('generalise'), to: z.enum(['month', 'year']) }).strict(),
  /** Kept as it is: a legal obligation (an invoice's buyer) outweighs erasure until the retention ends. */
  z.object({ kind: z.literal('keep') }).strict(),
]);
export type AnonymisationOperator = z.infer<typeof anonymisationOperator>;

/** Categories of data, as the register lists them (CNIL's model). */
export const DATA_CATEGORIES = {
  identity: { fr: 'État civil, identité', en: 'Identity' },
  contact: { fr: 'Coordonnées', en: 'Contact details' },
  address: { fr: 'Adresse postale', en: 'Postal address' },
  professional: { fr: 'Vie professionnelle', en: 'Professional life' },
  economic: { fr: 'Informations d’ordre économique et financier', en: 'Economic and financial information' },
  connection: { fr: 'Données de connexion', en: 'Connection data' },
  location: { fr: 'Données de localisation', en: 'Location data' },
  'free-text': { fr: 'Commentaires libres', en: 'Free-text comments' },
  correspondence: { fr: 'Correspondances', en: 'Correspondence' },
  'personal-life': { fr: 'Vie personnelle', en: 'Personal life' },
  health: { fr: 'Santé (donnée sensible)', en: 'Health (special category)' },
  nir: { fr: 'Numéro de sécurité sociale (NIR)', en: 'Social security number (NIR)' },
  offence: { fr: 'Infractions, constats d’audit', en: 'Offences, audit findings' },
} as const;
export type DataCategory = keyof typeof DATA_CATEGORIES;
const dataCategory = z.enum(Object.keys(DATA_CATEGORIES) as [DataCategory, ...DataCategory[]]);

/** One personal column: its category, its operator, and whether it is sensitive (art. 9, the NIR, audit findings). */
export const personalColumn = z.object({
  category: dataCategory,
  operator: anonymisationOperator,
  sensitive: z.boolean().default(false),
  /** The activity it serves when not its table's (an invoice's buyer in a billing table belongs to « facturation »). */
  activity: z.string().optional(),
  /**
   * For a kept column: the operator the retention run applies once its table's retention ended (an invoice's buyer
   * is kept ten years, then erased). Erasure never applies it: it keeps the value and says why (ADR 0027).
   */
  release: anonymisationOperator.optional(),
}).strict();
export type PersonalColumn = z.infer<typeof personalColumn>;

/**
 * How a table's rows reach the end of their retention (issue 15, docs/adr/0026-retention.md): the clock is the
 * data's own moment — an SQL expression over the row (`t`), a timestamp or a date such as
 * `coalesce(t.closed_at, t.updated_at)` — never when the row was written back (a restored row keeps its clock);
 * `scope` (SQL over `t`) keeps the rows it applies to (prospects, not clients); `action` anonymises the row with
 * its columns' operators, or deletes it. The duration is its activity's retention rule.
 */
export const tableRetention = z.object({
  clock: z.string().min(1),
  scope: z.string().min(1).optional(),
  action: z.enum(['anonymise', 'delete']).default('anonymise'),
}).strict();
export type TableRetention = z.input<typeof tableRetention>;

export const tableDeclaration = z.object({
  /** The processing activity the table's personal data serves (a key of the module's `activities`, or another module's). */
  activity: z.string().min(1),
  personal: z.record(z.string(), personalColumn).default({}),
  /** Every other column, listed: nothing personal in it (identifiers, amounts, statuses, references to a person). */
  notPersonal: z.array(z.string()),
  /** When its rows expire (the activity's duration after the clock); a table without one is not enforced by the retention run. */
  retention: tableRetention.optional(),
}).strict();
export type TableDeclaration = z.input<typeof tableDeclaration>;

const text = z.object({ fr: z.string().min(1), en: z.string().min(1) }).strict();
export const LEGAL_BASES = {
  contract: { fr: 'Exécution d’un contrat (art. 6.1.b)', en: 'Performance of a contract (art. 6.1.b)' },
  'legal-obligation': { fr: 'Obligation légale (art. 6.1.c)', en: 'Legal obligation (art. 6.1.c)' },
  consent: { fr: 'Consentement (art. 6.1.a)', en: 'Consent (art. 6.1.a)' },
  'legitimate-interest': { fr: 'Intérêt légitime (art. 6.1.f)', en: 'Legitimate interest (art. 6.1.f)' },
  'public-task': { fr: 'Mission d’intérêt public (art. 6.1.e)', en: 'Public task (art. 6.1.e)' },
  'vital-interest': { fr: 'Intérêts vitaux (art. 6.1.d)', en: 'Vital interests (art. 6.1.d)' },
} as const;
export type LegalBasis = keyof typeof LEGAL_BASES;

/** A retention rule: how long after which moment, and the law that sets it when one does. */
export const retentionRule = z.object({
  /** ISO 8601 duration: `P3Y`, `P10Y`, `P30D`. */
  duration: z.string().regex(/^P(\d+Y)?(\d+M)?(\d+D)?$/, 'durée ISO 8601 (P3Y, P30D)'),
  /** The moment the clock starts (« après le dernier contact »). */
  from: text,
  /** The legal text that sets it, when one does (Code de commerce, art. L123-22). */
  legalReference: z.string().optional(),
}).strict();
export type RetentionRule = z.infer<typeof retentionRule>;

/** A processing activity (article 30 GDPR): what the register says of it before the organisation edits it. */
export const processingActivity = z.object({
  key: z.string().regex(/^[a-z]+(\.[a-z-]+)+$/),
  name: text,
  purpose: text,
  legalBasis: z.enum(Object.keys(LEGAL_BASES) as [LegalBasis, ...LegalBasis[]]),
  /** Categories of people concerned (clients, contacts of client companies, collaborators…). */
  dataSubjects: z.array(text).min(1),
  /** Who receives the data (internal services, subcontractors, authorities). */
  recipients: z.array(text).min(1),
  retention: retentionRule,
  securityMeasures: z.array(text).default([]),
}).strict();
export type ProcessingActivity = z.input<typeof processingActivity>;

/** What a module declares (`DomainModule.personalData`): its activities and every column of every table it owns. */
export const personalDataDeclaration = z.object({
  activities: z.array(processingActivity).default([]),
  tables: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), tableDeclaration),
  /** The kinds of person a rights request can be about that this module owns (subjects.schema.ts, ADR 0023). */
  subjects: z.array(dataSubject).default([]),
  /** How its tables' rows about a person are found, by subject kind (`*`: every kind). */
  subjectLinks: subjectLinks.default({}),
  /** Its tables with personal data no request can be about, each with why. */
  notAboutSubjects: notAboutSubjects.default({}),
}).strict();
export type PersonalDataDeclaration = z.input<typeof personalDataDeclaration>;
export type ParsedPersonalData = z.output<typeof personalDataDeclaration>;

/** The columns every business table has and that say nothing of a person. */
export const TRACKING = ['id', 'tenant_id', 'created_by', 'created_at', 'updated_at', 'version'] as const;

/** `cols('id tenant_id name')` → the listed column names (declarations read better as one line). */
export function cols(...lists: Array<string | readonly string[]>): string[] {
  return lists.flatMap((l) => (typeof l === 'string' ? l.split(/\s+/).filter(Boolean) : [...l]));
}

/** Shorthands for the usual personal columns. */
export const p = {
  erase: (category: DataCategory, extra: Partial<PersonalColumn> = {}): PersonalColumn => ({ category, operator: { kind: 'erase' }, sensitive: false, ...extra }),
  keep: (category: DataCategory, extra: Partial<PersonalColumn> = {}): PersonalColumn => ({ category, operator: { kind: 'keep' }, sensitive: false, ...extra }),
  pseudonymise: (category: DataCategory, extra: Partial<PersonalColumn> = {}): PersonalColumn => ({ category, operator: { kind: 'pseudonymise' }, sensitive: false, ...extra }),
  mask: (category: DataCategory, keep: Extract<AnonymisationOperator, { kind: 'mask' }>['keep'], extra: Partial<PersonalColumn> = {}): PersonalColumn =>
    ({ category, operator: { kind: 'mask', keep }, sensitive: false, ...extra }),
  generalise: (category: DataCategory, to: 'month' | 'year', extra: Partial<PersonalColumn> = {}): PersonalColumn =>
    ({ category, operator: { kind: 'generalise', to }, sensitive: false, ...extra }),
};

/** A postal address block (lines erased, postal code to its département, town kept). */
export function addressColumns(prefix = ''): Record<string, PersonalColumn> {
  return {
    [`${prefix}address_line1`]: p.erase('address'),
    [`${prefix}address_line2`]: p.erase('address'),
    [`${prefix}postal_code`]: p.mask('address', 'postal-department'),
    [`${prefix}city`]: p.keep('address'),
  };
}

/** The security measures every activity on Relais shares (the register pre-fills them; the organisation completes them). */
export const PLATFORM_SECURITY_MEASURES = [
  { fr: 'Cloisonnement des organisations par sécurité au niveau des lignes (PostgreSQL RLS)', en: 'Organisations isolated by row-level security (PostgreSQL RLS)' },
  { fr: 'Habilitations par rôle et par périmètre, journal des accès chaîné', en: 'Role- and scope-based permissions, hash-chained access log' },
  { fr: 'Mots de passe hachés (scrypt), sessions révocables', en: 'Hashed passwords (scrypt), revocable sessions' },
  { fr: 'Secrets et variables de processus chiffrés (AES-256-GCM)', en: 'Secrets and process variables encrypted (AES-256-GCM)' },
  { fr: 'Historique des modifications de chaque fiche', en: 'History of every record’s changes' },
];

/** « Collaborateurs de l'organisation » and the other people categories the declarations share. */
export const SUBJECTS = {
  staff: { fr: 'Collaborateurs de l’organisation', en: 'The organisation’s staff' },
  clients: { fr: 'Clients particuliers', en: 'Individual clients' },
  clientContacts: { fr: 'Contacts des entreprises clientes', en: 'Contacts of client companies' },
  prospects: { fr: 'Prospects', en: 'Prospects' },
  portalUsers: { fr: 'Utilisateurs du portail client', en: 'Client portal users' },
};
export const RECIPIENTS = {
  staff: { fr: 'Services internes habilités de l’organisation', en: 'Authorised internal departments' },
  host: { fr: 'Hébergeur de la plateforme (sous-traitant)', en: 'Platform host (processor)' },
  accountant: { fr: 'Expert-comptable et plateforme comptable', en: 'Chartered accountant and accounting platform' },
  tax: { fr: 'Administration fiscale (sur demande)', en: 'Tax authority (on request)' },
  messaging: { fr: 'Prestataires d’envoi d’e-mails et de SMS', en: 'E-mail and SMS providers' },
  payments: { fr: 'Prestataire de paiement', en: 'Payment provider' },
  clients: { fr: 'Le client concerné (portail)', en: 'The client concerned (portal)' },
};
