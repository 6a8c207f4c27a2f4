import type { Knex } from 'knex';
import type { BackupItem, CopyState, DrillItem } from './backup.schema';
import { documentsReplicationState } from './documents-replication';
import { RETENTION } from './rotation';

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** A location as recorded: `{ location }` alone (before ADR 0031) is a copy never checked. */
function copyOf(l: Partial<CopyState> & { location: string }, index: number): CopyState {
  return {
    location: l.location, role: l.role ?? (index === 0 ? 'primary' : 'copy'), state: l.state ?? 'unchecked',
    checkedAt: l.checkedAt ?? null, reason: l.reason ?? null,
  };
}

function drill(row: Record<string, unknown>): DrillItem {
  const details = (row.details ?? {}) as { tables?: number; rows?: number; durationMs?: number; copies?: CopyState[] };
  return {
    id: String(row.id), backupName: (row.backupName as string | null) ?? null, trigger: row.trigger as DrillItem['trigger'],
    startedAt: iso(row.startedAt)!, finishedAt: iso(row.finishedAt), outcome: row.outcome as DrillItem['outcome'], reason: (row.reason as string | null) ?? null,
    tables: num(details.tables), rows: num(details.rows), durationMs: num(details.durationMs),
    copies: (details.copies ?? []).map(copyOf),
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
    copies: ((r.locations ?? []) as Array<Partial<CopyState> & { location: string }>).map(copyOf),
    tables: num(r.tables), rows: num(r.rows), error: (r.error as string | null) ?? null,
  }));
  const drills = (await trx('backupDrills').orderBy('startedAt', 'desc').limit(10).select('*')).map(drill);
  return {
    backups, latestDrill: drills[0] ?? null, drills,
    documentsReplication: await documentsReplicationState(trx),
    schedule: { backup: 'daily 02:30 Europe/Paris', drill: 'Sundays 04:30 Europe/Paris', retention: RETENTION },
  };
}
