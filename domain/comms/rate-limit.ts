import type { Knex } from 'knex';

/**
 * The tenant-wide cap on sends per channel and calendar minute, shared by
 * every worker, process and campaign: one counter row per minute, taken with
 * an atomic upsert that refuses to go past the limit.
 */
export type Slot = { ok: true } | { ok: false; retryAfterMs: number };

export async function reserveSlot(trx: Knex.Transaction, tenantId: string, channel: 'sms' | 'mail', perMinute: number): Promise<Slot> {
  const result = await trx.raw(`
    insert into comms_rate_windows as w (tenant_id, channel, window_start, used)
    values (?, ?, date_trunc('minute', clock_timestamp()), 1)
    on conflict (tenant_id, channel, window_start) do update set used = w.used + 1 where w.used < ?
    returning used`, [tenantId, channel, perMinute]);
  if (result.rows.length) {
    // A new minute: forget the old ones (kept ten minutes for inspection).
    if (result.rows[0].used === 1) {
      await trx('commsRateWindows').where({ channel }).where('windowStart', '<', trx.raw("clock_timestamp() - interval '10 minutes'")).delete();
    }
    return { ok: true };
  }
  const { rows } = await trx.raw("select extract(epoch from (date_trunc('minute', clock_timestamp()) + interval '1 minute' - clock_timestamp())) * 1000 as ms");
  return { ok: false, retryAfterMs: Math.max(100, Math.ceil(Number(rows[0].ms))) };
}
