import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * ACME School's single student registry (spec 004, issue 18): one row per person the school knows, prospect,
 * enrolled student or alumnus. The other records of the vertical (import mappings and runs, alumni careers,
 * introductions, grades, correction requests) hang off `school_students (tenant_id, id)` in their own migrations.
 *
 * The NIR (social security number) is the natural key of the import: stored sealed (`nir_sealed`, the secret
 * box, AES-GCM bound to the organisation), found by a keyed hash (`nir_hash`, unique per organisation), shown
 * masked from its last four characters (`nir_last_digits`). No column holds it in clear.
 * An alumnus's employer is an account of the organisation (the companies the school works with).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table school_students (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      number integer not null,
      last_name text not null,
      first_name text not null,
      nir_sealed text not null,
      nir_hash text not null,
      nir_last_digits text not null check (char_length(nir_last_digits) = 4),
      status text not null default 'prospect' check (status in ('prospect', 'enrolled', 'alumni')),
      address text,
      postal_code text,
      city text,
      email text,
      personal_phone text,
      professional_phone text,
      company_id uuid,
      cursus text,
      promotion integer check (promotion is null or promotion between 1950 and 2100),
      user_id uuid,
      notes text,
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      search_name text generated always as (f_unaccent(lower(last_name || ' ' || first_name))) stored,
      search tsvector generated always as (to_tsvector('simple', f_unaccent(last_name || ' ' || first_name || ' ' || coalesce(city, '') || ' ' || coalesce(cursus, '')))) stored,
      unique (tenant_id, id),
      unique (tenant_id, number),
      unique (tenant_id, nir_hash),
      foreign key (tenant_id, company_id) references accounts(tenant_id, id) on delete set null (company_id),
      foreign key (tenant_id, user_id) references users(tenant_id, id) on delete set null (user_id)
    );
    create unique index school_students_user on school_students (tenant_id, user_id) where user_id is not null;
    create index school_students_list on school_students (tenant_id, last_name, first_name, id);
    create index school_students_status on school_students (tenant_id, status, promotion);
    create index school_students_company on school_students (tenant_id, company_id) where company_id is not null;
    create index school_students_search_name on school_students (tenant_id, (search_name collate "C"));
    create index school_students_search_name_trgm on school_students using gin (search_name gin_trgm_ops);
    create index school_students_search on school_students using gin (search);
  `);
  await tenantOwned(knex, 'school_students');
  await knex.raw('create trigger school_students_touch before update on school_students for each row execute function touch_updated_at()');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists school_students cascade');
}
