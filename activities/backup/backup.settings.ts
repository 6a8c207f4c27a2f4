import path from 'node:path';
import { z } from 'zod';
import { backupMasterKey } from '../../domain/backup/backup-crypto';
import type { BackupSettings } from '../../domain/backup/backup-service';
import { directoryBackupStore } from '../../integrations/storage/directory.backup-store';

/**
 * The backup configuration (docs/runbooks/backup-restore.md), read from the environment:
 * - RELAIS_BACKUP_KEY: the key backups are encrypted with (≥ 32 characters); RELAIS_SECRET_KEY when unset.
 *   Keep it OUTSIDE the machine too: without it no backup can be read.
 * - RELAIS_BACKUP_DIR: the primary location (default `<RELAIS_DATA_DIR>/backups`);
 * - RELAIS_BACKUP_COPY_DIR: the second location (a mounted disk, NFS…), optional;
 * - RELAIS_BACKUP_ALERT_TENANTS: the organisations (slugs, comma-separated) whose backup
 *   administrators are mailed when a backup or a drill fails (default: every organisation).
 */
const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  DATABASE_ADMIN_URL: z.string().url().optional(),
  RELAIS_DATA_DIR: z.string().default('.relais'),
  RELAIS_SECRET_KEY: z.string().min(32).optional(),
  RELAIS_BACKUP_KEY: z.string().min(32, 'RELAIS_BACKUP_KEY must be at least 32 characters').optional(),
  RELAIS_BACKUP_DIR: z.string().optional(),
  RELAIS_BACKUP_COPY_DIR: z.string().optional(),
  RELAIS_BACKUP_ALERT_TENANTS: z.string().optional(),
});

export interface BackupConfig {
  settings: BackupSettings;
  alertTenants: string[] | null;
  dataDir: string;
}

export function backupConfig(source: NodeJS.ProcessEnv = process.env): BackupConfig {
  const env = schema.parse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== '')));
  const secret = env.RELAIS_BACKUP_KEY ?? env.RELAIS_SECRET_KEY;
  const adminUrl = env.DATABASE_ADMIN_URL ?? env.DATABASE_URL;
  if (!secret) throw new Error('Set RELAIS_BACKUP_KEY (or RELAIS_SECRET_KEY): backups are encrypted with it.');
  if (!adminUrl || !env.DATABASE_URL) throw new Error('Set DATABASE_URL and DATABASE_ADMIN_URL: the backup reads every organisation as the owner.');
  const dataDir = path.resolve(env.RELAIS_DATA_DIR);
  const stores = [directoryBackupStore(env.RELAIS_BACKUP_DIR ?? path.join(dataDir, 'backups'))];
  if (env.RELAIS_BACKUP_COPY_DIR) stores.push(directoryBackupStore(env.RELAIS_BACKUP_COPY_DIR));
  return {
    dataDir,
    alertTenants: env.RELAIS_BACKUP_ALERT_TENANTS ? env.RELAIS_BACKUP_ALERT_TENANTS.split(',').map((s) => s.trim()).filter(Boolean) : null,
    settings: {
      adminUrl, appUrl: env.DATABASE_URL, master: backupMasterKey(secret), stores,
      roots: [
        { name: 'documents', dir: path.join(dataDir, 'documents') },
        // The embedded Temporal's SQLite state (`npm start`), when this machine has it; none with an external Temporal.
        { name: 'temporal', dir: dataDir, only: ['temporal.db', 'temporal.db-wal'] },
      ],
      workDir: path.join(dataDir, 'backup-work'),
    },
  };
}
