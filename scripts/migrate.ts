/** `npm run migrate`: applies migrations to DATABASE_ADMIN_URL (production deployments run this once per release). */
import { env } from '../config/env';
import knexFactory from 'knex';
import { knexConfig } from '../db/knexfile';
import { migrateLatest } from '../db/migrate';
import { installShippedProcesses } from '../db/seeds/shipped-processes';

const url = env().DATABASE_ADMIN_URL ?? env().DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_ADMIN_URL (a role that owns the schema) to run migrations.');
  process.exit(1);
}
async function main(databaseUrl: string): Promise<void> {
  const applied = await migrateLatest(databaseUrl);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  // Each organisation gets the shipped processes of its verticals (never replacing its own versions).
  const admin = knexFactory(knexConfig(databaseUrl, 1));
  try {
    for (const i of await installShippedProcesses(admin)) console.log(`installed ${i.key} v${i.version} for ${i.tenant}`);
  } finally {
    await admin.destroy();
  }
}

main(url).then(
  () => undefined,
  (error: Error) => {
    console.error(`Migration failed: ${error.message}`);
    process.exit(1);
  },
);
