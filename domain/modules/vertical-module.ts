import type { Knex } from 'knex';
import type { MailVariantResolver } from '../comms/mail-variant';
import type { BulkActionDefinition } from '../core/bulk-action';
import type { RecordResource } from '../core/record-resource';
import type { PersonalDataDeclaration } from '../gdpr/personal-data';
import type { Catalogue } from '../i18n/messages';
import type { Grant } from '../identity/ability';
import type { ActivityDefinition } from '../process/activity-definition';
import type { FormDefinition } from '../process/forms';
import type { PlannableSource } from '../planning/plannable';

/**
 * The manifest a module gives the core (docs/adr/0007-vertical-modules.md).
 * The core contexts (core, identity, process, comms, system) describe
 * themselves with it too, so every catalogue (permissions, roles, record
 * kinds, forms, activities, shipped processes, demo data) is a union over the
 * registered modules (`registry.ts`) and the core never names a vertical.
 * Only what runs everywhere lives here: the API part of a vertical
 * (`api/<v>/<v>.module.ts`) and its activity implementations
 * (`activities/<v>/<v>.module.ts`) have manifests of their own.
 */
export interface DomainModule {
  /** `core`, `process`…, or the vertical's key as tenants list it in `tenants.verticals` (`events`). */
  key: string;
  /** A core context is there for every tenant; a vertical only for the tenants that enable it. */
  kind: 'core' | 'vertical';
  label: Labels;
  /** Permission resources (`<module>.<resource>`) and the CASL subject each one guards. */
  resources?: Record<string, string>;
  /** Field-level permissions, granted as `<group>.read`: the fields are left out of answers unless granted. */
  fieldGroups?: Record<string, FieldGroup>;
  /** The starting roles of a tenant that enables the vertical (the first vertical defining a key wins). */
  roles?: ModuleRole[];
  /** Kinds of records served by the generic record service, with their history, search and personal-data facts. */
  records?: RecordKind[];
  /** Task forms a user task may name (`relais:form`). */
  forms?: FormDefinition[];
  /** Activity contracts a service task may name (`relais:activity`); the worker serves their implementations. */
  activities?: ActivityDefinition[];
  /** Absolute paths of the `.bpmn` files installed in every tenant that has the module. */
  processes?: string[];
  /**
   * Human labels of its processes' instances, by process key (« Mariage Lebrun — contrat n° 12 »):
   * task lists and the monitor show them instead of business keys. Without one, the business key is the label.
   */
  businessLabels?: Record<string, BusinessLabelResolver>;
  /**
   * The messages it raises (`<module>.messages.ts`: a French and an English text per code, typed parameters;
   * docs/adr/0010-server-messages.md). Codes are unique over every module; the locale test renders each one.
   */
  messages?: Catalogue;
  /**
   * Its bulk actions (docs/adr/0043): what the core's durable bulk may run on many of its records, each
   * item through the module's one write path (`domain/core/bulk-action.ts`).
   */
  bulkActions?: BulkActionDefinition[];
  /** Where its records waiting to be planned come from (the agenda's side list: open tickets, audit missions). */
  plannables?: PlannableSource[];
  /**
   * Its personal data (issue 15, docs/adr/0022): its processing activities and, for every column of every
   * table it owns, personal (category, operator) or not; the coverage test fails on a column none declares.
   */
  personalData?: PersonalDataDeclaration;
  /**
   * What people may consent to about it (issue 15, docs/adr/0024): comms' marketing by mail and SMS, a
   * vertical's newsletter. The core's consent ledger (`domain/gdpr`) records them; the module reads the state.
   */
  consentPurposes?: ConsentPurpose[];
  /**
   * Its variant of the mails sent to its clients (docs/adr/0048): a white-label brand's own template for a
   * template key and its sender's name. Comms asks it while preparing a mail, in the send's transaction.
   */
  mailVariant?: MailVariantResolver;
  /**
   * The other people whose consents speak for a contact of the organisation (a student's portal user for the
   * contact the school texts them through, ADR 0052). Comms' marketing rule reads the latest decision across the
   * contact's own ledger and these subjects' ledgers (`domain/comms/policy.ts`). Runs in the tenant's transaction.
   */
  consentSubjectsFor?: ConsentSubjectsResolver;
  /** Demo data for a demo organisation with the module, after its users exist. Idempotent: safe on every start. */
  seedDemo?: (admin: Knex, tenant: DemoTenantFacts) => Promise<void>;
}

/** What a business label resolver is given for one instance of its process. */
export interface LabelledInstance {
  processKey: string;
  businessKey: string;
  /** The instance's variables when the caller has them (an ended instance keeps its last ones); null otherwise. */
  variables: Record<string, unknown> | null;
}

/**
 * Labels a page of instances of one process at once (one query for the page, not one per row),
 * in the tenant's transaction (row-level security applies) and in the reader's language.
 * Answers a label per business key; a key it cannot label is left out (the business key shows).
 */
export type BusinessLabelResolver = (
  trx: Knex.Transaction, instances: readonly LabelledInstance[], locale: 'fr' | 'en',
) => Promise<Map<string, string>>;

/** Who else speaks for a contact's consents: users or contacts (the ledger's subjects); none: an empty list. */
export type ConsentSubjectsResolver = (trx: Knex.Transaction, contactId: string) => Promise<Array<{ kind: 'contact' | 'user'; id: string }>>;

