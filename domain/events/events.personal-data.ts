import { PLATFORM_SECURITY_MEASURES, RECIPIENTS, SUBJECTS, TRACKING, cols, p, type PersonalDataDeclaration } from '../gdpr/personal-data';

/** The events vertical's personal data (docs/adr/0022): clients, their contracts, events and payments. */
export const eventsPersonalData: PersonalDataDeclaration = {
  activities: [
    {
      key: 'events.clients',
      name: { fr: 'Organisation d’événements pour les clients', en: 'Organising events for clients' },
      purpose: { fr: 'Suivre les clients, leurs contrats, leurs événements et leurs paiements', en: 'Follow clients, their contracts, events and payments' },
      legalBasis: 'contract',
      dataSubjects: [SUBJECTS.clients, SUBJECTS.prospects],
      recipients: [RECIPIENTS.staff, RECIPIENTS.host],
      retention: {
        duration: 'P5Y',
        from: { fr: 'après la fin du dernier événement du contrat, ou le dernier contact ou la dernière modification', en: 'after the contract’s last event ends, or the last contact or change' },
        legalReference: 'Code civil, art. 2224 (prescription)',
      },
      securityMeasures: PLATFORM_SECURITY_MEASURES,
    },
  ],
  tables: {
    event_clients: {
      activity: 'events.clients',
      personal: {
        full_name: p.mask('identity', 'initials'), email: p.erase('contact'), phone: p.erase('contact'), company_name: p.keep('professional'),
        first_contact_on: p.generalise('personal-life', 'year'), last_contact_at: p.generalise('personal-life', 'month'), notes: p.erase('free-text'),
        search_name: p.erase('identity'), search: p.erase('identity'),
      },
      notPersonal: cols(TRACKING, 'number sales_contact_id'),
      // The latest of the last contact, the client's last change, and each contract's signature and events' ends — never another
      // row's last change: anonymising a contract (which touches it) must not push its client's clock.
      retention: { clock: `greatest(t.last_contact_at, t.updated_at, (select max(greatest(e.ends_at, e.closed_at, c.signed_at)) from event_contracts c
        left join event_events e on e.contract_id = c.id where c.client_id = t.id))` },
    },
    event_contracts: {
      activity: 'events.clients',
      personal: { notes: p.erase('free-text') },
      notPersonal: cols(TRACKING, 'number client_id total_amount_cents amount_due_cents currency signed signed_at'),
      retention: { clock: 'greatest(t.updated_at, (select max(greatest(e.ends_at, e.closed_at)) from event_events e where e.contract_id = t.id))' },
    },
    event_events: {
      activity: 'events.clients',
      personal: { name: p.erase('personal-life'), location: p.mask('location', 'town'), notes: p.erase('free-text'), search_name: p.erase('personal-life'), search: p.erase('personal-life') },
      notPersonal: cols(TRACKING, 'number contract_id starts_at ends_at support_contact_id attendees closed_at'),
      retention: { clock: 'greatest(t.ends_at, t.closed_at, t.updated_at)' },
    },
    event_payments: {
      activity: 'events.clients',
      personal: { reference: p.keep('economic', { activity: 'billing.invoicing' }) },
      notPersonal: cols('id tenant_id contract_id amount_cents paid_on method created_by created_at'),
    },
  },
  subjects: [
    { kind: 'event-client', label: { fr: 'Client d’événement (Epic Events)', en: 'Event client (Epic Events)' }, table: 'event_clients', name: ['full_name'], addresses: ['email', 'phone'] },
  ],
  subjectLinks: {
    // Whoever the person is: an Epic Events client with one of their addresses is them, with their contracts, events and payments.
    '*': [
      { match: 'address', table: 'event_clients', column: 'email' },
      { match: 'address', table: 'event_clients', column: 'phone' },
      { match: 'ref', table: 'event_contracts', column: 'client_id', from: 'event_clients' },
      { match: 'ref', table: 'event_events', column: 'contract_id', from: 'event_contracts' },
      { match: 'ref', table: 'event_payments', column: 'contract_id', from: 'event_contracts' },
    ],
  },
};
