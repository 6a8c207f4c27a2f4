import { on } from '../identity/grants';
import { PLATFORM_SECURITY_MEASURES, RECIPIENTS, SUBJECTS, cols, type PersonalDataDeclaration } from './personal-data';

/**
 * Transfers' own tables (docs/adr/0030-transfers.md): the sealed key, the transfers declared and the exports
 * made. They describe data and where it goes, never hold it: a recipient is an organisation (a partner
 * network), the purpose and the reasons are the officer's, the fields list names and operators only.
 */
export const transfersPersonalData = {
  activities: [
    {
      key: 'gdpr.transfers',
      name: { fr: 'Transferts de données à des tiers', en: 'Data transfers to third parties' },
      purpose: {
        fr: 'Tenir la trace des transferts anonymisés ou pseudonymisés vers des tiers (destinataire, finalité, champs, traitement appliqué) et permettre au délégué de ré-identifier un pseudonyme sur demande légale',
        en: 'Keep track of anonymised or pseudonymised transfers to third parties (recipient, purpose, fields, treatment) and let the officer re-identify a pseudonym on a lawful demand',
      },
      legalBasis: 'legal-obligation',
      dataSubjects: [SUBJECTS.staff, SUBJECTS.clientContacts],
      recipients: [RECIPIENTS.staff, RECIPIENTS.host],
      retention: { duration: 'P5Y', from: { fr: 'après le transfert', en: 'after the transfer' }, legalReference: 'RGPD, art. 5.2 (responsabilité) et 44 à 49 (transferts)' },
      securityMeasures: [...PLATFORM_SECURITY_MEASURES, { fr: 'Clé de pseudonymisation propre à chaque destinataire, scellée (AES-256-GCM) ; ré-identification journalisée', en: 'A pseudonym key per recipient, sealed (AES-256-GCM); re-identification logged' }],
    },
  ],
  tables: {
    gdpr_transfer_keys: { activity: 'gdpr.transfers', notPersonal: cols('tenant_id key_id sealed created_at') },
    gdpr_transfers: {
      activity: 'gdpr.transfers',
      notPersonal: cols('id tenant_id recipient_name recipient_country recipient_zone recipient_safeguard purpose activity_key mode tables sensitive created_by created_at version'),
    },
    gdpr_transfer_exports: { activity: 'gdpr.transfers', notPersonal: cols('id tenant_id transfer_id exported_by exported_at rows sha256 fields') },
  },
} satisfies PersonalDataDeclaration;

/** Transfers' resources: the declarations and exports, and the escrowed key (reading it is re-identifying). */
export const transferResources = { 'gdpr.transfer': 'DataTransfer', 'gdpr.transfer-key': 'TransferKey' } as const;
export const transferGrants = [...on('gdpr.transfer', 'rc=all'), ...on('gdpr.transfer-key', 'r=all')];
