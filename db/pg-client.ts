import crypto from 'node:crypto';
import type { Knex } from 'knex';

/**
 * knex's PostgreSQL client, with two additions (knex has no public hook for
 * either: this extends its internal classes, at the version package-lock.json
 * holds; test/integration/request-principal.test.ts and
 * test/integration/prepared-statements.test.ts prove the behaviour):
 *
 * - A transaction may send its first statement in the same round trip as its
 *   BEGIN (`beginWith`, a simple-protocol query with its values already
 *   written in), and receive that statement's rows (`onBegin`). Every request
 *   opens its row-level security context this way (db/tenant-scope.ts): one
 *   round trip fewer per request. On a failure of that statement the
 *   transaction is rolled back before the connection returns to the pool.
 * - A query built with `.options({ prepare: true })` (the record service's
 *   lists and reads) becomes a named prepared statement on each pooled
 *   connection (`preparedStatementName`): PostgreSQL plans it once per
 *   connection instead of at every request, planning being most of the cost of
 *   a 50-row list (docs/performance.md).
 */

interface TransactionConfig { beginWith?: string; onBegin?: (rows: Array<Record<string, unknown>>) => void }
interface PgResult { rows: Array<Record<string, unknown>> }
interface InternalTransaction {
  trxClient: { query(conn: unknown, sql: string): Promise<{ response: PgResult | PgResult[] }> };
  _completed: boolean;
}
type TransactionClass = new (client: unknown, container: unknown, config: TransactionConfig | undefined, outerTx: unknown) => object;

const ClientPg = require('knex/lib/dialects/postgres/index.js') as new (config: Knex.Config) => object;
const TransactionPg = require('knex/lib/dialects/postgres/execution/pg-transaction.js') as TransactionClass & { prototype: { begin(conn: unknown): Promise<unknown> } };

class RelaisTransaction extends TransactionPg {
  private readonly beginWith?: string;
  private readonly onBegin?: TransactionConfig['onBegin'];

  constructor(client: unknown, container: unknown, config: TransactionConfig | undefined, outerTx: unknown) {
    super(client, container, config, outerTx);
    this.beginWith = outerTx ? undefined : config?.beginWith;
    this.onBegin = config?.onBegin;
  }

  begin(conn: unknown): Promise<unknown> {
    if (!this.beginWith) return TransactionPg.prototype.begin.call(this, conn);
    const self = this as unknown as InternalTransaction;
    return self.trxClient.query(conn, `BEGIN; ${this.beginWith}`).then(
      (obj) => {
        const results = Array.isArray(obj.response) ? obj.response : [obj.response];
        this.onBegin?.(results[results.length - 1]!.rows);
        return obj;
      },
      async (error: unknown) => {
        // BEGIN ran, the next statement failed: the connection must not go back to the pool inside that transaction.
        await self.trxClient.query(conn, 'ROLLBACK').catch(() => undefined);
        self._completed = true;
        throw error;
      },
    );
  }
}

/** At most this many named statements per connection (each holds a plan in its PostgreSQL backend); later ones run unnamed. */
export const MAX_PREPARED_PER_CONNECTION = 200;

const names = new Map<string, string>();
/** The name a statement is prepared under: derived from its text, so every connection and process names it alike. */
export function preparedStatementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `relais_${crypto.createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    if (names.size >= 10_000) names.clear();
    names.set(sql, name);
  }
  return name;
}

interface QueryObject { sql: string; bindings?: unknown[]; options?: { prepare?: boolean; name?: string } }
type PgConnection = { __relaisPrepared?: Set<string>; __knex__disposed?: unknown };
const clientQuery = (ClientPg.prototype as unknown as { _query(connection: unknown, obj: QueryObject): Promise<unknown> })._query;

export class RelaisPgClient extends ClientPg {
  _query(connection: PgConnection, obj: QueryObject): Promise<unknown> {
    if (!obj.options?.prepare || !obj.bindings?.length) return clientQuery.call(this, connection, obj);
    const name = preparedStatementName(obj.sql);
    const prepared = connection.__relaisPrepared ??= new Set();
    if (!prepared.has(name)) {
      if (prepared.size >= MAX_PREPARED_PER_CONNECTION) return clientQuery.call(this, connection, obj);
      prepared.add(name);
    }
    obj.options = { ...obj.options, name };
    return clientQuery.call(this, connection, obj).catch((error: { code?: string }) => {
      // A table changed under a prepared plan (a migration while the API runs): PostgreSQL refuses
      // it until it is prepared again. The connection leaves the pool; the next one prepares afresh.
      if (error.code === '0A000') connection.__knex__disposed = error;
      throw error;
    });
  }

  transaction(container: unknown, config: TransactionConfig | undefined, outerTx: unknown): object {
    return new RelaisTransaction(this, container, config, outerTx);
  }
}
