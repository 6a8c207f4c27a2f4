import type { Knex } from 'knex';
import type { z } from 'zod';
import type { Principal } from '../identity/ability';
import type { ResourceKey, SubjectName } from '../identity/permission-catalogue';

/** A list filter that is not a plain column match: it validates its value and adds its own condition. */
export type FilterFn = (qb: Knex.QueryBuilder, value: string, principal: Principal) => void;

/**
 * How a record reaches the facts its permissions depend on, for records that
 * are not core records under an account (a vertical's own tables): the joins
 * that reach them, and the columns (aliased, e.g. `c.salesContactId`) that
 * hold the owner, the assigned user and the account. The joins may also
 * select display columns (a client's name on its contracts).
 */
export interface OwnershipSpec {
  joins: (qb: Knex.QueryBuilder, trx: Knex.Transaction) => void;
  owner: string | null;
  support: string | null;
  account: string | null;
  /**
   * An array column of the people assigned to the record (a mission's auditors, ADR 0033): the
   * `assigned` scope then also reaches the records whose array holds the user (`= any(…)` in SQL,
   * array-contains in CASL). Kinds without it keep `assigned` = the account's support only.
   */
  assignees?: string | null;
}

export interface SortSpec {
  /** Column (camelCase) that orders the list; `id` breaks ties. */
  column: string;
  direction: 'asc' | 'desc';
  /** The column holds text although its name says otherwise (a telecom line's `number`, E.164): its cursor is any text. */
  text?: boolean;
}

/**
 * What the generic record service needs to know about one kind of core record.
 * Accounts, contacts, sites, billing sites and catalogue items are all served
 * by the same code driven by one of these.
 */
export interface RecordResource {
  key: ResourceKey;
  subject: SubjectName;
  /** Name in history and messages, e.g. "account". */
  recordType: string;
  /** French label for messages shown to users, e.g. "Le compte". */
  label: string;
  table: string;
  createSchema: z.ZodType<Record<string, unknown>>;
  updateSchema: z.ZodType<Record<string, unknown>>;
  outputSchema: z.ZodObject;
  /**
   * How a row reaches the account that carries its ownership facts: 'self'
   * for accounts, 'accountId' for records created on an account, null for
   * tenant-wide records (catalogue).
   */
  accountLink: 'self' | 'accountId' | null;
  /** Ownership through other tables (takes the place of accountLink's facts). */
  ownership?: OwnershipSpec;
  /** Filters accepted on the list endpoint (query name → column, or a function for anything else). */
  filters: Record<string, string | FilterFn>;
  /** Sorts accepted on the list endpoint (query name → spec). */
  sorts: Record<string, SortSpec>;
  defaultSort: string;
  /** Expression for the `q` filter (a plain-text contains, backed by a trigram index). */
  quickSearch?: (qb: Knex.QueryBuilder, term: string) => void;
  /**
   * Business rules on create, in the same transaction (defaults, references).
   * `number` is a number the record must keep (an import's legacy number),
   * given only from an import context (createRecord's `options.number`).
   */
  prepareCreate?: (ctx: { trx: Knex.Transaction; principal: Principal; ownScopedOnly: boolean; number?: number }, data: Record<string, unknown>) => Promise<Record<string, unknown>>;
  /** Fields a bulk action may set on many records at once (POST <records>/bulk); none: no bulk action. */
  bulkFields?: readonly string[];
  /** Business rules on update, given the current row. */
  prepareUpdate?: (ctx: { trx: Knex.Transaction; principal: Principal; current: Record<string, unknown> }, patch: Record<string, unknown>) => Promise<Record<string, unknown>>;
  /** Business rules on delete, given the current row: throws to refuse (an issued invoice is never deleted). */
  prepareDelete?: (ctx: { trx: Knex.Transaction; principal: Principal; current: Record<string, unknown> }) => Promise<void>;
}
