import { cols, type PersonalDataDeclaration } from '../gdpr/personal-data';

/** The platform's own tables hold nothing about a person (docs/adr/0022). */
export const systemPersonalData: PersonalDataDeclaration = {
  tables: {
    smoke_runs: { activity: 'identity.accounts', notPersonal: cols('id tenant_id workflow_id started_by status completions created_at completed_at') },
    knex_migrations: { activity: 'identity.accounts', notPersonal: cols('id name batch migration_time') },
    knex_migrations_lock: { activity: 'identity.accounts', notPersonal: cols('index is_locked') },
  },
};
