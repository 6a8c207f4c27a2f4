import type { DomainModule } from '../modules/vertical-module';
import { backupMessages } from './backup.messages';
import { backupPersonalData } from './backup.personal-data';

/**
 * Backups (issue 15, ADR 0020): the daily encrypted backup of the whole platform, its rotation,
 * its copy to a second location and the restore drill. A core context; platform-wide (a backup
 * holds every organisation): `backup.backup.read` lists the sets and the drills, and
 * `backup.backup.create` starts a drill, both granted with the management of collaborators.
 */
export const backupModule: DomainModule = {
  key: 'backup',
  personalData: backupPersonalData,
  kind: 'core',
  label: { fr: 'Sauvegardes', en: 'Backups' },
  messages: backupMessages,
  resources: { 'backup.backup': 'Backup' },
};
