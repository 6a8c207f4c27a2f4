import { z } from 'zod';

/**
 * Data subjects (issue 15, rights requests; docs/adr/0023-rights-requests.md): the kinds of person a
 * request can be about, declared by the module that owns their row, and how every row about one of them is
 * found across the tables of every module. Part of a module's personal-data declaration (personal-data.ts):
 * `subjects` for the kinds it defines, `subjectLinks` for the rows of its tables about a kind (its own or
 * another module's: a vertical links its tables to the core's contacts without the core naming it).
 * The locator (subject-locator.ts) follows the links from the person's row until nothing new is found;
 * access, portability and erasure read the same rows.
 */
const tableName = z.string().regex(/^[a-z][a-z0-9_]*$/);
const columnName = z.string().regex(/^[a-z][a-z0-9_]*$/);
const text = z.object({ fr: z.string().min(1), en: z.string().min(1) }).strict();

/** How one table's rows about the person are found from what was found already. */
export const subjectLink = z.discriminatedUnion('match', [
  /** `table.column` equals `from.fromColumn` of a row found (a foreign key: the subject's own table by default). */
  z.object({ match: z.literal('ref'), table: tableName, column: columnName, from: tableName.optional(), fromColumn: columnName.default('id') }).strict(),
  /** `table.column` is one of the person's addresses (e-mail or phone, compared without case or spaces). */
  z.object({ match: z.literal('address'), table: tableName, column: columnName }).strict(),
  /** `(typeColumn, idColumn)` names a row found of a record kind (history, messages, agenda entries about a record). */
  z.object({ match: z.literal('record'), table: tableName, typeColumn: columnName, idColumn: columnName }).strict(),
  /** `table.column` (text) is the id of a row found: a business key, a correlation key, an audit target. */
  z.object({ match: z.literal('any-id'), table: tableName, column: columnName }).strict(),
  /** `table.column` (JSON or text) mentions the person's id: process variables, task data. */
  z.object({ match: z.literal('mentions'), table: tableName, column: columnName }).strict(),
]);
export type SubjectLink = z.input<typeof subjectLink>;
export type ParsedSubjectLink = z.output<typeof subjectLink>;

/** A kind of person a request can be about. */
export const dataSubject = z.object({
  /** `contact`, `user`, `event-client`, `ticket-requester`. */
  kind: z.string().regex(/^[a-z][a-z-]*$/),
  label: text,
  /**
   * The person's own row: its table and the columns that name them (the request shows them). Absent
   * for a person known only by an address (a ticket's requester who is nobody's contact): the subject's
   * id is then that address.
   */
  table: tableName.optional(),
  name: z.array(columnName).default([]),
  /** The columns of the person's row holding their e-mail addresses and phone numbers (links `address` compare with them). */
  addresses: z.array(columnName).default([]),
}).strict();
export type DataSubject = z.input<typeof dataSubject>;
export type ParsedDataSubject = z.output<typeof dataSubject>;

/** A module's links, by subject kind; `*` for every kind (the history of the rows found, the messages to their addresses). */
export const subjectLinks = z.record(z.string().regex(/^(\*|[a-z][a-z-]*)$/), z.array(subjectLink));
export type SubjectLinks = z.input<typeof subjectLinks>;

/** Tables with personal data that no request can be about, each with the reason (the organisation's own identity). */
export const notAboutSubjects = z.record(tableName, text);
