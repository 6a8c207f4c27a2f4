import type { Knex } from 'knex';

/**
 * The tenant-wide cap on sends per channel and calendar minute, shared by
 * every worker, process and campaign: one counter row per minute, taken with
 * an atomic upsert that refuses to go past the limit.
 *
 * Every send of the organisation goes through the same row: it is taken by one
 * statement on its own (comms_take_rate_slot, db/migrations/20261212000700),
 * never inside a transaction driven from here, so that the row stays locked
 * only while PostgreSQL runs that statement, not for a round trip to this
 * process, nor for an fsync (its commit does not wait for the disk: losing an
 * increment in a database crash only lets one more message out).
 */
export type Slot = { ok: true } | { ok: false; retryAfterMs: number };

export async function reserveSlot(knex: Knex, tenantId: string, channel: 'sms' | 'mail', perMinute: number): Promise<Slot> {
  const { rows } = await knex.raw<{ rows: Array<{ ms: number }> }>('select comms_take_rate_slot(?, ?, ?) as ms', [tenantId, channel, perMinute]);
  const waitMs = Number(rows[0]!.ms);
  return waitMs === 0 ? { ok: true } : { ok: false, retryAfterMs: waitMs };
}
