import path from 'node:path';
import { z } from 'zod';
import { backupMasterKey } from '../../domain/backup/backup-crypto';
import type { BackupSettings } from '../../domain/backup/backup-service';
import type { BackupStore } from '../../integrations/storage/backup-store.port';
import { directoryBackupStore } from '../../integrations/storage/directory.backup-store';
import { s3BackupStore, type S3StoreOptions } from '../../integrations/storage/s3.backup-store';

/**
 * The backup configuration (docs/runbooks/backup-restore.md), read from the environment:
 * - RELAIS_BACKUP_KEY: the key backups are encrypted with (≥ 32 characters); RELAIS_SECRET_KEY when unset.
 *   Keep it OUTSIDE the machine too: without it no backup can be read.
 * - RELAIS_BACKUP_DIR: the primary location (default `<RELAIS_DATA_DIR>/backups`);
 * - RELAIS_BACKUP_COPY_DIR: the second location (a mounted disk, NFS…), optional;
 * - RELAIS_BACKUP_S3_BUCKET (with RELAIS_BACKUP_S3_ENDPOINT, _REGION, _PREFIX, _ACCESS_KEY_ID,
 *   _SECRET_ACCESS_KEY, _FORCE_PATH_STYLE): the second location in an S3-compatible bucket, optional
 *   (beside or instead of RELAIS_BACKUP_COPY_DIR). The keys are never logged nor shown;
 * - RELAIS_BACKUP_ALERT_TENANTS: the organisations (slugs, comma-separated) whose backup
 *   administrators are mailed when a backup or a drill fails (default: every organisation);
 * - RELAIS_DOCUMENTS_REPLICA_DIR: the second site's documents directory (mounted: NFS, SMB…),
 *   kept a copy of the documents store by the replication schedule (ADR 0031).
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
  RELAIS_BACKUP_S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'RELAIS_BACKUP_S3_BUCKET: a bucket name (3–63 lower-case letters, digits, dots, hyphens)').optional(),
  RELAIS_BACKUP_S3_ENDPOINT: z.string().url().optional(),
  RELAIS_BACKUP_S3_REGION: z.string().default('us-east-1'),
  RELAIS_BACKUP_S3_PREFIX: z.string().default('relais/'),
  RELAIS_BACKUP_S3_ACCESS_KEY_ID: z.string().optional(),
  RELAIS_BACKUP_S3_SECRET_ACCESS_KEY: z.string().optional(),
  RELAIS_BACKUP_S3_FORCE_PATH_STYLE: z.enum(['true', 'false', '1', '0']).optional(),
  RELAIS_DOCUMENTS_REPLICA_DIR: z.string().optional(),
});

/** The second location in an S3-compatible bucket, when RELAIS_BACKUP_S3_BUCKET is set. */
export function s3StoreOptions(env: z.infer<typeof schema>): S3StoreOptions | undefined {
  if (!env.RELAIS_BACKUP_S3_BUCKET) return undefined;
  const [id, secret] = [env.RELAIS_BACKUP_S3_ACCESS_KEY_ID, env.RELAIS_BACKUP_S3_SECRET_ACCESS_KEY];
  if (Boolean(id) !== Boolean(secret)) throw new Error('Set both RELAIS_BACKUP_S3_ACCESS_KEY_ID and RELAIS_BACKUP_S3_SECRET_ACCESS_KEY (or neither: the machine\'s own AWS credentials).');
  return {
    bucket: env.RELAIS_BACKUP_S3_BUCKET, region: env.RELAIS_BACKUP_S3_REGION, prefix: env.RELAIS_BACKUP_S3_PREFIX,
    ...(env.RELAIS_BACKUP_S3_ENDPOINT ? { endpoint: env.RELAIS_BACKUP_S3_ENDPOINT } : {}),
    ...(env.RELAIS_BACKUP_S3_FORCE_PATH_STYLE ? { forcePathStyle: ['true', '1'].includes(env.RELAIS_BACKUP_S3_FORCE_PATH_STYLE) } : {}),
    ...(id && secret ? { credentials: { accessKeyId: id, secretAccessKey: secret } } : {}),
  };
}

export interface BackupConfig {
  settings: BackupSettings;
  alertTenants: string[] | null;
  dataDir: string;
  /** The documents' replication to the second site (ADR 0031), when configured. */
  documentsReplica?: { source: string; target: BackupStore };
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
  const s3 = s3StoreOptions(env);
  if (s3) stores.push(s3BackupStore(s3));
  return {
    dataDir,
    ...(env.RELAIS_DOCUMENTS_REPLICA_DIR ? {
      documentsReplica: { source: path.join(dataDir, 'documents'), target: directoryBackupStore(env.RELAIS_DOCUMENTS_REPLICA_DIR, { mustExist: true }) },
    } : {}),
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
