import { TRACKING, cols, p, type PersonalDataDeclaration } from '../gdpr/personal-data';

/**
 * The capture area's tables (issue 16, ADR 0035). `_sealed` columns hold ciphertext under the
 * tenant's key; what they hold once opened decides their category. After delivery the mission's
 * anonymisation (audits.audit-to-anonymise) removes the hardware, pseudonymises the identities met
 * (inventory owner, observations' people met) and masks exact addresses to the town.
 */
export const captureTables: PersonalDataDeclaration['tables'] = {
  audit_inventory_items: {
    activity: 'audits.missions',
    personal: {
      owner_sealed: p.pseudonymise('identity'),
      network_address_sealed: p.erase('connection'),
      serial_sealed: p.erase('professional'),
      location: p.erase('location'),
      notes: p.erase('free-text'),
    },
    notPersonal: cols(TRACKING, 'mission_id site_id type brand model create_digest'),
  },
  audit_observations: {
    activity: 'audits.missions',
    personal: {
      body_sealed: p.erase('free-text'),
      people_met_sealed: p.pseudonymise('identity'),
    },
    notPersonal: cols(TRACKING, 'mission_id site_id check_id create_digest'),
  },
  audit_findings: {
    activity: 'audits.missions',
    personal: {
      description_sealed: p.erase('offence', { sensitive: true }),
      risk_sealed: p.erase('offence', { sensitive: true }),
      recommendation_sealed: p.erase('offence', { sensitive: true }),
    },
    notPersonal: cols(TRACKING, 'mission_id site_id library_finding_id title severity severity_method cvss_vector cvss_score likelihood impact status create_digest'),
  },
  audit_uploads: {
    activity: 'audits.missions',
    personal: { caption: p.erase('free-text') },
    notPersonal: cols(TRACKING, 'mission_id site_id document_id content_type size_bytes create_digest'),
  },
};
