import { z } from 'zod';

/** What a location holds of a set, proven by reading it back (domain/backup/copy-check.ts). */
export const copyState = z.object({
  location: z.string().describe('dir:/srv/backups, s3://bucket/prefix/'),
  role: z.enum(['primary', 'copy']).describe('copy: the second location'),
  state: z.enum(['verified', 'missing', 'corrupt', 'unreachable', 'unchecked']).describe('verified: every file read back with the SHA-256 written'),
  checkedAt: z.string().nullable(),
  reason: z.string().nullable(),
});

/** The documents' replication to the second site (domain/backup/documents-replication.ts). */
export const documentsReplicationState = z.object({
  location: z.string(),
  lastRunAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  files: z.number().int().describe('Files the replica holds, verified'),
  bytes: z.number().int(),
  pendingFiles: z.number().int().describe('New or changed files of the primary not yet on the replica'),
  pendingBytes: z.number().int(),
  lagSeconds: z.number().describe('Age of the oldest change not yet replicated; 0 when caught up'),
  error: z.string().nullable().describe('Why the last run failed (the replica out of reach…)'),
});

/** What `GET /api/v1/backups` answers (api/backup/backup.router.ts). No personal data: names, sizes, counts, outcomes. */
export const backupItem = z.object({
  name: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  locations: z.array(z.string()),
  copies: z.array(copyState).describe('Each location\'s state, last checked after the copy or by a drill'),
  tables: z.number().int().nullable(),
  rows: z.number().int().nullable(),
  error: z.string().nullable(),
});

export const drillItem = z.object({
  id: z.string().uuid(),
  backupName: z.string().nullable(),
  trigger: z.enum(['schedule', 'manual']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  outcome: z.enum(['running', 'pass', 'fail']),
  reason: z.string().nullable(),
  tables: z.number().int().nullable(),
  rows: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  copies: z.array(copyState).describe('The drilled set\'s locations, read back and compared'),
});

export const backupsAnswer = z.object({
  backups: z.array(backupItem),
  latestDrill: drillItem.nullable(),
  drills: z.array(drillItem),
  documentsReplication: documentsReplicationState.nullable().describe('The documents\' copy on the second site, when configured'),
  schedule: z.object({ backup: z.string(), drill: z.string(), retention: z.object({ daily: z.number(), weekly: z.number(), monthly: z.number() }) }),
});

export const drillStarted = z.object({ workflowId: z.string(), alreadyRunning: z.boolean() });

export type BackupItem = z.infer<typeof backupItem>;
export type DrillItem = z.infer<typeof drillItem>;
export type CopyState = z.infer<typeof copyState>;
export type DocumentsReplicationState = z.infer<typeof documentsReplicationState>;
