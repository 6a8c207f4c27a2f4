import path from 'node:path';
import * as Sentry from '@sentry/node';
import type { Knex } from 'knex';
import knexFactory from 'knex';
import { logger } from '../../config/logger';
import { knexConfig } from '../../db/knexfile';
import { rotateBackups, runDrill, takeBackup, type DrillResult } from '../../domain/backup/backup-service';
import { backupMessage } from '../../domain/backup/backup.messages';
import { replicateDocuments, type ReplicationRun } from '../../domain/backup/documents-replication';
import type { ModuleActivityDeps } from '../activities-module';
import type { DrillRequest } from '../../workflows/backup/backup.contract';
import { backupConfig, type BackupConfig } from './backup.settings';

export interface BackupTaken {
  name: string;
  sizeBytes: number;
  removed?: string[];
  /** The second locations that do not hold the set (out of reach, missing or different once read back). */
  copyFailures?: string[];
}

export type DrillOutcome = DrillResult & { id: string };

export interface BackupAlert {
  kind: 'backup' | 'drill';
  reason: string;
  backupName?: string | null;
  drillId?: string;
}

/** Raises the alarm: an error log line (no personal data: names of sets and tables only) and a Sentry event. */
export function logBackupFailure(alert: BackupAlert): void {
  logger.error({ backup: alert.backupName ?? null, drillId: alert.drillId ?? null, reason: alert.reason }, alert.kind === 'drill' ? 'backup restore drill FAILED' : 'backup FAILED');
  Sentry.withScope((scope) => {
    scope.setLevel('error');
    scope.setTag('backup', alert.backupName ?? 'none');
    Sentry.captureMessage(alert.kind === 'drill' ? 'Backup restore drill failed' : 'Backup failed');
  });
}

/**
 * The backup context's activities (workflows/backup/backup.workflow.ts). They work with the
 * owner's connection (a backup holds every organisation), opened for the run and closed after.
 */
export function createBackupActivities(deps: Pick<ModuleActivityDeps, 'knex' | 'sendMail'> & { config?: () => BackupConfig }) {
  const config = deps.config ?? (() => backupConfig());
  async function asOwner<T>(fn: (admin: Knex, c: BackupConfig) => Promise<T>): Promise<T> {
    const c = config();
    const admin = knexFactory(knexConfig(c.settings.adminUrl, 2));
    try {
      return await fn(admin, c);
    } finally {
      await admin.destroy();
    }
  }
  return {
    async 'backup.take'(): Promise<BackupTaken> {
      return asOwner(async (admin, c) => {
        const manifest = await takeBackup(admin, c.settings, new Date());
        const row = await admin('backups').where({ name: manifest.name }).first('sizeBytes');
        const copyFailures = manifest.copies.filter((x) => x.state !== 'verified').map((x) => x.reason ?? x.location);
        logger.info({ backup: manifest.name, sizeBytes: row?.sizeBytes, tables: manifest.database.tables.length, copies: manifest.copies.map((x) => `${x.location} ${x.state}`) }, 'backup taken');
        return { name: manifest.name, sizeBytes: Number(row?.sizeBytes ?? 0), ...(copyFailures.length ? { copyFailures } : {}) };
      });
    },

    async 'backup.rotate'(): Promise<string[]> {
      return asOwner((admin, c) => rotateBackups(admin, c.settings));
    },

    async 'backup.drill'(request: DrillRequest): Promise<DrillOutcome> {
      return asOwner(async (admin, c) => {
        const result = await runDrill(admin, c.settings, request);
        if (result.outcome === 'fail') logBackupFailure({ kind: 'drill', reason: result.reason ?? '', backupName: result.backupName, drillId: result.id });
        else logger.info({ backup: result.backupName, drillId: result.id, tables: result.details.tables }, 'backup restore drill passed');
        return result;
      });
    },

    /** One run of the documents' replication to the second site (ADR 0031); nothing when none is configured. */
    async 'backup.documents.replicate'(): Promise<ReplicationRun | null> {
      const c = config();
      if (!c.documentsReplica) return null;
      const { source, target } = c.documentsReplica;
      return asOwner(async (admin) => {
        const run = await replicateDocuments(admin, source, target, path.join(c.dataDir, 'documents-replication.json'));
        if (run.error) logger.warn({ location: run.location, pendingFiles: run.pendingFiles, reason: run.error }, 'documents replication behind: the second site is out of reach');
        else if (run.copied || run.removed) logger.info({ location: run.location, copied: run.copied, removed: run.removed }, 'documents replicated');
        return run;
      });
    },

    /**
     * Mails the platform's administrators (those holding backup.backup.read in the alert
     * organisations) through each organisation's comms, once per person and failure.
     */
    async 'backup.alert'(alert: BackupAlert): Promise<{ notified: number }> {
      if (alert.kind === 'backup') logBackupFailure(alert);
      const c = config();
      const recipients = await asOwner((admin) => admin('users as u')
        .join('tenants as t', 't.id', 'u.tenantId')
        .join('userRoles as ur', function joinRoles() { this.on('ur.userId', 'u.id').andOn('ur.tenantId', 'u.tenantId'); })
        .join('permissionGrants as g', function joinGrants() { this.on('g.roleId', 'ur.roleId').andOn('g.tenantId', 'u.tenantId'); })
        .where({ 'g.permission': 'backup.backup.read', 'u.active': true })
        .modify((q) => { if (c.alertTenants) void q.whereIn('t.slug', c.alertTenants); })
        .distinct('u.id', 'u.email', 'u.tenantId')) as Array<{ id: string; email: string; tenantId: string }>;
      const facts = { reason: alert.reason.slice(0, 500), backup: alert.backupName ?? '—' };
      const key = alert.drillId ?? alert.backupName ?? alert.reason.slice(0, 40);
      let notified = 0;
      for (const user of recipients) {
        await deps.sendMail({
          to: user.email,
          subject: backupMessage(alert.kind === 'drill' ? 'backup.alert.drill-subject' : 'backup.alert.backup-subject', facts).render('fr'),
          body: backupMessage(alert.kind === 'drill' ? 'backup.alert.drill-body' : 'backup.alert.backup-body', facts).render('fr'),
        }, { tenantId: user.tenantId, workflowId: `relais/backup-alert/${key}`, elementId: 'backup-alert', loopCounter: 0, idempotencyKey: `backup-alert/${key}/${user.id}`, actorUserId: null });
        notified++;
      }
      return { notified };
    },
  };
}

export type BackupActivities = ReturnType<typeof createBackupActivities>;
