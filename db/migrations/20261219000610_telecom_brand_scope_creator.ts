import type { Knex } from 'knex';

/**
 * ADR 0046, completed: a brand-bound partner also reads the accounts it created (as those it owns), so the row it
 * just inserted comes back to the record service — which then refuses, in French, an account created for someone
 * else (403) instead of the database refusing the row it cannot read back (a 500).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    drop policy telecom_brand_scope on accounts;
    create policy telecom_brand_scope on accounts as restrictive for select
      using ((select telecom_brand_scope()) is null or owner_id = app_user_id() or created_by = app_user_id()
        or exists (select 1 from telecom_account_profiles p where p.account_id = accounts.id));
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop policy telecom_brand_scope on accounts;
    create policy telecom_brand_scope on accounts as restrictive for select
      using ((select telecom_brand_scope()) is null or owner_id = app_user_id()
        or exists (select 1 from telecom_account_profiles p where p.account_id = accounts.id));
  `);
}
