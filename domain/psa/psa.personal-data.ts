import { PLATFORM_SECURITY_MEASURES, RECIPIENTS, SUBJECTS, TRACKING, cols, p, type PersonalDataDeclaration } from '../gdpr/personal-data';

/** A row hanging on a ticket expires with it: the ticket's closing (null while it is open). */
const TICKET_CLOSED = '(select k.closed_at from psa_tickets k where k.id = t.ticket_id)';

/** The MSP vertical's personal data (docs/adr/0022): support tickets and mails, time spent, contracts, the pipeline. */
export const psaPersonalData: PersonalDataDeclaration = {
  activities: [
    {
      key: 'psa.support',
      name: { fr: 'Support et infogérance (tickets, temps passé, parc)', en: 'Support and managed services (tickets, time, machines)' },
      purpose: { fr: 'Traiter les demandes des clients, suivre le temps passé et les contrats d’heures, facturer l’assistance', en: 'Handle clients’ requests, track time and hour-bank contracts, invoice support' },
      legalBasis: 'contract',
      dataSubjects: [SUBJECTS.clientContacts, SUBJECTS.portalUsers, SUBJECTS.staff],
      recipients: [RECIPIENTS.staff, RECIPIENTS.clients, RECIPIENTS.host],
      retention: {
        duration: 'P5Y',
        from: { fr: 'après la clôture du ticket (ses échanges, ses courriels et son temps passé le suivent)', en: 'after the ticket is closed (its comments, mails and time entries follow it)' },
        legalReference: 'Code civil, art. 2224 (prescription)',
      },
      securityMeasures: PLATFORM_SECURITY_MEASURES,
    },
    {
      key: 'psa.prospection',
      name: { fr: 'Prospection commerciale (opportunités, échanges)', en: 'Sales prospecting (opportunities, interactions)' },
      purpose: { fr: 'Suivre les opportunités et les échanges avec les prospects et clients', en: 'Follow opportunities and interactions with prospects and clients' },
      legalBasis: 'legitimate-interest',
      dataSubjects: [SUBJECTS.prospects, SUBJECTS.clientContacts],
      recipients: [RECIPIENTS.staff, RECIPIENTS.host],
      retention: { duration: 'P3Y', from: { fr: 'après le dernier contact', en: 'after the last contact' }, legalReference: 'CNIL, référentiel gestion commerciale (2021)' },
      securityMeasures: PLATFORM_SECURITY_MEASURES,
    },
  ],
  tables: {
    psa_tickets: {
      activity: 'psa.support',
      personal: { title: p.erase('free-text'), description: p.erase('free-text'), requester_email: p.pseudonymise('contact'), search_name: p.erase('free-text'), search: p.erase('free-text') },
      notPersonal: cols(TRACKING, `number account_id contact_id status priority source assignee_id team_id queue_id contract_id machine_id sla_policy_id thread_message_id
        response_due_at resolution_due_at first_response_at sla_paused_since sla_paused_minutes response_breached_at resolution_breached_at sla_level resolved_at closed_at
        approved_minutes billable_amount_cents sla_due_at sla_sort_at alert_key`),
      retention: { clock: 't.closed_at' },
    },
    psa_ticket_comments: {
      activity: 'psa.support',
      personal: { author_email: p.pseudonymise('contact'), body: p.erase('correspondence') },
      notPersonal: cols(TRACKING, 'ticket_id author_id visibility source message_id'),
      retention: { clock: TICKET_CLOSED },
    },
    psa_ticket_attachments: { activity: 'psa.support', notPersonal: cols('id tenant_id ticket_id comment_id document_id inbound_mail_id created_at') },
    psa_ticket_sla_events: { activity: 'psa.support', notPersonal: cols('tenant_id ticket_id target percent occurred_at') },
    psa_inbound_mails: {
      activity: 'psa.support',
      personal: {
        envelope_from: p.pseudonymise('contact'), envelope_to: p.erase('contact'), raw: p.erase('correspondence'), sender_email: p.pseudonymise('contact'),
        sender_name: p.mask('identity', 'initials'), subject: p.erase('correspondence'), excerpt: p.erase('correspondence'), last_error: p.erase('free-text'),
      },
      notPersonal: cols('id tenant_id message_id size_bytes received_at status account_id ticket_id comment_id attempts processed_at triaged_by'),
      // A mail never made a ticket runs from its receipt.
      retention: { clock: `coalesce(${TICKET_CLOSED}, case when t.ticket_id is null then t.received_at end)` },
    },
    psa_time_entries: {
      activity: 'psa.support',
      personal: { description: p.erase('free-text'), review_comment: p.erase('free-text') },
      notPersonal: cols(TRACKING, `ticket_id user_id started_at minutes kind status hourly_cost_cents hourly_rate_cents cost_cents price_cents contract_id covered_minutes billed_minutes
        submitted_at reviewed_at reviewed_by deducted_at`),
      // Time spent on a ticket follows its ticket; time on no ticket runs from the day it was spent.
      retention: { clock: `coalesce(${TICKET_CLOSED}, case when t.ticket_id is null then t.started_at end)` },
    },
    psa_timers: { activity: 'psa.support', personal: { note: p.erase('free-text') }, notPersonal: cols('tenant_id user_id ticket_id started_at') },
    psa_technician_rates: {
      activity: 'psa.support',
      // A technician's hourly cost is pay data.
      personal: { hourly_cost_cents: p.erase('economic') },
      notPersonal: cols(TRACKING, 'user_id hourly_rate_cents'),
    },
    psa_contracts: {
      activity: 'psa.support',
      personal: { notes: p.erase('free-text'), search: p.erase('free-text') },
      notPersonal: cols(TRACKING, `number account_id name type status start_date end_date hourly_rate_cents pack_minutes pack_price_cents remaining_minutes purchased_minutes
        alert_thresholds subscription_id sla_policy_id opportunity_id quote_id account_manager_id client_contact_id search_name`),
    },
    psa_contract_alerts: { activity: 'psa.support', notPersonal: cols('tenant_id contract_id threshold pack_sequence remaining_minutes renewal_quote_id created_at') },
    psa_hour_movements: {
      activity: 'psa.support',
      personal: { reason: p.erase('free-text') },
      notPersonal: cols('id tenant_id contract_id kind minutes time_entry_id invoice_id created_by created_at'),
    },
    psa_prebilling_items: {
      activity: 'psa.support',
      personal: { excluded_reason: p.erase('free-text') },
      notPersonal: cols(TRACKING, 'ticket_id account_id status minutes amount_cents invoice_id invoiced_at'),
    },
    psa_machines: {
      activity: 'psa.support',
      // A workstation's name often names its user (« PC-MARTIN »).
      personal: { hostname: p.pseudonymise('connection') },
      notPersonal: cols(TRACKING, 'account_id site_id os_name cpu_model ram_total_mb agent_version last_heartbeat_at last_inventory_at'),
    },
    psa_queues: { activity: 'psa.support', notPersonal: cols(TRACKING, 'name') },
    psa_sla_policies: { activity: 'psa.support', notPersonal: cols(TRACKING, 'name calendar_id targets escalation_percents is_default') },
    psa_opportunities: {
      activity: 'psa.prospection',
      personal: { notes: p.erase('free-text'), lost_reason: p.erase('free-text') },
      notPersonal: cols(TRACKING, `number account_id contact_id title stage_id rank amount_cents probability expected_close_date owner_id quote_id contract_id closed_at search_name
        contract_type contract_pack_minutes`),
      retention: { clock: 't.closed_at' },
    },
    psa_interactions: {
      activity: 'psa.prospection',
      personal: { subject: p.erase('correspondence'), body: p.erase('correspondence') },
      notPersonal: cols(TRACKING, 'account_id opportunity_id contact_id kind occurred_at author_id remind_at reminder_owner_id reminder_done_at'),
      retention: { clock: 't.occurred_at' },
    },
    psa_pipeline_stages: { activity: 'psa.prospection', notPersonal: cols(TRACKING, 'key label_fr label_en position default_probability outcome') },
  },
  subjects: [
    // Someone who wrote to support without being anyone's contact: known by their address only (the subject's id).
    { kind: 'ticket-requester', label: { fr: 'Demandeur de ticket (par e-mail)', en: 'Ticket requester (by e-mail)' } },
  ],
  subjectLinks: {
    contact: [
      { match: 'ref', table: 'psa_tickets', column: 'contact_id', from: 'contacts' },
      { match: 'ref', table: 'psa_interactions', column: 'contact_id', from: 'contacts' },
      { match: 'ref', table: 'psa_opportunities', column: 'contact_id', from: 'contacts' },
      { match: 'ref', table: 'psa_contracts', column: 'client_contact_id', from: 'contacts' },
    ],
    account: [
      { match: 'ref', table: 'psa_tickets', column: 'account_id', from: 'accounts' },
      { match: 'ref', table: 'psa_contracts', column: 'account_id', from: 'accounts' },
      { match: 'ref', table: 'psa_machines', column: 'account_id', from: 'accounts' },
      { match: 'ref', table: 'psa_opportunities', column: 'account_id', from: 'accounts' },
      { match: 'ref', table: 'psa_interactions', column: 'account_id', from: 'accounts' },
    ],
    user: [
      { match: 'ref', table: 'psa_time_entries', column: 'user_id', from: 'users' },
      { match: 'ref', table: 'psa_timers', column: 'user_id', from: 'users' },
      { match: 'ref', table: 'psa_technician_rates', column: 'user_id', from: 'users' },
      { match: 'ref', table: 'psa_ticket_comments', column: 'author_id', from: 'users' },
      { match: 'ref', table: 'psa_interactions', column: 'author_id', from: 'users' },
    ],
    // Whoever the person is: what they wrote to support from one of their addresses, and what hangs on the tickets and contracts found.
    '*': [
      { match: 'address', table: 'psa_tickets', column: 'requester_email' },
      { match: 'address', table: 'psa_ticket_comments', column: 'author_email' },
      { match: 'address', table: 'psa_inbound_mails', column: 'sender_email' },
      { match: 'address', table: 'psa_inbound_mails', column: 'envelope_from' },
      { match: 'ref', table: 'psa_ticket_comments', column: 'ticket_id', from: 'psa_tickets' },
      { match: 'ref', table: 'psa_ticket_attachments', column: 'ticket_id', from: 'psa_tickets' },
      { match: 'ref', table: 'documents', column: 'id', from: 'psa_ticket_attachments', fromColumn: 'document_id' },
      { match: 'ref', table: 'psa_inbound_mails', column: 'ticket_id', from: 'psa_tickets' },
      { match: 'ref', table: 'psa_time_entries', column: 'ticket_id', from: 'psa_tickets' },
      { match: 'ref', table: 'psa_prebilling_items', column: 'ticket_id', from: 'psa_tickets' },
      { match: 'ref', table: 'psa_hour_movements', column: 'contract_id', from: 'psa_contracts' },
    ],
  },
};
