import { backupsAnswer, drillStarted } from '../../domain/backup/backup.schema';
import { answer, errors, type Json } from '../openapi-parts';

/** The backup context's endpoints (api/backup/backup.router.ts). */
export function backupOpenApiPaths(): Json {
  return {
    '/api/v1/backups': {
      get: {
        tags: ['Backups'],
        summary: 'The platform\'s backups still kept (newest first: size, locations with each one\'s `copies` state read back — verified, missing, corrupt, unreachable —, tables and rows), the latest restore drills with their `outcome` (pass, fail, running), reason and the copies they read back, the documents\' replication to the second site, and the schedule. Platform-wide (ADRs 0020, 0031); needs backup.backup.read',
        responses: { 200: answer('Backups and drills', backupsAnswer), ...errors },
      },
    },
    '/api/v1/backups/drills': {
      post: {
        tags: ['Backups'],
        summary: 'Starts a restore drill of the latest backup (restored into a scratch database, compared table by table, opened as the application role); one at a time: asked again while one runs, answers that one. Its outcome appears in GET /backups. Needs backup.backup.create',
        responses: { 202: answer('The drill started (or already running)', drillStarted), ...errors },
      },
    },
  };
}
