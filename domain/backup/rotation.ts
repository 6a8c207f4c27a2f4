import { DateTime } from 'luxon';

/** How many backups the rotation keeps (spec 004: 7 daily, 4 weekly, 12 monthly). */
export interface RetentionPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}

export const RETENTION: RetentionPolicy = { daily: 7, weekly: 4, monthly: 12 };

/** The wall clock the days, weeks and months are counted in. */
export const ROTATION_ZONE = 'Europe/Paris';

export interface RotationItem {
  name: string;
  /** When the backup was taken (ISO 8601 instant). */
  takenAt: string;
}

export type KeepReason = 'latest' | 'daily' | 'weekly' | 'monthly';

export interface RotationDecision {
  keep: Array<{ name: string; reasons: KeepReason[] }>;
  remove: string[];
}

const BUCKETS: Array<{ reason: Exclude<KeepReason, 'latest'>; key: (d: DateTime) => string }> = [
  { reason: 'daily', key: (d) => d.toISODate()! },
  { reason: 'weekly', key: (d) => `${d.weekYear}-W${d.weekNumber}` },
  { reason: 'monthly', key: (d) => d.toFormat('yyyy-MM') },
];

/**
 * Which backups to keep: the newest one always; then, newest first, the newest
 * backup of each of the last `daily` days that have one, of the last `weekly`
 * ISO weeks and of the last `monthly` months (days, weeks and months in
 * `zone`). A backup kept for any reason stays; the others are removed. Pure:
 * the same list gives the same answer, whatever the time.
 */
export function rotate(items: readonly RotationItem[], policy: RetentionPolicy = RETENTION, zone = ROTATION_ZONE): RotationDecision {
  const sorted = [...items]
    .map((item) => ({ item, at: DateTime.fromISO(item.takenAt, { zone }) }))
    .sort((a, b) => b.at.toMillis() - a.at.toMillis() || b.item.name.localeCompare(a.item.name));
  const reasons = new Map<string, KeepReason[]>();
  const add = (name: string, reason: KeepReason) => reasons.set(name, [...(reasons.get(name) ?? []), reason]);
  if (sorted[0]) add(sorted[0].item.name, 'latest');
  for (const bucket of BUCKETS) {
    const seen = new Set<string>();
    for (const { item, at } of sorted) {
      if (seen.size >= policy[bucket.reason]) break;
      const key = bucket.key(at);
      if (seen.has(key)) continue;
      seen.add(key);
      add(item.name, bucket.reason);
    }
  }
  return {
    keep: sorted.filter(({ item }) => reasons.has(item.name)).map(({ item }) => ({ name: item.name, reasons: reasons.get(item.name)! })),
    remove: sorted.filter(({ item }) => !reasons.has(item.name)).map(({ item }) => item.name),
  };
}
