import type { Knex } from 'knex';

/**
 * ADR 0046, corrected: a partner or reseller bound to no brand reads only the accounts it owns or created, in every
 * organisation. The scope was left null (the tenant's policy alone) in an organisation without brands, where the
 * telecom partner's `r=all` grant (narrowed by these policies elsewhere) then read every client.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create or replace function telecom_brand_scope() returns uuid[] language sql stable as $f$
      select case
        when exists (select 1 from telecom_brand_users m where m.user_id = app_user_id())
          then (select array_agg(m.brand_id) from telecom_brand_users m where m.user_id = app_user_id())
        when exists (select 1 from users u where u.id = app_user_id() and u.type in ('partner', 'reseller'))
          then '{}'::uuid[]
        else null
      end
    $f$;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    create or replace function telecom_brand_scope() returns uuid[] language sql stable as $f$
      select case
        when exists (select 1 from telecom_brand_users m where m.user_id = app_user_id())
          then (select array_agg(m.brand_id) from telecom_brand_users m where m.user_id = app_user_id())
        when exists (select 1 from users u where u.id = app_user_id() and u.type in ('partner', 'reseller'))
          and exists (select 1 from telecom_brands)
          then '{}'::uuid[]
        else null
      end
    $f$;
  `);
}
