import type { ConsentDecision, ConsentSource } from './consent.schemas';

/**
 * The current state of a consent, derived from its ledger (pure: unit-tested without I/O). The ledger is never
 * changed; the latest entry by the moment the person said it (then by the moment it was recorded) decides:
 * a grant that has not expired is `granted` (or `soft` for a soft opt-in the purpose accepts), an expired one
 * `expired`, an opt-out `withdrawn`, nothing at all `none`. Only `granted` and `soft` allow the processing.
 */
export type ConsentStatus = 'granted' | 'soft' | 'withdrawn' | 'expired' | 'none';

export interface LedgerEntry {
  id: string;
  purpose: string;
  channel: string;
  decision: ConsentDecision;
  source: ConsentSource;
  sourceDetail: string | null;
  textId: string | null;
  textVersion: number | null;
  occurredAt: Date;
  recordedAt: Date;
  expiresAt: Date | null;
  recordedBy: string | null;
}

export interface ConsentState {
  purpose: string;
  channel: string;
  status: ConsentStatus;
  /** True when the processing may go ahead (granted, or a soft opt-in the purpose accepts). */
  allowed: boolean;
  /** The entry the state comes from (null when there is none). */
  since: Date | null;
  source: ConsentSource | null;
  sourceDetail: string | null;
  expiresAt: Date | null;
  /** The version of the text shown at the latest grant. */
  textVersion: number | null;
  /** True when the person consented to an older text than the purpose's current one (ask again). */
  textOutdated: boolean;
}

/** Newest first: by the moment the person said it, then by the moment it was written down. */
export function byLatest(a: Pick<LedgerEntry, 'occurredAt' | 'recordedAt'>, b: Pick<LedgerEntry, 'occurredAt' | 'recordedAt'>): number {
  return b.occurredAt.getTime() - a.occurredAt.getTime() || b.recordedAt.getTime() - a.recordedAt.getTime();
}

/**
 * The state of one purpose and channel from its entries (any order; others' entries are ignored).
 * `softOptIn` says whether the purpose accepts a soft opt-in; `currentTextVersion` is the purpose's latest text.
 */
export function deriveConsent(
  entries: readonly LedgerEntry[], purpose: string, channel: string, now: Date,
  options: { softOptIn?: boolean; currentTextVersion?: number | null } = {},
): ConsentState {
  const own = entries.filter((e) => e.purpose === purpose && e.channel === channel).sort(byLatest);
  const latest = own[0];
  if (!latest) {
    return { purpose, channel, status: 'none', allowed: false, since: null, source: null, sourceDetail: null, expiresAt: null, textVersion: null, textOutdated: false };
  }
  const base = { purpose, channel, since: latest.occurredAt, source: latest.source, sourceDetail: latest.sourceDetail };
  if (latest.decision === 'opt-out') {
    return { ...base, status: 'withdrawn', allowed: false, expiresAt: null, textVersion: null, textOutdated: false };
  }
  const expired = latest.expiresAt !== null && latest.expiresAt.getTime() <= now.getTime();
  const soft = latest.decision === 'soft-opt-in';
  const status: ConsentStatus = expired ? 'expired' : soft ? 'soft' : 'granted';
  const allowed = !expired && (!soft || Boolean(options.softOptIn));
  const current = options.currentTextVersion ?? null;
  return {
    ...base, status, allowed, expiresAt: latest.expiresAt, textVersion: latest.textVersion,
    textOutdated: !expired && current !== null && (latest.textVersion === null || latest.textVersion < current),
  };
}

/** When a grant given at `from` lapses under an ISO 8601 validity (`P3Y`, `P6M`, `P30D`); null without one. */
export function expiryOf(from: Date, validity: string | undefined): Date | null {
  if (!validity) return null;
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(validity);
  if (!m) throw new Error(`Invalid consent validity ${validity}`);
  const at = new Date(from.getTime());
  at.setUTCFullYear(at.getUTCFullYear() + Number(m[1] ?? 0), at.getUTCMonth() + Number(m[2] ?? 0), at.getUTCDate() + Number(m[3] ?? 0));
  return at;
}
