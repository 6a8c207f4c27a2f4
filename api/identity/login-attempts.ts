import crypto from 'node:crypto';
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Knex } from 'knex';

/**
 * express-rate-limit's store for the sign-in limits, in PostgreSQL
 * (migration 20261210001300_login_attempts): every API process counts the same
 * attempts, so running several workers (api/cluster.ts) or replicas does not
 * multiply anyone's budget. Keys are hashed before they leave the process.
 */
export class PostgresLoginAttempts implements Store {
  readonly localKeys = false;
  private windowSeconds = 15 * 60;

  constructor(private readonly knex: Knex, readonly prefix: string) {}

  init(options: Options): void {
    this.windowSeconds = Math.ceil(options.windowMs / 1000);
  }

  private key(key: string): string {
    return crypto.createHash('sha256').update(`${this.prefix}:${key}`).digest('hex');
  }

  private static info(rows: Array<{ hits: number; resetAt: Date }>): ClientRateLimitInfo | undefined {
    const row = rows[0];
    return row ? { totalHits: row.hits, resetTime: row.resetAt } : undefined;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const { rows } = await this.knex.raw('select hits, reset_at as "resetAt" from login_attempt_get(?)', [this.key(key)]);
    return PostgresLoginAttempts.info(rows);
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const { rows } = await this.knex.raw('select hits, reset_at as "resetAt" from login_attempt_hit(?, ?)', [this.key(key), this.windowSeconds]);
    return PostgresLoginAttempts.info(rows)!;
  }

  async decrement(key: string): Promise<void> {
    await this.knex.raw('select login_attempt_undo(?)', [this.key(key)]);
  }

  async resetKey(key: string): Promise<void> {
    await this.knex.raw('select login_attempt_reset(?)', [this.key(key)]);
  }
}
