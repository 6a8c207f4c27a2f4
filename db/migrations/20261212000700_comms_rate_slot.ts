import type { Knex } from 'knex';

/**
 * The tenant-wide per-minute counter of sends (comms_rate_windows) is one row
 * per organisation, channel and minute: every send of a campaign updates the
 * same row. Taken in a transaction driven from Node, the row stayed locked
 * across a round trip to the worker (BEGIN, upsert, answer, COMMIT), and the
 * sends queued behind it: bench/comms measured 39 ms of lock wait per
 * message, 80 % of the database time of a send (docs/performance.md).
 *
 * This function takes a slot in one statement, run on its own (autocommit):
 * the lock is held only while PostgreSQL runs it. It is not security definer:
 * it sets the tenant of its transaction itself, so row-level security applies
 * as in any request, and its commit does not wait for the disk (losing an
 * increment in a database crash lets one more message out).
 * Answers 0 when a slot is taken, otherwise the milliseconds until the next minute.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create or replace function comms_take_rate_slot(p_tenant uuid, p_channel text, p_per_minute integer) returns integer
      language plpgsql volatile set search_path = public as $f$
      declare
        v_used integer;
      begin
        perform set_config('app.tenant_id', p_tenant::text, true);
        perform set_config('synchronous_commit', 'off', true);
        insert into comms_rate_windows as w (tenant_id, channel, window_start, used)
          values (p_tenant, p_channel, date_trunc('minute', clock_timestamp()), 1)
          on conflict (tenant_id, channel, window_start) do update set used = w.used + 1 where w.used < p_per_minute
          returning used into v_used;
        if v_used is null then
          return greatest(100, ceil(extract(epoch from (date_trunc('minute', clock_timestamp()) + interval '1 minute' - clock_timestamp())) * 1000))::integer;
        end if;
        -- A new minute: forget the old ones (kept ten minutes for inspection).
        if v_used = 1 then
          delete from comms_rate_windows where tenant_id = p_tenant and channel = p_channel and window_start < clock_timestamp() - interval '10 minutes';
        end if;
        return 0;
      end
      $f$;
    revoke all on function comms_take_rate_slot(uuid, text, integer) from public;
    grant execute on function comms_take_rate_slot(uuid, text, integer) to relais_app;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop function if exists comms_take_rate_slot(uuid, text, integer)');
}
