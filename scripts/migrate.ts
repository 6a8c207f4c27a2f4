/** `npm run migrate`: applies migrations to DATABASE_ADMIN_URL (production deployments run this once per release). */
import { env } from '../config/env';
import { migrateLatest } from '../db/migrate';

const url = env().DATABASE_ADMIN_URL ?? env().DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_ADMIN_URL (a role that owns the schema) to run migrations.');
  process.exit(1);
}
migrateLatest(url).then(
  (applied) => console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date'),
  (error: Error) => {
    console.error(`Migration failed: ${error.message}`);
    process.exit(1);
  },
);
