import type { Knex } from 'knex';
import { tenantOwned } from '../rls';

/**
 * ACME School's companies area (spec 004 « Gestion des entreprises », issue 18, ADR 0052). The companies are the
 * organisation's accounts (the legacy `id_entreprise` in `accounts.external_ref`); this adds:
 *
 * - `school_introductions`: the student office puts a student in touch with a company (and one of its contacts)
 *   for an internship, an apprenticeship, a job or a training; the SMS or mail announcing it is a comms message
 *   (`message_id`); its status is followed until it is closed.
 * - `school_student_contacts`: the core contact through which comms reaches a student (SMS, mail, consent to
 *   marketing, STOP), one per student, created at the first message.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table school_introductions (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      student_id uuid not null,
      account_id uuid not null,
      contact_id uuid,
      purpose text not null check (purpose in ('internship', 'apprenticeship', 'job', 'training')),
      status text not null default 'proposed' check (status in ('proposed', 'sent', 'accepted', 'declined', 'closed')),
      channel text not null check (channel in ('sms', 'mail', 'none')),
      note text,
      message_id uuid,
      status_changed_at timestamptz,
      status_changed_by uuid,
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      unique (tenant_id, id),
      foreign key (tenant_id, student_id) references school_students(tenant_id, id) on delete cascade,
      foreign key (tenant_id, account_id) references accounts(tenant_id, id) on delete cascade,
      foreign key (tenant_id, contact_id) references contacts(tenant_id, id) on delete set null (contact_id),
      foreign key (tenant_id, created_by) references users(tenant_id, id) on delete set null (created_by),
      foreign key (tenant_id, status_changed_by) references users(tenant_id, id) on delete set null (status_changed_by)
    );
    create index school_introductions_student on school_introductions (tenant_id, student_id, created_at desc);
    create index school_introductions_account on school_introductions (tenant_id, account_id, created_at desc);

    create table school_student_contacts (
      tenant_id uuid not null references tenants(id) on delete cascade,
      student_id uuid not null,
      contact_id uuid not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, student_id),
      unique (tenant_id, contact_id),
      foreign key (tenant_id, student_id) references school_students(tenant_id, id) on delete cascade,
      foreign key (tenant_id, contact_id) references contacts(tenant_id, id) on delete cascade
    );
  `);
  await tenantOwned(knex, 'school_introductions');
  await tenantOwned(knex, 'school_student_contacts');
  await knex.raw('create trigger school_introductions_touch before update on school_introductions for each row execute function touch_updated_at()');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists school_student_contacts cascade; drop table if exists school_introductions cascade');
}
