import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * ACME School's student portal (spec 004, issue 18, ADR 0053): the correction requests a student files about the
 * fields the school owns, and the grades the teachers publish from GetEtu.
 *
 * A correction request keeps the value the field had when asked (`current_value`, the NIR masked but for its last
 * four characters) and the value asked for: in clear for every field but the NIR, whose requested value is only
 * ever sealed (`requested_sealed`, the secret box) with its last four characters (`requested_last_digits`).
 * A grade is unique per student, term and course: the GetEtu import upserts on it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table school_correction_requests (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      student_id uuid not null,
      field text not null check (field in ('lastName', 'firstName', 'nir', 'status', 'promotion', 'cursus', 'address', 'postalCode', 'city', 'personalPhone', 'email')),
      current_value text,
      requested_value text,
      requested_sealed text,
      requested_last_digits text check (requested_last_digits is null or char_length(requested_last_digits) = 4),
      reason text not null,
      status text not null default 'pending' check (status in ('pending', 'accepted', 'refused')),
      decided_by uuid,
      decided_at timestamptz,
      answer text,
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      check ((field = 'nir') = (requested_sealed is not null)),
      check (field <> 'nir' or requested_value is null),
      check ((status = 'pending') = (decided_at is null)),
      unique (tenant_id, id),
      foreign key (tenant_id, student_id) references school_students(tenant_id, id) on delete cascade,
      foreign key (tenant_id, decided_by) references users(tenant_id, id) on delete set null (decided_by)
    );
    create index school_correction_requests_student on school_correction_requests (tenant_id, student_id, created_at desc);
    create index school_correction_requests_pending on school_correction_requests (tenant_id, created_at) where status = 'pending';

    create table school_grades (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      student_id uuid not null,
      term text not null,
      course_code text not null,
      course_label text not null,
      teacher_name text,
      grade numeric(4, 2) not null check (grade between 0 and 20),
      coefficient numeric(4, 2) not null default 1 check (coefficient > 0),
      published_at timestamptz not null default now(),
      external_ref text,
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      unique (tenant_id, id),
      unique (tenant_id, student_id, term, course_code),
      foreign key (tenant_id, student_id) references school_students(tenant_id, id) on delete cascade
    );
  `);
  await tenantOwned(knex, 'school_correction_requests');
  await tenantOwned(knex, 'school_grades');
  await knex.raw('create trigger school_correction_requests_touch before update on school_correction_requests for each row execute function touch_updated_at()');
  await knex.raw('create trigger school_grades_touch before update on school_grades for each row execute function touch_updated_at()');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists school_grades cascade');
  await knex.raw('drop table if exists school_correction_requests cascade');
}
