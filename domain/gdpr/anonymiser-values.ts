import { anonymise, generaliseDate, type PseudonymKey } from './operators';
import type { AnonymisationOperator, PersonalColumn } from './personal-data';

/**
 * The anonymiser's pure part (issue 15, docs/adr/0026-retention.md): which declared columns it writes and
 * the value each becomes, shaped for its column's type. Written once more, an anonymised value stays as it
 * is (a pseudonym is not hashed again, a masked e-mail stays masked, a generalised date keeps its period).
 */

/** What the database says of a column (information_schema.columns). */
export interface ColumnShape {
  name: string;
  /** `text`, `jsonb`, `date`, `timestamp with time zone`, `ARRAY`… */
  dataType: string;
  nullable: boolean;
  /** A generated column: PostgreSQL recomputes it from its sources (the search names and words). */
  generated: boolean;
}

export interface PlannedColumn {
  column: string;
  operator: AnonymisationOperator;
  shape: ColumnShape;
}

/**
 * The personal columns the anonymiser writes: not those kept (a legal obligation) — unless the retention run
 * releases them once the law's period ended (`release`) —, not generated ones (they follow their sources),
 * not those the table no longer has.
 */
export function columnsToWrite(personal: Record<string, PersonalColumn>, shapes: ReadonlyMap<string, ColumnShape>, retentionEnded = false): PlannedColumn[] {
  return Object.entries(personal).flatMap(([column, declared]) => {
    const shape = shapes.get(column);
    const operator = declared.operator.kind === 'keep' && retentionEnded ? declared.release : declared.operator;
    if (!shape || shape.generated || !operator || operator.kind === 'keep') return [];
    return [{ column, operator, shape }];
  });
}

/** Whether a table keeps columns that its retention's end releases (their rows erased earlier are taken again then). */
export function releasesKept(personal: Record<string, PersonalColumn>): boolean {
  return Object.values(personal).some((c) => c.operator.kind === 'keep' && c.release !== undefined);
}

const TEXT = new Set(['text', 'character varying', 'character', 'citext']);

/** The value an erased column holds: null, or its type's empty value where the column needs one. */
export function emptyValue(shape: ColumnShape): unknown {
  if (shape.nullable) return null;
  if (TEXT.has(shape.dataType)) return '';
  if (shape.dataType === 'jsonb' || shape.dataType === 'json') return {};
  if (shape.dataType === 'ARRAY') return [];
  if (shape.dataType === 'boolean') return false;
  if (['integer', 'bigint', 'smallint', 'numeric', 'real', 'double precision'].includes(shape.dataType)) return 0;
  // A date or a time the column needs: the epoch says nothing of anyone.
  if (shape.dataType === 'date') return '1970-01-01';
  if (shape.dataType.startsWith('timestamp')) return '1970-01-01T00:00:00Z';
  return '';
}

const MASKED: Record<Extract<AnonymisationOperator, { kind: 'mask' }>['keep'], RegExp | null> = {
  'email-domain': /^\*\*\*@[^@\s]+$/,
  'phone-last-digits': /^•+\d{2}$/,
  'postal-department': /^(\d{2}|2[AB]|9[78]\d)$/,
  initials: /^[^\s.]\.(-[^\s.]\.)*( [^\s.]\.(-[^\s.]\.)*)*$/u,
  // A town cannot be told from a place's name: the row's mark (gdpr_anonymised_rows) keeps it from a second pass.
  town: null,
};

/** Whether a value is already in the form the operator gives. */
export function isAnonymised(value: unknown, operator: AnonymisationOperator): boolean {
  if (value === null || value === undefined) return true;
  switch (operator.kind) {
    case 'keep': return true;
    case 'erase': return value === '' || (typeof value === 'object' && value !== null && Object.keys(value).length === 0);
    case 'pseudonymise': return typeof value === 'string' && value.startsWith('pseudo:');
    case 'mask': return typeof value === 'string' && (MASKED[operator.keep]?.test(value) ?? false);
    case 'generalise': return typeof value === 'string' && (operator.to === 'year' ? /^\d{4}$/ : /^\d{4}-\d{2}$/).test(value);
  }
}

/** A generalised date as its column stores it: the first day of its month or year for a date or a timestamp. */
function generalisedForColumn(value: unknown, to: 'month' | 'year', shape: ColumnShape): unknown {
  const period = generaliseDate(value, to);
  if (period === null) return null;
  const first = to === 'year' ? `${period}-01-01` : `${period}-01`;
  if (shape.dataType === 'date') return first;
  if (shape.dataType.startsWith('timestamp')) return `${first}T00:00:00Z`;
  return period;
}

/** One column's anonymised value, shaped for its column (an erased `not null` text is empty, a JSON column `{}`). */
export function anonymisedValue(value: unknown, planned: PlannedColumn, key?: PseudonymKey): unknown {
  const { operator, shape } = planned;
  if (value === null || value === undefined) return shape.nullable ? null : value;
  if (isAnonymised(value, operator)) return value;
  const result = operator.kind === 'generalise'
    ? generalisedForColumn(value, operator.to, shape)
    : anonymise(value as Parameters<typeof anonymise>[0], operator, key);
  return result === null ? emptyValue(shape) : result;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a instanceof Date ? a.toISOString() : a) === JSON.stringify(b instanceof Date ? b.toISOString() : b);

/** The columns of a row that change (by column name), or null when nothing does. */
export function anonymisedRow(row: Record<string, unknown>, columns: readonly PlannedColumn[], key?: PseudonymKey): Record<string, unknown> | null {
  const changed: Record<string, unknown> = {};
  for (const planned of columns) {
    const before = row[planned.column];
    const after = anonymisedValue(before, planned, key);
    if (!same(before, after)) changed[planned.column] = after;
  }
  return Object.keys(changed).length ? changed : null;
}

/** Whether an operator needs the tenant's pseudonym key. */
export const needsKey = (columns: readonly PlannedColumn[]) => columns.some((c) => c.operator.kind === 'pseudonymise');
