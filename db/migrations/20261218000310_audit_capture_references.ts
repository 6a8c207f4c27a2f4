import type { Knex } from 'knex';

/**
 * The capture's references to the catalogue area's tables (ADR 0035), now that they exist: a finding
 * started from the finding library, an observation answering a check of the mission's checklist. Either
 * going away leaves the captured item, without its reference.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table audit_findings add constraint audit_findings_library_finding
      foreign key (tenant_id, library_finding_id) references audit_library_findings(tenant_id, id) on delete set null (library_finding_id);
    alter table audit_observations add constraint audit_observations_check
      foreign key (tenant_id, check_id) references audit_mission_checks(tenant_id, id) on delete set null (check_id);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table audit_observations drop constraint if exists audit_observations_check;
    alter table audit_findings drop constraint if exists audit_findings_library_finding;
  `);
}
