import type { Knex } from 'knex';

/**
 * audit_log_verify walks a tenant's rows in id order, but the id came from the
 * column default, taken before the chain trigger waits for the tenant's lock:
 * two concurrent inserts could take ids in one order and link in the other,
 * and an untouched log then failed verification. The trigger now takes the id
 * once it holds the lock, so id order is chain order.
 */
const CHAIN = (assignId: boolean) => `
    create or replace function audit_log_chain() returns trigger
      language plpgsql security definer set search_path = public as $f$
    declare last_hash text;
    begin
      perform pg_advisory_xact_lock(hashtext('audit_log:' || coalesce(new.tenant_id::text, '-')));
      ${assignId ? "new.id := nextval(pg_get_serial_sequence('audit_log', 'id'));" : ''}
      select hash into last_hash from audit_log
        where tenant_id is not distinct from new.tenant_id order by id desc limit 1;
      new.prev_hash := coalesce(last_hash, repeat('0', 64));
      new.at := clock_timestamp();
      new.hash := encode(digest(new.prev_hash || '|' || coalesce(new.tenant_id::text, '') || '|' ||
        coalesce(new.actor_user_id::text, '') || '|' || new.action || '|' || coalesce(new.target_type, '') || '|' ||
        coalesce(new.target_id, '') || '|' || new.details::text || '|' || coalesce(new.ip, '') || '|' ||
        to_char(new.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), 'sha256'), 'hex');
      return new;
    end $f$;`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(CHAIN(true));
  // Row triggers do not see TRUNCATE: refuse it too, so the log stays append-only.
  await knex.raw('create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_immutable()');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger if exists audit_log_no_truncate on audit_log');
  await knex.raw(CHAIN(false));
}
