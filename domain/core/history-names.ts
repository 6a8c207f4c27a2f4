import type { RecordResource } from './record-resource';
import { isUuid, readableQuery, recordHistory, type RequestContext } from './record-service';
import { accounts, billingSites, contacts, sites } from './resources';
import type { TimelineItem } from './history';

/**
 * Names for the ids a timeline mentions, so it reads « Propriétaire : Sophie
 * Martin » rather than a uuid. People by display name (the organisation's
 * users are listed to every member already); records through the reader's
 * own read scope, so a name they may not see stays unknown (the UI says so).
 * One query per kind for the whole timeline.
 */

/** Fields that hold a user id. */
const USER_FIELDS = new Set(['ownerId', 'supportUserId', 'salesContactId', 'supportContactId', 'sentByUserId', 'createdBy', 'assignee', 'completedBy']);

/** Fields that hold the id of a core record. */
const RECORD_FIELDS: Record<string, RecordResource> = {
  accountId: accounts, contactId: contacts, billingContactId: contacts, siteId: sites, billingSiteId: billingSites,
};

type Row = Record<string, unknown>;

/** A record's name as people say it: its name, a person's full name, else its number. */
function titleOf(row: Row): string | null {
  const person = [row.firstName, row.lastName].filter((p) => typeof p === 'string' && p).join(' ');
  const named = row.name ?? row.fullName ?? (person || null);
  if (typeof named === 'string' && named) return named;
  return row.number !== null && row.number !== undefined ? `n° ${String(row.number)}` : null;
}

function valuesOf(change: unknown): unknown[] {
  if (change && typeof change === 'object' && 'before' in change && 'after' in change) return [change.before, change.after];
  return [change];
}

/** The ids of each kind the changes mention: users, then records by resource. */
function mentionedIds(items: TimelineItem[]): { users: Set<string>; records: Map<RecordResource, Set<string>> } {
  const users = new Set<string>();
  const records = new Map<RecordResource, Set<string>>();
  for (const item of items) {
    for (const [field, change] of Object.entries(item.changes)) {
      const res = RECORD_FIELDS[field];
      if (!USER_FIELDS.has(field) && !res) continue;
      for (const value of valuesOf(change).filter(isUuid)) {
        if (res) records.set(res, (records.get(res) ?? new Set()).add(value));
        else users.add(value);
      }
    }
  }
  return { users, records };
}

export async function namesOf(ctx: RequestContext, items: TimelineItem[]): Promise<Record<string, string>> {
  const { users, records } = mentionedIds(items);
  const names: Record<string, string> = {};
  if (users.size) {
    const rows: Array<{ id: string; displayName: string }> = await ctx.trx('users').whereIn('id', [...users]).select('id', 'displayName');
    for (const r of rows) names[r.id] = r.displayName;
  }
  for (const [res, ids] of records) {
    const qb = readableQuery(ctx, res);
    if (!qb) continue;
    const rows = (await qb.whereIn('t.id', [...ids])) as Row[];
    for (const row of rows) {
      const title = titleOf(row);
      if (title) names[String(row.id)] = title;
    }
  }
  return names;
}

/** The record's timeline (recordHistory: only what the reader may see) with, on each entry, the names of the ids it mentions. */
export async function recordTimeline(ctx: RequestContext, res: RecordResource, id: string): Promise<TimelineItem[]> {
  const items = await recordHistory(ctx, res, id);
  const names = await namesOf(ctx, items);
  return items.map((item) => {
    const own = Object.fromEntries(Object.entries(item.changes).flatMap(([, change]) => valuesOf(change))
      .filter((v): v is string => typeof v === 'string' && v in names).map((v) => [v, names[v]!]));
    return { ...item, names: own };
  });
}
