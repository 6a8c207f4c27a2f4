import knexFactory, { type Knex } from 'knex';
import { Model } from 'objection';
import { env } from '../config/env';
import { knexConfig } from './knexfile';

let appKnex: Knex | undefined;

/**
 * The application's pool. It connects as a role without BYPASSRLS, so every
 * query sees only the tenant set by `withTenant` (see db/tenant-scope.ts).
 */
export function db(): Knex {
  if (!appKnex) {
    const url = env().DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: run `npm start`, or point it at PostgreSQL (see README).');
    appKnex = knexFactory(knexConfig(url, env().DATABASE_POOL_MAX));
    Model.knex(appKnex);
  }
  return appKnex;
}

/** The owner connection, for migrations and seeds only. */
export function adminDb(): Knex {
  const url = env().DATABASE_ADMIN_URL ?? env().DATABASE_URL;
  if (!url) throw new Error('DATABASE_ADMIN_URL is not set.');
  return knexFactory(knexConfig(url, 2));
}

export async function closeDb(): Promise<void> {
  if (appKnex) await appKnex.destroy();
  appKnex = undefined;
}
