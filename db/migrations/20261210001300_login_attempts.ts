import type { Knex } from 'knex';

/**
 * Sign-in attempt counters shared by every API process (several cluster
 * workers, several replicas): the rate limits of POST /auth/login count here
 * rather than in each process's memory (api/identity/login-attempts.ts). The
 * key is a SHA-256 of the limiter's key (address and email), so no address
 * or email is stored. Only these security-definer functions touch the table;
 * expired counters are deleted as new ones are written.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table login_attempts (
      key text primary key,
      hits integer not null,
      reset_at timestamptz not null
    );
    create index login_attempts_reset_at on login_attempts (reset_at);

    create or replace function login_attempt_hit(p_key text, p_window_seconds integer)
      returns table (hits integer, reset_at timestamptz)
      language sql volatile security definer set search_path = public as $f$
      delete from login_attempts where login_attempts.reset_at < now() - interval '1 minute';
      insert into login_attempts as a (key, hits, reset_at)
        values (p_key, 1, now() + make_interval(secs => p_window_seconds))
        on conflict (key) do update set
          hits = case when a.reset_at <= now() then 1 else a.hits + 1 end,
          reset_at = case when a.reset_at <= now() then excluded.reset_at else a.reset_at end
        returning a.hits, a.reset_at;
    $f$;

    create or replace function login_attempt_undo(p_key text) returns void
      language sql volatile security definer set search_path = public as $f$
      update login_attempts set hits = greatest(hits - 1, 0) where key = p_key and reset_at > now();
    $f$;

    create or replace function login_attempt_get(p_key text)
      returns table (hits integer, reset_at timestamptz)
      language sql stable security definer set search_path = public as $f$
      select a.hits, a.reset_at from login_attempts a where a.key = p_key and a.reset_at > now();
    $f$;

    create or replace function login_attempt_reset(p_key text) returns void
      language sql volatile security definer set search_path = public as $f$
      delete from login_attempts where key = p_key;
    $f$;
  `);
  for (const fn of ['login_attempt_hit(text, integer)', 'login_attempt_undo(text)', 'login_attempt_get(text)', 'login_attempt_reset(text)']) {
    await knex.raw(`revoke all on function ${fn} from public; grant execute on function ${fn} to relais_app`);
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop function if exists login_attempt_hit(text, integer);
    drop function if exists login_attempt_undo(text);
    drop function if exists login_attempt_get(text);
    drop function if exists login_attempt_reset(text);
    drop table if exists login_attempts;
  `);
}
