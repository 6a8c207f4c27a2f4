import knexFactory from 'knex';
import { knexConfig } from './knexfile';

/** Applies pending migrations with the owner connection. */
export async function migrateLatest(adminUrl: string): Promise<string[]> {
  const knex = knexFactory(knexConfig(adminUrl, 1));
  try {
    const [, applied] = await knex.migrate.latest();
    return applied as string[];
  } finally {
    await knex.destroy();
  }
}
