import { TRACKING, cols, p, type PersonalDataDeclaration } from '../gdpr/personal-data';

/**
 * The local assistant's tables (issue 16, docs/adr/0037-local-assistant.md): its settings name no one but
 * the staff who set them; its suggestions hold the mission's captured text (prompt, answer, the text a
 * person kept; sealed under the tenant's key) and are erased with the mission's data.
 */
export const assistantTables: PersonalDataDeclaration['tables'] = {
  assistant_settings: {
    activity: 'audits.missions',
    notPersonal: cols('tenant_id provider host model public_host_allowed_by public_host_allowed_at updated_by updated_at version'),
  },
  assistant_suggestions: {
    activity: 'audits.missions',
    personal: { prompt_sealed: p.erase('free-text'), answer_sealed: p.erase('free-text'), final_sealed: p.erase('free-text') },
    notPersonal: cols(TRACKING, 'mission_id kind provider model source_kind source_id source_title status decided_by decided_at'),
  },
};
