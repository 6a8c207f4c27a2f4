import type { Knex } from 'knex';

export type HistoryAction = 'create' | 'update' | 'delete' | 'assign' | 'unassign' | 'upload' | 'message' | 'consent' | 'sign' | 'payment' | 'close' | 'import'
  | 'issue' | 'send' | 'accept' | 'refuse' | 'expire' | 'credit';
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

/** The process a change was made through: its instance's workflow id is the change's request id (or a message's sentByProcess). */
export interface TimelineVia {
  processKey: string;
  processName: string | null;
}

export interface TimelineItem {
  id: string;
  action: HistoryAction;
  at: string;
  actor: { id: string; displayName: string } | null;
  via: TimelineVia | null;
  changes: Record<string, unknown>;
  /** Display names of the ids the changes mention (people, records the reader may see), filled by recordHistory. */
  names?: Record<string, string>;
}

/** Who a change is credited to: the signed-in user, or the person a process acts for (processContext's actorUserId). */
export function actorOf(ctx: { principal: { userId: string | null }; actorUserId?: string | null }): string | null {
  return ctx.actorUserId ?? ctx.principal.userId ?? null;
}

async function processesOf(trx: Knex.Transaction, workflowIds: string[]): Promise<Map<string, TimelineVia>> {
  if (!workflowIds.length) return new Map();
  const rows: Array<{ workflowId: string; processKey: string; name: string | null }> = await trx('processInstances as pi')
    .leftJoin('processDefinitions as d', (j) => j.on('d.key', 'pi.processKey').andOn('d.version', 'pi.version'))
    .whereIn('pi.workflowId', workflowIds)
    .select('pi.workflowId', 'pi.processKey', 'd.name');
  return new Map(rows.map((r) => [r.workflowId, { processKey: r.processKey, processName: r.name ?? null }]));
}

export async function listHistory(trx: Knex.Transaction, recordType: string, recordId: string, limit = 100): Promise<TimelineItem[]> {
  const rows = await trx('history as h')
    .leftJoin('users as u', 'u.id', 'h.actorUserId')
    .where({ 'h.recordType': recordType, 'h.recordId': recordId })
    .orderBy('h.id', 'desc')
    .limit(limit)
    .select('h.id', 'h.action', 'h.at', 'h.changes', 'h.actorUserId', 'h.requestId', 'u.displayName');
  // A process's writes carry its workflow id as request id; a message sent by a process names it too.
  const processOf = (r: Record<string, unknown>): string | null => {
    const sent = (r.changes as Record<string, unknown> | null)?.sentByProcess;
    return typeof sent === 'string' ? sent : typeof r.requestId === 'string' ? r.requestId : null;
  };
  const processes = await processesOf(trx, [...new Set(rows.map(processOf).filter((w): w is string => w !== null))]);
  return rows.map((r) => ({
    id: String(r.id),
    action: r.action,
    at: new Date(r.at).toISOString(),
    actor: r.actorUserId ? { id: r.actorUserId, displayName: r.displayName ?? '—' } : null,
    via: processes.get(processOf(r) ?? '') ?? null,
    changes: r.changes,
  }));
}