/** A purpose of consent a module declares (docs/adr/0024-consent-ledger.md). */
export interface ConsentPurpose {
  /** `<module>.<purpose>`, as the ledger stores it (`comms.marketing`). */
  key: string;
  label: Labels;
  description: Labels;
  /** The channels a consent is given for, each on its own (`mail`, `sms`). */
  channels: string[];
  /** Who is asked: the organisation's contacts, its users (a collaborator, a portal user without a contact), or both. */
  subjects: Array<'contact' | 'user'>;
  /** How long a grant lasts unless the entry says otherwise (ISO 8601 duration, `P3Y`); none: until withdrawn. */
  validity?: string;
  /** Whether the « soft opt-in » (an existing client, similar products, art. L34-5 CPCE) counts as a grant. */
  softOptIn?: boolean;
}

export interface Labels {
  fr: string;
  en: string;
}

export interface FieldGroup {
  subject: string;
  fields: readonly string[];
  /**
   * Read with another group's permission rather than a permission of its own: a vertical's record that
   * carries purchase prices (a telecom line) guards them under « voir marge », `core.catalogue.purchase-price`.
   */
  readWith?: string;
}

export interface ModuleRole {
  key: string;
  labelFr: string;
  labelEn: string;
  /** The user type a demo user of this role gets (spec 002 §10, level 1). */
  userType: 'internal' | 'client' | 'partner' | 'reseller' | 'technician' | 'candidate' | 'student';
  grants: Grant[];
  /** Runs the organisation's processes: every task and instance, variables, cancel and repair. */
  ownsProcesses?: boolean;
  /** Saves and deploys process definitions (the modeler). */
  authorsDefinitions?: boolean;
  /**
   * Manages the organisation's client accounts: names the owner of a new account and may take over its
   * follow-up. The core's shipped processes offer such tasks to these roles (`{roles:managesAccounts}` in a
   * shipped diagram, resolved per organisation when installed: db/seeds/shipped-processes.ts).
   */
  managesAccounts?: boolean;
}

/**
 * One kind of record. `resource` drives the generic record service and the
 * history (`recordType`); the rest is what a global search (issue 12), a
 * personal-data declaration (issue 15) and the permission matrix need.
 */
export interface RecordKind {
  resource: RecordResource;
  /** Where the API serves it, under `/api/v1` (`accounts`, `events/clients`). */
  path: string;
  /** Singular and plural names shown to people. */
  label: { fr: string; en: string; frPlural: string; enPlural: string };
  /** How the global search finds and shows it (`domain/search`); a kind without one is not searched. */
  search?: RecordSearch;
  /** The columns of `resource.table` that hold personal data about a person. */
  personalDataColumns: string[];
  /** How to make valid records of this kind for a given owner (the permission matrix, examples). */
  sample: RecordSample;
}

/**
 * A kind's registration in the global search (docs/architecture.md, « Global search »). Every
 * name is SQL over the kind's readable query (`t` is the kind's table, joined tables keep the
 * aliases of its `ownership` joins) and must be served by the indexes the search relies on.
 */
export interface RecordSearch {
  /**
   * Its names, unaccented and lower-cased (`f_unaccent(lower(…))`): stored generated columns, each
   * with a btree on `(tenant_id, (<column> collate "C"))` (exact and prefix matches, in name order)
   * and a trigram GIN (similar names). A contract's name is its client's (`c.search_name`). None for a
   * kind found by its phones or number only (a telecom line).
   */
  names: readonly string[];
  /**
   * Its `tsvector` columns (GIN), with the text search configuration that built them: each holds the
   * words of the name at the same place in `names` and of other columns (city, job title, e-mail).
   * The query's words are read with the same configuration (French stems for French words, names as
   * they are).
   */
  words: ReadonlyArray<{ column: string; config: 'french' | 'simple' }>;
  /** A text column of its phone numbers in E.164 (trigram GIN), matched by the digits typed. */
  phones?: string;
  /** The number people quote (« contrat n° 652 »), matched exactly when the query is a number. */
  number?: string;
  /** What a hit shows, as SQL: its title, a subtitle, the account it opens on (core records under an account). */
  show: { title: string; subtitle: string | null; accountId: string | null };
}

/** Whose a sample record is: owned by and assigned to `userId`, or nobody's (`null`). */
export interface SampleOwner {
  tenantId: string;
  userId: string | null;
}

export interface RecordSample {
  /** Writes one record (and what it hangs on) into the tenant of `trx`, as `owner`'s; returns its id. */
  insert(trx: Knex.Transaction, owner: SampleOwner): Promise<string>;
  /**
   * A body `POST /api/v1/<path>` accepts, creating a record that is `owner`'s
   * (its parent is written first when it has one); null when no body makes it
   * someone else's (a catalogue item is always its creator's).
   */
  createBody(trx: Knex.Transaction, owner: SampleOwner): Promise<Record<string, unknown> | null>;
  /** A change `PATCH` accepts on any sample record. */
  patch: Record<string, unknown>;
}

/** What a demo seed hook receives: the organisation and its demo users by role key. */
export interface DemoTenantFacts {
  tenantId: string;
  slug: string;
  userIds: Record<string, string>;
}
