import type { Knex } from 'knex';

/**
 * knex's PostgreSQL client, with one addition: a transaction may send its
 * first statement in the same round trip as its BEGIN (`beginWith`, a
 * simple-protocol query with its values already written in), and receive that
 * statement's rows (`onBegin`). Every request opens its row-level security
 * context this way (db/tenant-scope.ts): one round trip fewer per request.
 * On a failure of that statement the transaction is rolled back before the
 * connection returns to the pool. knex has no public hook for the BEGIN it
 * sends: this extends its internal classes (knex is pinned in package.json;
 * test/integration/request-statements.test.ts proves the behaviour).
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

export class RelaisPgClient extends ClientPg {
  transaction(container: unknown, config: TransactionConfig | undefined, outerTx: unknown): object {
    return new RelaisTransaction(this, container, config, outerTx);
  }
}
