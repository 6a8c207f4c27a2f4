import {
  PLATFORM_SECURITY_MEASURES, RECIPIENTS, SUBJECTS, TRACKING, addressColumns, cols, p, type PersonalDataDeclaration,
} from '../gdpr/personal-data';

/** The core's personal data (docs/adr/0022): client accounts, their contacts and sites, documents, history. */
export const corePersonalData: PersonalDataDeclaration = {
  activities: [
    {
      key: 'core.customers',
      name: { fr: 'Gestion des clients et prospects', en: 'Customer and prospect management' },
      purpose: { fr: 'Tenir les fiches des clients, de leurs contacts et de leurs sites ; suivre la relation commerciale', en: 'Keep the records of clients, their contacts and sites; follow the business relationship' },
      legalBasis: 'contract',
      dataSubjects: [SUBJECTS.clients, SUBJECTS.clientContacts, SUBJECTS.prospects],
      recipients: [RECIPIENTS.staff, RECIPIENTS.host],
      retention: { duration: 'P3Y', from: { fr: 'après la fin de la relation commerciale ou le dernier contact d’un prospect', en: 'after the end of the business relationship or a prospect’s last contact' }, legalReference: 'CNIL, référentiel gestion commerciale (2021)' },
      securityMeasures: PLATFORM_SECURITY_MEASURES,
    },
    {
      key: 'core.history',
      name: { fr: 'Historique des modifications', en: 'Change history' },
      purpose: { fr: 'Savoir qui a changé quoi sur chaque fiche, pour la traçabilité et la preuve', en: 'Know who changed what on each record, for traceability and proof' },
      legalBasis: 'legitimate-interest',
      dataSubjects: [SUBJECTS.staff, SUBJECTS.clients, SUBJECTS.clientContacts],
      recipients: [RECIPIENTS.staff, RECIPIENTS.host],
      retention: { duration: 'P5Y', from: { fr: 'après la modification', en: 'after the change' }, legalReference: 'Code civil, art. 2224 (prescription)' },
      securityMeasures: PLATFORM_SECURITY_MEASURES,
    },
  ],
  tables: {
    accounts: {
      activity: 'core.customers',
      personal: {
        name: p.pseudonymise('identity'), legal_name: p.pseudonymise('identity'), email: p.mask('contact', 'email-domain'), phone: p.erase('contact'),
        ...addressColumns(), notes: p.erase('free-text'), search: p.erase('identity'), search_name: p.erase('identity'),
      },
      notPersonal: cols(TRACKING, 'number siren siret vat_number external_ref status owner_id support_user_id website country payment_terms_days credit_limit_cents currency naf_code'),
      // A prospect's last contact is the last change to its record (ADR 0026); a client's ends with the relationship.
      retention: { clock: 't.updated_at', scope: "t.status = 'prospect'" },
    },
    contacts: {
      activity: 'core.customers',
      personal: {
        first_name: p.mask('identity', 'initials'), last_name: p.mask('identity', 'initials'), job_title: p.keep('professional'), email: p.erase('contact'),
        phone: p.erase('contact'), mobile: p.erase('contact'), availability: p.erase('personal-life'), notes: p.erase('free-text'),
        search: p.erase('identity'), search_phones: p.erase('contact'), search_name: p.erase('identity'),
      },
      notPersonal: cols(TRACKING, 'account_id'),
      retention: { clock: 't.updated_at', scope: "exists (select 1 from accounts a where a.id = t.account_id and a.status = 'prospect')" },
    },
    sites: {
      activity: 'core.customers',
      personal: { name: p.erase('location'), phone: p.erase('contact'), access_notes: p.erase('free-text'), ...addressColumns(), search: p.erase('location'), search_name: p.erase('location') },
      notPersonal: cols(TRACKING, 'account_id billing_site_id country'),
    },
    billing_sites: {
      activity: 'core.customers',
      personal: { name: p.erase('identity'), billing_email: p.mask('contact', 'email-domain'), ...addressColumns() },
      notPersonal: cols(TRACKING, 'account_id external_ref billing_contact_id country'),
    },
    // The global search's dictionary (ADR 0040): the words of the searched names, each gone with the last name holding it.
    search_words: { activity: 'core.customers', personal: { word: p.erase('identity') }, notPersonal: cols('tenant_id uses') },
    // Its log (migration 20261218000900): the words' changes the names' writes append, folded into it every minute and by every erasure.
    search_word_changes: { activity: 'core.customers', personal: { word: p.erase('identity') }, notPersonal: cols('id tenant_id delta') },
    contact_assignments: { activity: 'core.customers', notPersonal: cols('id tenant_id contact_id purpose site_id billing_site_id created_at') },
    documents: {
      activity: 'core.customers',
      personal: { filename: p.erase('free-text') },
      notPersonal: cols(TRACKING, 'account_id mime_type size_bytes sha256 storage_key'),
    },
    catalogue_items: { activity: 'core.customers', notPersonal: cols(TRACKING, 'kind code name description unit_price_cents purchase_price_cents vat_rate_bp currency active') },
    saved_views: {
      activity: 'core.customers',
      personal: { query: p.erase('free-text') },
      notPersonal: cols('id tenant_id owner_id list_key name shared version created_at updated_at'),
    },
    history: {
      activity: 'core.history',
      personal: { changes: p.erase('free-text') },
      notPersonal: cols('id tenant_id record_type record_id action actor_user_id request_id at'),
      retention: { clock: 't.at', action: 'delete' },
    },
    // Durable bulk runs (docs/adr/0043): ids, outcomes and reasons written by the platform (never a person's words).
    bulk_runs: { activity: 'core.history', notPersonal: cols('id tenant_id action params status total done refused failed cancelled workflow_id attempt created_by created_at updated_at finished_at') },
    bulk_run_items: { activity: 'core.history', notPersonal: cols('tenant_id run_id position item_id outcome reason attempts updated_at') },
    tenant_counters: { activity: 'core.customers', notPersonal: cols('tenant_id name value') },
    idempotency_keys: {
      activity: 'core.history',
      personal: { response: p.erase('free-text') },
      notPersonal: cols('tenant_id user_id key request_hash status_code created_at'),
    },
  },
  subjects: [
    { kind: 'contact', label: { fr: 'Contact d’un client', en: 'A client’s contact' }, table: 'contacts', name: ['first_name', 'last_name'], addresses: ['email', 'phone', 'mobile'] },
    { kind: 'account', label: { fr: 'Client particulier (compte)', en: 'Individual client (account)' }, table: 'accounts', name: ['name'], addresses: ['email', 'phone'] },
  ],
  subjectLinks: {
    contact: [
      { match: 'ref', table: 'contact_assignments', column: 'contact_id' },
      { match: 'ref', table: 'billing_sites', column: 'billing_contact_id' },
    ],
    account: [
      { match: 'ref', table: 'sites', column: 'account_id' },
      { match: 'ref', table: 'billing_sites', column: 'account_id' },
      { match: 'ref', table: 'documents', column: 'account_id' },
    ],
    user: [
      { match: 'ref', table: 'saved_views', column: 'owner_id', from: 'users' },
      { match: 'ref', table: 'idempotency_keys', column: 'user_id', from: 'users' },
    ],
    // The history of every row found, whoever the person is.
    '*': [{ match: 'record', table: 'history', typeColumn: 'record_type', idColumn: 'record_id' }],
  },
  notAboutSubjects: {
    search_words: {
      fr: 'Mots des noms cherchés, sans lien à une fiche : tenus à jour par la base, chacun disparaît avec le dernier nom qui le contient (effacé ou anonymisé)',
      en: 'Words of the searched names, linked to no record: kept in step by the database, each gone with the last name holding it (erased or anonymised)',
    },
    search_word_changes: {
      fr: 'Changements des mots des noms cherchés, sans lien à une fiche : versés dans le dictionnaire de recherche chaque minute et à chaque effacement, puis supprimés',
      en: 'Changes of the searched names\' words, linked to no record: folded into the search dictionary every minute and by every erasure, then deleted',
    },
  },
};
