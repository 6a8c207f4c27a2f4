import type { Knex } from 'knex';

export type HistoryAction = 'create' | 'update' | 'delete' | 'assign' | 'unassign' | 'upload' | 'message' | 'consent' | 'sign' | 'payment' | 'close' | 'import';
export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

const IGNORED = new Set(['version', 'updatedAt', 'createdAt', 'search']);

/** The fields that differ between two versions of a record. */
export function diffRecords(before: Record<string, unknown> | null, after: Record<string, unknown> | null): FieldChanges {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: FieldChanges = {};
  for (const key of keys) {
    if (IGNORED.has(key)) continue;
    const b = before?.[key] ?? null;
    const a = after?.[key] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) changes[key] = { before: b, after: a };
  }
  return changes;
}

export interface HistoryEntry {
  recordType: string;
  recordId: string;
  action: HistoryAction;
  actorUserId: string | null;
  requestId?: string | null;
  changes: FieldChanges | Record<string, unknown>;
}

/** Appends to the record's timeline, in the same transaction as the change. */
export async function appendHistory(trx: Knex.Transaction, tenantId: string, entry: HistoryEntry): Promise<void> {
  await trx('history').insert({
    tenantId,
    recordType: entry.recordType,
    recordId: entry.recordId,
    action: entry.action,
    actorUserId: entry.actorUserId,
    requestId: entry.requestId ?? null,
    changes: JSON.stringify(entry.changes),
  });
}

export interface TimelineItem {
  id: string;
  action: HistoryAction;
  at: string;
  actor: { id: string; displayName: string } | null;
  changes: Record<string, unknown>;
}

export async function listHistory(trx: Knex.Transaction, recordType: string, recordId: string, limit = 100): Promise<TimelineItem[]> {
  const rows = await trx('history as h')
    .leftJoin('users as u', 'u.id', 'h.actorUserId')
    .where({ 'h.recordType': recordType, 'h.recordId': recordId })
    .orderBy('h.id', 'desc')
    .limit(limit)
    .select('h.id', 'h.action', 'h.at', 'h.changes', 'h.actorUserId', 'u.displayName');
  return rows.map((r) => ({
    id: String(r.id),
    action: r.action,
    at: new Date(r.at).toISOString(),
    actor: r.actorUserId ? { id: r.actorUserId, displayName: r.displayName ?? '—' } : null,
    changes: r.changes,
  }));
}
