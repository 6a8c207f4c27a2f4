import { cols, p, type PersonalDataDeclaration } from '../gdpr/personal-data';

/**
 * The process area's tables (issue 16, docs/adr/0039-audit-anonymisation.md): the delivery links name
 * their recipient (erased with the mission); the escrow holds, sealed, the values the anonymisation
 * replaced (destroyed on its day); the statistics hold no identity at all.
 */
export const ANONYMISATION_MISSION_COLUMNS = {
  personal: { anonymisation_postpone_reason: p.erase('free-text') },
  notPersonal: cols('retention_days anonymise_on anonymisation_postponed_until anonymisation_postponed_by anonymisation_postponed_at'),
};

export const anonymisationTables: PersonalDataDeclaration['tables'] = {
  audit_anonymisation_settings: {
    activity: 'audits.missions',
    notPersonal: cols('tenant_id retention_days key_escrow_days updated_at'),
  },
  audit_anonymisation_keys: {
    activity: 'audits.missions',
    personal: { escrow: p.erase('identity') },
    notPersonal: cols('id tenant_id mission_id destroy_on destroyed_at created_at'),
  },
  audit_deliveries: {
    activity: 'audits.missions',
    personal: { recipient: p.erase('contact') },
    notPersonal: cols('id tenant_id mission_id token_sha256 message_id expires_at downloads last_downloaded_at created_at'),
  },
  audit_mission_statistics: {
    activity: 'audits.missions',
    notPersonal: cols('id tenant_id mission_id month scopes sector town department sites days_on_site findings_by_severity checks_by_answer inventory_items created_at'),
  },
};

