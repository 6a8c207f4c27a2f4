import type { Knex } from 'knex';
import { COLUMN_NAMES } from './knexfile';

/**
 * Statements built by knex once per shape and then run with their values only
 * (ADR 0032). A hot read (a list with a given sort, filters and scope, a
 * record read) has the same text at every request; only its values change.
 * Building it with knex's query builder at every request cost about a tenth
 * of the API's CPU per list (docs/performance.md, « API hot path »): here the
 * builder runs once, with a marker in place of each value, and the text and
 * the places of the values in its bindings are kept. The statement is still
 * sent through knex (its query events, the prepared statements of
 * db/pg-client.ts, its pool and transaction), as a raw query with bound
 * parameters: no value is ever written into the text.
 */

/** The marker standing for the i-th value while the statement is built (a text no real value contains). */
export function valueMarker(i: number): string {
  return `\u0001relais-value-${i}\u0001`;
}

/** The number standing for the row limit while the statement is built (knex wants a number there). */
export const LIMIT_MARKER = 987_654_321;

/** A statement's text and, for each of its bindings, either the index of a run's value or a constant. */
export interface CompiledStatement {
  sql: string;
  /** Per binding: a number is the index of the value in a run's `values`; an object holds a constant. */
  bindings: Array<number | { constant: unknown }>;
}

const MARKER = /^\u0001relais-value-(\d+)\u0001$/;

/**
 * Builds the statement once with markers (`valueMarker(i)` for the i-th of
 * `valueCount` values, LIMIT_MARKER for a limit, which is then the value
 * at index `valueCount`), and checks that each marker came out as one whole
 * binding, exactly once, and never in the text. Null when it did not (a
 * builder step that transforms or repeats its value): that shape is then
 * built per request as before.
 */
export function compileStatement(query: Knex.QueryBuilder | Knex.Raw, valueCount: number, hasLimit: boolean): CompiledStatement | null {
  const { sql, bindings } = query.toSQL();
  if (sql.includes('\u0001') || sql.includes(String(LIMIT_MARKER))) return null;
  const seen = new Array<number>(valueCount + (hasLimit ? 1 : 0)).fill(0);
  const out: CompiledStatement['bindings'] = [];
  for (const binding of bindings) {
    if (typeof binding === 'string' && binding.includes('\u0001')) {
      const match = MARKER.exec(binding);
      const index = match ? Number(match[1]) : -1;
      if (index < 0 || index >= valueCount) return null;
      seen[index]! += 1;
      out.push(index);
    } else if (binding === LIMIT_MARKER && hasLimit) {
      seen[valueCount]! += 1;
      out.push(valueCount);
    } else if (binding !== null && typeof binding === 'object' && !(binding instanceof Date)) {
      // An array or a raw fragment among the bindings: not a shape this module keeps.
      return null;
    } else {
      out.push({ constant: binding });
    }
  }
  return seen.every((n) => n === 1) ? { sql, bindings: out } : null;
}

/**
 * Runs a compiled statement in a transaction, as a named prepared statement
 * (db/pg-client.ts: planned once per connection), and answers its rows with
 * the database's column names (snake_case).
 */
export async function runCompiled(trx: Knex.Transaction, statement: CompiledStatement, values: readonly unknown[]): Promise<Array<Record<string, unknown>>> {
  const bindings = statement.bindings.map((b) => (typeof b === 'number' ? values[b] : b.constant)) as Knex.RawBinding[];
  const result = await trx.raw(statement.sql, bindings).options({ prepare: true }).queryContext({ [COLUMN_NAMES]: true });
  return (result as { rows: Array<Record<string, unknown>> }).rows;
}

/**
 * Compiled statements of one kind of query, by shape (a string naming
 * everything but the values). Bounded: past `max` shapes, it starts again
 * (a shape is rebuilt at its next use). A shape that cannot be compiled is
 * remembered as such.
 */
export class StatementCache {
  private readonly shapes = new Map<string, CompiledStatement | null>();

  constructor(private readonly max = 500) {}

  get(shape: string, compile: () => CompiledStatement | null): CompiledStatement | null {
    let compiled = this.shapes.get(shape);
    if (compiled === undefined) {
      compiled = compile();
      if (this.shapes.size >= this.max) this.shapes.clear();
      this.shapes.set(shape, compiled);
    }
    return compiled;
  }
}
