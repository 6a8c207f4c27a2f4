import { z } from 'zod';

/** What `GET /api/v1/backups` answers (api/backup/backup.router.ts). No personal data: names, sizes, counts, outcomes. */
export const backupItem = z.object({
  name: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  locations: z.array(z.string()),
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
});

export const backupsAnswer = z.object({
  backups: z.array(backupItem),
  latestDrill: drillItem.nullable(),
  drills: z.array(drillItem),
  schedule: z.object({ backup: z.string(), drill: z.string(), retention: z.object({ daily: z.number(), weekly: z.number(), monthly: z.number() }) }),
});

export const drillStarted = z.object({ workflowId: z.string(), alreadyRunning: z.boolean() });

export type BackupItem = z.infer<typeof backupItem>;
export type DrillItem = z.infer<typeof drillItem>;
