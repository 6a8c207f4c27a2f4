import { PLATFORM_SECURITY_MEASURES, RECIPIENTS, SUBJECTS, cols, p, type PersonalDataDeclaration } from '../gdpr/personal-data';

/** Communications' personal data (docs/adr/0022): messages sent and received, consents and opt-outs. */
export const commsPersonalData: PersonalDataDeclaration = {
  activities: [
    {
      key: 'comms.messages',
      name: { fr: 'Communications avec les clients (e-mails, SMS)', en: 'Client communications (e-mail, SMS)' },
      purpose: { fr: 'Envoyer et suivre les messages liés aux dossiers (confirmations, relances, notifications)', en: 'Send and follow the messages about cases (confirmations, reminders, notifications)' },
      legalBasis: 'contract',
      dataSubjects: [SUBJECTS.clients, SUBJECTS.clientContacts, SUBJECTS.staff],
      recipients: [RECIPIENTS.staff, RECIPIENTS.messaging, RECIPIENTS.host],
      retention: { duration: 'P3Y', from: { fr: 'après l’envoi du message', en: 'after the message is sent' } },
      securityMeasures: PLATFORM_SECURITY_MEASURES,
    },
    {
      key: 'comms.marketing',
      name: { fr: 'Prospection et campagnes', en: 'Marketing campaigns' },
      purpose: { fr: 'Adresser des campagnes aux contacts qui y ont consenti, et respecter leurs oppositions', en: 'Send campaigns to contacts who consented, and honour their opt-outs' },
      legalBasis: 'consent',
      dataSubjects: [SUBJECTS.clientContacts, SUBJECTS.prospects],
      recipients: [RECIPIENTS.staff, RECIPIENTS.messaging, RECIPIENTS.host],
      retention: { duration: 'P3Y', from: { fr: 'après le dernier contact ; la preuve d’opposition est gardée tant qu’elle s’applique', en: 'after the last contact; an opt-out is kept as long as it applies' }, legalReference: 'CNIL, référentiel gestion commerciale (2021)' },
      securityMeasures: PLATFORM_SECURITY_MEASURES,
    },
  ],
  tables: {
    messages: {
      activity: 'comms.messages',
      personal: {
        recipient: p.pseudonymise('contact'), sender: p.pseudonymise('contact'), subject: p.erase('correspondence'), body: p.erase('correspondence'),
        error_reason: p.erase('free-text'), attachments: p.erase('correspondence'), mail_headers: p.erase('correspondence'),
      },
      notPersonal: cols('id tenant_id channel direction category contact_id template_id template_key language status provider provider_message_id provider_attempted_at attempts error_code record_type record_id campaign_id sent_by_user_id sent_by_process idempotency_key created_at updated_at'),
      retention: { clock: 't.created_at' },
    },
    message_events: { activity: 'comms.messages', personal: { detail: p.erase('free-text') }, notPersonal: cols('id tenant_id message_id status at') },
    comms_campaigns: { activity: 'comms.marketing', notPersonal: cols('id tenant_id name channel template_id workflow_id status total rate_per_minute created_by created_at completed_at') },
    comms_campaign_recipients: { activity: 'comms.marketing', notPersonal: cols('tenant_id campaign_id position contact_id') },
    // Consents to marketing live in the core's consent ledger (gdpr_consent_entries, docs/adr/0024).
    comms_opt_outs: {
      activity: 'comms.marketing',
      // Kept: erasing an opt-out would let the address be written to again.
      personal: { address: p.pseudonymise('contact') },
      notPersonal: cols('tenant_id channel keyword source at'),
    },
    comms_rate_windows: { activity: 'comms.messages', notPersonal: cols('tenant_id channel window_start used') },
    comms_settings: {
      activity: 'comms.messages',
      notPersonal: cols('tenant_id sms_provider twilio_account_sid twilio_auth_token_sealed twilio_from twilio_messaging_service_sid mail_provider smtp_host smtp_port smtp_secure smtp_user smtp_password_sealed mail_from sms_rate_per_minute mail_rate_per_minute version updated_by updated_at'),
    },
    comms_templates: { activity: 'comms.messages', notPersonal: cols('id tenant_id key language channel category kind name subject body created_by created_at updated_at version') },
    sandbox_mail_outbox: {
      activity: 'comms.messages',
      personal: { recipient: p.erase('contact'), sender: p.erase('contact'), subject: p.erase('correspondence'), body: p.erase('correspondence'), attachments: p.erase('correspondence') },
      notPersonal: cols('id tenant_id reference message_id_header created_at'),
    },
    sandbox_sms_outbox: {
      activity: 'comms.messages',
      personal: { recipient: p.erase('contact'), sender: p.erase('contact'), body: p.erase('correspondence') },
      notPersonal: cols('id tenant_id reference sid status status_callback created_at'),
    },
  },
  subjectLinks: {
    contact: [
      { match: 'ref', table: 'messages', column: 'contact_id', from: 'contacts' },
      { match: 'ref', table: 'comms_campaign_recipients', column: 'contact_id', from: 'contacts' },
    ],
    user: [{ match: 'ref', table: 'messages', column: 'sent_by_user_id', from: 'users' }],
    // Whoever the person is: the messages to or from their addresses and about their records, their opt-outs.
    '*': [
      { match: 'address', table: 'messages', column: 'recipient' },
      { match: 'address', table: 'messages', column: 'sender' },
      { match: 'record', table: 'messages', typeColumn: 'record_type', idColumn: 'record_id' },
      { match: 'ref', table: 'message_events', column: 'message_id', from: 'messages' },
      { match: 'address', table: 'comms_opt_outs', column: 'address' },
      { match: 'address', table: 'sandbox_mail_outbox', column: 'recipient' },
      { match: 'address', table: 'sandbox_sms_outbox', column: 'recipient' },
    ],
  },
};
