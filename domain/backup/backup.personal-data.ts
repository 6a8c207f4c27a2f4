import { cols, type PersonalDataDeclaration } from '../gdpr/personal-data';

/**
 * The backup context's tables (docs/adr/0022): the sets and their restore drills are files and figures,
 * nothing of a person (`requested_by` points to a user). The backup files themselves hold every
 * organisation's data: an erasure reaches them by their rotation.
 */
export const backupPersonalData: PersonalDataDeclaration = {
  tables: {
    backups: { activity: 'identity.accounts', notPersonal: cols('id name status started_at finished_at size_bytes locations manifest error removed_at') },
    backup_drills: { activity: 'identity.accounts', notPersonal: cols('id backup_name trigger requested_by started_at finished_at outcome reason details') },
    documents_replication: { activity: 'identity.accounts', notPersonal: cols('location last_run_at last_success_at files bytes pending_files pending_bytes oldest_pending_at error') },
  },
};
