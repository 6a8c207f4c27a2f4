import { cols, type PersonalDataDeclaration } from '../gdpr/personal-data';

/** The platform's own tables hold nothing about a person (docs/adr/0022). */
export const systemPersonalData: PersonalDataDeclaration = {
  tables: {
    smoke_runs: { activity: 'identity.accounts', notPersonal: cols('id tenant_id workflow_id started_by status completions created_at completed_at') },
    // The backups and their restore drills (issue 15): files and figures, nothing of a person.
    backups: { activity: 'identity.accounts', notPersonal: cols('id name status started_at finished_at size_bytes locations manifest error removed_at') },
    backup_drills: { activity: 'identity.accounts', notPersonal: cols('id backup_name trigger requested_by started_at finished_at outcome reason details') },
    knex_migrations: { activity: 'identity.accounts', notPersonal: cols('id name batch migration_time') },
    knex_migrations_lock: { activity: 'identity.accounts', notPersonal: cols('index is_locked') },
  },
};
