import type { Knex } from 'knex';

/**
 * Reads served by the second site's hot standby (issue 15, ADR 0021).
 *
 * A monitor measures the replica every `sampleMs`: the primary's current WAL position and the
 * replica's replay position (pg_last_wal_replay_lsn). The lag in bytes is their difference; the
 * lag in seconds is how long ago the primary stood where the replica stands now (the time of the
 * first of the primary's recent positions the replica has not replayed yet), measured on this
 * process's clock only, so clock skew between the two servers does not enter it.
 *
 * A read may go to the replica when the latest measure is fresh, the replica is a standby (not a
 * promoted server), its lag is within `maxLagSeconds`, and the reader has no write of their own
 * the replica has not replayed yet (read-your-writes by LSN: `noteWrite` records the primary's
 * WAL position after a user's write; that user's reads stay on the primary until the replica
 * replays past it). Anything else reads the primary.
 */

export interface ReplicaStatus {
  /**
   * `up`: serving reads; `lagging`: reachable but further behind than allowed; `down`: unreachable, not a
   * standby, or not measured yet; `isolated`: the primary is out of reach and the replica is not (the
   * link cut, PRA/PCA scenario 3): it serves the reads it may, as of its last replay, since nothing else can.
   */
  status: 'up' | 'lagging' | 'down' | 'isolated';
  measuredAt: string | null;
  /** Replay lag in seconds (resolution: the sampling interval). */
  lagSeconds: number | null;
  /** WAL bytes the primary wrote that the replica has not replayed. */
  lagBytes: number | null;
  maxLagSeconds: number;
  primaryLsn: string | null;
  replayLsn: string | null;
  receiveLsn: string | null;
  /** The WAL receiver's state on the replica (`streaming` when linked), when PostgreSQL shows it to this role (pg_read_all_stats); else null, and the slot's `active` tells. */
  receiver: string | null;
  /** The replication slots on the primary: whether a standby is attached, and the WAL kept for it. */
  slots: Array<{ name: string; active: boolean; retainedBytes: number | null; walStatus: string | null }>;
  error?: string;
}

export interface ReplicaReadsOptions {
  maxLagSeconds: number;
  sampleMs?: number;
  /** Called when a write pins a reader, for other API processes (api/cluster.ts relays it). */
  onPin?: (key: string, lsn: string) => void;
}

