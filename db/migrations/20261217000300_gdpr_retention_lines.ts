import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/** An issued document's ten years (Code de commerce, art. L123-22) run from 31 December of its year: the day its buyer may go. */
const TERM_ENDED = (day: string) => `(make_date(extract(year from ${day})::int, 12, 31) + interval '10 years')::date <= current_date`;

/**
 * Retention's new lines (issue 15, docs/adr/0026-retention.md) and the erasure's undo window per organisation
 * (docs/adr/0027-erasure.md):
 * - an issued invoice or credit note still never changes its parties, except that its buyer may be erased once
 *   the law's ten years have run (the retention run's release); a payment's reference likewise — the database
 *   refuses any earlier release, whatever the application asks;
 * - a mark an erasure left on such a row becomes retention's (its reason and run may be updated);
 * - `gdpr_settings`: the organisation's undo window for erasures (0 to 30 days), set by its data protection officer.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create or replace function billing_frozen_guard() returns trigger language plpgsql as $$
    begin
      if old.number is not null and (
        new.number is distinct from old.number or new.lines is distinct from old.lines
        or new.total_including_tax_cents is distinct from old.total_including_tax_cents
        or new.seller is distinct from old.seller
        or (new.buyer is distinct from old.buyer and not (new.buyer is null and ${TERM_ENDED('old.issue_date')}))
        or new.issue_date is distinct from old.issue_date
      ) then
        raise exception 'an issued billing document cannot change (%.%)', tg_table_name, old.number using errcode = 'check_violation';
      end if;
      return new;
    end $$;

    create function billing_payment_release_guard() returns trigger language plpgsql as $$
    begin
      if new.reference is distinct from old.reference and (new.reference is not null or not ${TERM_ENDED('old.paid_on')}) then
        raise exception 'a payment''s reference is kept ten years after its year (%)', old.id using errcode = 'check_violation';
      end if;
      return new;
    end $$;
    create trigger billing_payments_release before update on billing_payments for each row execute function billing_payment_release_guard();
    grant update (reference) on billing_payments to relais_app;
    -- A row an erasure marked becomes retention's once retention released what the law had kept on it.
    grant update (reason, run_id) on gdpr_anonymised_rows to relais_app;
  `);

  await knex.raw(`
    create table gdpr_settings (
      tenant_id uuid primary key references tenants(id) on delete cascade,
      erasure_undo_days integer not null check (erasure_undo_days between 0 and 30),
      version integer not null default 1,
      updated_by uuid,
      updated_at timestamptz not null default now()
    );
  `);
  await tenantOwned(knex, 'gdpr_settings', 'select, insert, update');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop table if exists gdpr_settings;
    revoke update (reason, run_id) on gdpr_anonymised_rows from relais_app;
    revoke update (reference) on billing_payments from relais_app;
    drop trigger if exists billing_payments_release on billing_payments;
    drop function if exists billing_payment_release_guard();
    create or replace function billing_frozen_guard() returns trigger language plpgsql as $$
    begin
      if old.number is not null and (
        new.number is distinct from old.number or new.lines is distinct from old.lines
        or new.total_including_tax_cents is distinct from old.total_including_tax_cents
        or new.seller is distinct from old.seller or new.buyer is distinct from old.buyer
        or new.issue_date is distinct from old.issue_date
      ) then
        raise exception 'an issued billing document cannot change (%.%)', tg_table_name, old.number using errcode = 'check_violation';
      end if;
      return new;
    end $$;
  `);
}
