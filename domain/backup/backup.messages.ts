import { defineMessages, entry, messagesOf } from '../i18n/messages';

/** The backup context's messages (ADR 0010), French first: the API's refusals and the alert mails. */
const both = (fr: string, en: string) => ({ fr, en });
const failure = { reason: 'checksum mismatch on database.rbk', backup: 'relais-20261204T013000Z' };

export const backupMessages = defineMessages({
  'backup.forbidden': both(
    'Consulter les sauvegardes demande la permission backup.backup.read, qu\'ont les administrateurs des collaborateurs.',
    'Reading the backups needs the permission backup.backup.read, which collaborators\' administrators have.',
  ),
  'backup.drill-forbidden': both(
    'Lancer un test de restauration demande la permission backup.backup.create, qu\'ont les administrateurs des collaborateurs.',
    'Starting a restore drill needs the permission backup.backup.create, which collaborators\' administrators have.',
  ),
  'backup.alert.drill-subject': entry({ example: failure, fr: (p) => `Relais : ÉCHEC du test de restauration de la sauvegarde ${p.backup}`, en: (p) => `Relais: restore drill of backup ${p.backup} FAILED` }),
  'backup.alert.drill-body': entry({
    example: failure,
    fr: (p) => `Le test de restauration de la sauvegarde ${p.backup} a échoué.\n\nRaison : ${p.reason}\n\nCette sauvegarde ne permettrait pas de restaurer la plateforme. Vérifiez les emplacements de sauvegarde et lancez une nouvelle sauvegarde puis un test (écran « Sauvegardes », procédure docs/runbooks/backup-restore.md).`,
    en: (p) => `The restore drill of backup ${p.backup} failed.\n\nReason: ${p.reason}\n\nThis backup could not restore the platform. Check the backup locations, take a new backup and run a drill (« Sauvegardes » screen, runbook docs/runbooks/backup-restore.md).`,
  }),
  'backup.alert.backup-subject': entry({ example: failure, fr: () => 'Relais : ÉCHEC de la sauvegarde quotidienne', en: () => 'Relais: daily backup FAILED' }),
  'backup.alert.backup-body': entry({
    example: failure,
    fr: (p) => `La sauvegarde quotidienne a échoué après plusieurs tentatives.\n\nRaison : ${p.reason}\n\nProcédure : docs/runbooks/backup-restore.md.`,
    en: (p) => `The daily backup failed after several attempts.\n\nReason: ${p.reason}\n\nRunbook: docs/runbooks/backup-restore.md.`,
  }),
});

export const backupMessage = messagesOf(backupMessages);
