/**
 * `npm run restore -- <backup> [--yes]`: restores a backup FOR REAL into the configured database
 * (DATABASE_ADMIN_URL, else DATABASE_URL; without either, the embedded one of `npm start`, which
 * must be running), the documents store and the embedded Temporal's state (staged, swapped in by
 * the next `npm start` before Temporal opens it). Every row of every table is replaced by the backup's.
 * `<backup>` is a set's name in the primary location (RELAIS_BACKUP_DIR) or the path of a set's
 * directory (a copy brought from the second location). Asks for a typed confirmation unless
 * `--yes`. Runbook: docs/runbooks/backup-restore.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline/promises';
import knexFactory from 'knex';
import { backupConfig } from '../activities/backup/backup.settings';
import { knexConfig } from '../db/knexfile';
import { recordStoredBackups, restoreBackup } from '../domain/backup/backup-service';
import { directoryBackupStore } from '../integrations/storage/directory.backup-store';
import { loadLocalSecrets } from './services/local-secrets';

const CONFIRMATION = 'RESTAURER';

/** The embedded default's connections, as `npm start` makes them (.relais/secrets.json, port RELAIS_PG_PORT). */
function embeddedEnvironment(): NodeJS.ProcessEnv {
  if (process.env.DATABASE_URL || process.env.DATABASE_ADMIN_URL) return process.env;
  const dataDir = path.resolve(process.env.RELAIS_DATA_DIR || '.relais');
  if (!fs.existsSync(path.join(dataDir, 'secrets.json'))) return process.env;
  const secrets = loadLocalSecrets(dataDir);
  const port = Number(process.env.RELAIS_PG_PORT ?? 54329);
  return {
    ...process.env,
    DATABASE_ADMIN_URL: `postgres://postgres:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${port}/relais`,
    DATABASE_URL: `postgres://relais_api:${encodeURIComponent(secrets.appPassword)}@127.0.0.1:${port}/relais`,
    RELAIS_SECRET_KEY: process.env.RELAIS_SECRET_KEY || secrets.secretKey,
  };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const yes = args.includes('--yes');
  const target = args.find((a) => !a.startsWith('--'));
  if (!target) {
    console.error('Usage : npm run restore -- <sauvegarde> [--yes]   (nom d\'une sauvegarde, ou chemin de son dossier)');
    return 2;
  }
  const config = backupConfig(embeddedEnvironment());
  const settings = config.settings;
  let name = target;
  if (target.includes('/') && fs.existsSync(target)) {
    name = path.basename(path.resolve(target));
    settings.stores = [directoryBackupStore(path.dirname(path.resolve(target))), ...settings.stores];
  }
  const where = new URL(settings.adminUrl);
  const temporalDb = path.join(config.dataDir, 'temporal.db');
  console.log(`Restauration de la sauvegarde ${name} (${settings.stores[0]!.location})`);
  console.log(`dans la base ${where.pathname.slice(1)} sur ${where.host}, les documents dans ${path.join(config.dataDir, 'documents')}`);
  console.log(`et l'état du Temporal embarqué (${temporalDb}, remis en place au prochain npm start).`);
  console.log('TOUTES les données actuelles de cette base, et les processus en cours, seront remplacés par ceux de la sauvegarde.');
  if (!yes) {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
    const answer = await rl.question(`Tapez ${CONFIRMATION} pour confirmer : `).catch(() => '');
    rl.close();
    if (answer.trim() !== CONFIRMATION) {
      console.error('Restauration annulée : rien n\'a été modifié.');
      return 1;
    }
  }
  const started = Date.now();
  const { manifest, keptAside, temporalPending } = await restoreBackup(settings, name, settings.adminUrl, { dir: path.join(config.dataDir, 'documents') }, { dbFile: temporalDb });
  const rows = manifest.database.tables.reduce((n, t) => n + t.rows, 0);
  console.log(`Restauré : ${manifest.database.tables.length} tables, ${rows} lignes, identiques à la sauvegarde du ${manifest.takenAt} (${Math.round((Date.now() - started) / 1000)} s).`);
  if (keptAside) console.log(`Les documents d'avant la restauration sont gardés dans ${keptAside}.`);
  if (temporalPending) console.log(`L'état du Temporal embarqué de la sauvegarde attend dans ${temporalPending} : npm start le remet en place avant de démarrer Temporal (l'état actuel gardé à côté).`);
  else console.log('La sauvegarde ne contient pas d\'état Temporal embarqué (Temporal externe) : celui-ci se restaure à part (docs/deployment.md §8).');
  const admin = knexFactory(knexConfig(settings.adminUrl, 1));
  try {
    await recordStoredBackups(admin, settings);
  } finally {
    await admin.destroy();
  }
  console.log('Redémarrez la plateforme (npm start) : les migrations plus récentes que la sauvegarde s\'appliqueront.');
  return 0;
}

main().then((code) => process.exit(code), (error: Error) => {
  console.error(`Restauration impossible : ${error.message}`);
  process.exit(1);
});
