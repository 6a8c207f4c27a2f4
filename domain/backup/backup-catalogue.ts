import type { Knex } from 'knex';
import type { BackupItem, DrillItem } from './backup.schema';
import { RETENTION } from './rotation';

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function drill(row: Record<string, unknown>): DrillItem {
  const details = (row.details ?? {}) as { tables?: number; rows?: number; durationMs?: number };
  return {
    id: String(row.id), backupName: (row.backupName as string | null) ?? null, trigger: row.trigger as DrillItem['trigger'],
    startedAt: iso(row.startedAt)!, finishedAt: iso(row.finishedAt), outcome: row.outcome as DrillItem['outcome'], reason: (row.reason as string | null) ?? null,
    tables: num(details.tables), rows: num(details.rows), durationMs: num(details.durationMs),
  };
}

/** The backups still kept (newest first), the latest drills and the schedule, as the administration screen shows them. */
export async function backupOverview(trx: Knex | Knex.Transaction) {
  const rows = await trx('backups').whereNull('removedAt').orderBy('startedAt', 'desc').limit(60)
    .select('name', 'status', 'startedAt', 'finishedAt', 'sizeBytes', 'locations', 'error',
      trx.raw("jsonb_array_length(manifest -> 'database' -> 'tables') as tables"),
      trx.raw("(select sum((t ->> 'rows')::bigint) from jsonb_array_elements(manifest -> 'database' -> 'tables') t) as rows"));
  const backups: BackupItem[] = rows.map((r: Record<string, unknown>) => ({
    name: String(r.name), status: r.status as BackupItem['status'], startedAt: iso(r.startedAt)!, finishedAt: iso(r.finishedAt),
    sizeBytes: num(r.sizeBytes), locations: ((r.locations ?? []) as Array<{ location: string }>).map((l) => l.location),
    tables: num(r.tables), rows: num(r.rows), error: (r.error as string | null) ?? null,
  }));
  const drills = (await trx('backupDrills').orderBy('startedAt', 'desc').limit(10).select('*')).map(drill);
  return {
    backups, latestDrill: drills[0] ?? null, drills,
    schedule: { backup: 'daily 02:30 Europe/Paris', drill: 'Sundays 04:30 Europe/Paris', retention: RETENTION },
  };
}