/** A WAL position ('16/B374D848') as a number of bytes. */
export function lsnBytes(lsn: string): bigint {
  const [hi, lo] = lsn.split('/');
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

const HISTORY = 1_200;

export class ReplicaReads {
  private readonly sampleMs: number;
  private timer: NodeJS.Timeout | undefined;
  private current: ReplicaStatus;
  private replay: bigint | null = null;
  /** The primary's recent positions, oldest first, with when they were seen. */
  private readonly history: Array<{ at: number; lsn: bigint }> = [];
  /** tenant/user → the primary's position after their last write, until the replica replays it. */
  private readonly pins = new Map<string, bigint>();
  private sampling: Promise<ReplicaStatus> | undefined;

  constructor(readonly primary: Knex, readonly replica: Knex, private readonly opts: ReplicaReadsOptions) {
    this.sampleMs = opts.sampleMs ?? 500;
    this.current = this.blank('down');
  }

  private blank(status: ReplicaStatus['status'], error?: string): ReplicaStatus {
    return {
      status, measuredAt: null, lagSeconds: null, lagBytes: null, maxLagSeconds: this.opts.maxLagSeconds,
      primaryLsn: null, replayLsn: null, receiveLsn: null, receiver: null, slots: [], ...(error ? { error } : {}),
    };
  }

  /** Starts measuring (the timer does not keep the process alive). */
  start(): this {
    const tick = () => { void this.sample().finally(() => { if (this.timer) this.timer = setTimeout(tick, this.sampleMs).unref(); }); };
    this.timer = setTimeout(tick, 0).unref();
    return this;
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.sampling?.catch(() => undefined);
  }

  /** The latest measure. */
  status(): ReplicaStatus {
    return this.current;
  }

  /** Measures now (one measure at a time: a caller arriving meanwhile gets the one under way). */
  sample(): Promise<ReplicaStatus> {
    this.sampling ??= this.measure().finally(() => { this.sampling = undefined; });
    return this.sampling;
  }

  private async measure(): Promise<ReplicaStatus> {
    let primaryRow: { lsn: string; slots: Array<{ name: string; active: boolean; retained: string | null; wal_status: string | null }> | null };
    try {
      const { rows } = await this.primary.raw<{ rows: Array<typeof primaryRow> }>(`
        select pg_current_wal_lsn()::text as lsn,
          (select json_agg(json_build_object('name', slot_name, 'active', active, 'wal_status', wal_status,
             'retained', pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::text) order by slot_name)
           from pg_replication_slots where slot_type = 'physical') as slots`);
      primaryRow = rows[0]!;
    } catch (error) {
      // Without the primary there is nothing to compare with; the replica alone may still answer reads.
      return this.measureIsolated(`primary: ${(error as Error).message}`);
    }
    const seenAt = Date.now();
    const primaryLsn = lsnBytes(primaryRow.lsn);
    const last = this.history[this.history.length - 1];
    if (!last || last.lsn !== primaryLsn) this.history.push({ at: seenAt, lsn: primaryLsn });
    if (this.history.length > HISTORY) this.history.shift();
    const slots = (primaryRow.slots ?? []).map((s) => ({ name: s.name, active: s.active, retainedBytes: s.retained === null ? null : Number(s.retained), walStatus: s.wal_status }));
    try {
      const { rows } = await this.replica.raw<{ rows: Array<{ recovery: boolean; replay: string | null; receive: string | null; receiver: string | null }> }>(`
        select pg_is_in_recovery() as recovery, pg_last_wal_replay_lsn()::text as replay, pg_last_wal_receive_lsn()::text as receive,
          (select status from pg_stat_wal_receiver) as receiver`);
      const row = rows[0]!;
      if (!row.recovery || !row.replay) {
        this.replay = null;
        this.current = { ...this.blank('down', 'the replica is not a standby (promoted?)'), measuredAt: new Date(seenAt).toISOString(), primaryLsn: primaryRow.lsn, slots };
        return this.current;
      }
      const replay = lsnBytes(row.replay);
      this.replay = replay;
      const behind = primaryLsn > replay ? primaryLsn - replay : 0n;
      // The first position the replica has not replayed: the replica shows the primary as it was just before then.
      const firstAhead = behind === 0n ? undefined : this.history.find((h) => h.lsn > replay);
      const lagSeconds = behind === 0n ? 0 : (Date.now() - (firstAhead ?? this.history[0]!).at) / 1000;
      for (const [key, lsn] of this.pins) if (lsn <= replay) this.pins.delete(key);
      this.current = {
        status: lagSeconds <= this.opts.maxLagSeconds ? 'up' : 'lagging',
        measuredAt: new Date(seenAt).toISOString(), lagSeconds, lagBytes: Number(behind), maxLagSeconds: this.opts.maxLagSeconds,
        primaryLsn: primaryRow.lsn, replayLsn: row.replay, receiveLsn: row.receive, receiver: row.receiver, slots,
      };
    } catch (error) {
      this.replay = null;
      this.current = { ...this.blank('down', `replica: ${(error as Error).message}`), measuredAt: new Date(seenAt).toISOString(), primaryLsn: primaryRow.lsn, slots };
    }
    return this.current;
  }

  private async measureIsolated(primaryError: string): Promise<ReplicaStatus> {
    try {
      const { rows } = await this.replica.raw<{ rows: Array<{ recovery: boolean; replay: string | null; receive: string | null }> }>(
        'select pg_is_in_recovery() as recovery, pg_last_wal_replay_lsn()::text as replay, pg_last_wal_receive_lsn()::text as receive');
      const row = rows[0]!;
      if (!row.recovery || !row.replay) throw new Error('the replica is not a standby (promoted?)');
      this.replay = lsnBytes(row.replay);
      this.current = { ...this.blank('isolated', primaryError), measuredAt: new Date().toISOString(), replayLsn: row.replay, receiveLsn: row.receive };
    } catch (error) {
      this.replay = null;
      this.current = this.blank('down', `${primaryError}; replica: ${(error as Error).message}`);
    }
    return this.current;
  }

  private fresh(): boolean {
    const at = this.current.measuredAt ? Date.parse(this.current.measuredAt) : 0;
    return Date.now() - at <= 3 * this.sampleMs + 1_000;
  }

  /** The pool a read by this person may use now: the replica when allowed (see the class), else the primary. */
  poolFor(scope: { tenantId: string; userId?: string | null }): Knex {
    const serving = this.current.status === 'up' || this.current.status === 'isolated';
    if (!serving || this.replay === null || !this.fresh()) return this.primary;
    const pinned = this.pins.get(pinKey(scope));
    if (pinned !== undefined) {
      if (pinned > this.replay) return this.primary;
      this.pins.delete(pinKey(scope));
    }
    return this.replica;
  }

  /** After a person's write committed: their reads stay on the primary until the replica has replayed it. */
  async noteWrite(scope: { tenantId: string; userId?: string | null }): Promise<void> {
    const { rows } = await this.primary.raw<{ rows: Array<{ lsn: string }> }>('select pg_current_wal_insert_lsn()::text as lsn');
    const key = pinKey(scope);
    this.pin(key, rows[0]!.lsn);
    this.opts.onPin?.(key, rows[0]!.lsn);
  }

  /** Records a pin (also one another API process relayed). */
  pin(key: string, lsn: string): void {
    const at = lsnBytes(lsn);
    if (this.replay !== null && at <= this.replay) return;
    const known = this.pins.get(key);
    if (known === undefined || known < at) this.pins.set(key, at);
  }

  /** After a read on the replica failed (it went away, or a recovery conflict): mark it down until the next measure says otherwise. */
  replicaFailed(error: Error): void {
    this.replay = null;
    this.current = { ...this.current, status: 'down', error: `replica: ${error.message}` };
  }
}

export function pinKey(scope: { tenantId: string; userId?: string | null }): string {
  return `${scope.tenantId}/${scope.userId ?? ''}`;
}
