import { PLATFORM_SECURITY_MEASURES, RECIPIENTS, SUBJECTS, TRACKING, cols, p, type PersonalDataDeclaration } from '../gdpr/personal-data';

/**
 * The law's ten years run from the close of the financial year the document belongs to: 31 December of its
 * issue year (a calendar financial year; an organisation closing on another day sets a longer duration in its
 * register). Until then the buyer is kept — the database refuses an earlier release (migration 20261217000300).
 */
const YEAR_END = (column: string) => `make_date(extract(year from t.${column})::int, 12, 31)`;
const RELEASED = { release: { kind: 'erase' as const } };

const DOCUMENT = 'number status account_id issue_date lines vat_breakdown total_excluding_tax_cents total_tax_cents total_including_tax_cents currency language seller frozen_terms';

/**
 * Billing's personal data (docs/adr/0022): an issued document keeps its buyer as issued for ten years
 * (Code de commerce, art. L123-22; CGI, art. L102 B): erasure leaves it (`keep`) and says why.
 */
export const billingPersonalData: PersonalDataDeclaration = {
  activities: [
    {
      key: 'billing.invoicing',
      name: { fr: 'Facturation et comptabilité', en: 'Invoicing and accounting' },
      purpose: { fr: 'Établir les devis, factures et avoirs, encaisser les paiements, relancer les impayés, tenir la comptabilité', en: 'Issue quotes, invoices and credit notes, collect payments, chase unpaid invoices, keep the books' },
      legalBasis: 'legal-obligation',
      dataSubjects: [SUBJECTS.clients, SUBJECTS.clientContacts],
      recipients: [RECIPIENTS.staff, RECIPIENTS.accountant, RECIPIENTS.payments, RECIPIENTS.tax, RECIPIENTS.host],
      retention: { duration: 'P10Y', from: { fr: 'après la clôture de l’exercice', en: 'after the financial year closes' }, legalReference: 'Code de commerce, art. L123-22 ; LPF, art. L102 B' },
      securityMeasures: PLATFORM_SECURITY_MEASURES,
    },
  ],
  tables: {
    billing_invoices: {
      activity: 'billing.invoicing',
      personal: { buyer: p.keep('identity', RELEASED), buyer_reference: p.keep('economic', RELEASED), notes: p.erase('free-text') },
      notPersonal: cols(TRACKING, DOCUMENT, 'kind billing_site_id quote_id due_date period_start period_end payment_terms_days deposit_basis_points deposits_deducted deposits_deducted_cents paid_cents credited_cents amount_due_cents payment_url issued_at issued_by sent_at'),
      retention: { clock: YEAR_END('issue_date'), scope: 't.number is not null' },
    },
    billing_credit_notes: {
      activity: 'billing.invoicing',
      personal: { buyer: p.keep('identity', RELEASED), reason: p.erase('free-text') },
      notPersonal: cols(TRACKING, DOCUMENT, 'invoice_id applied_cents to_account_credit_cents issued_at issued_by'),
      retention: { clock: YEAR_END('issue_date'), scope: 't.number is not null' },
    },
    billing_quotes: {
      activity: 'billing.invoicing',
      personal: { buyer: p.erase('identity'), buyer_reference: p.erase('economic'), notes: p.erase('free-text') },
      notPersonal: cols(TRACKING, DOCUMENT, 'billing_site_id valid_until terms sent_at decided_at'),
    },
    billing_subscriptions: {
      activity: 'billing.invoicing',
      personal: { notes: p.erase('free-text') },
      notPersonal: cols(TRACKING, 'number name account_id billing_site_id lines frequency basis quantity start_date end_date next_period_start mode active'),
    },
    billing_subscription_periods: { activity: 'billing.invoicing', notPersonal: cols('tenant_id subscription_id period_start period_end invoice_id created_at') },
    billing_payments: {
      activity: 'billing.invoicing',
      personal: { reference: p.keep('economic', RELEASED) },
      notPersonal: cols('id tenant_id invoice_id amount_cents paid_on method external_id source created_by created_at'),
      retention: { clock: YEAR_END('paid_on') },
    },
    billing_account_credits: {
      activity: 'billing.invoicing',
      personal: { note: p.erase('free-text') },
      notPersonal: cols('id tenant_id account_id amount_cents credit_note_id invoice_id payment_id created_by created_at'),
    },
    billing_accounting_cursors: { activity: 'billing.invoicing', notPersonal: cols('tenant_id provider cursor pulled_at') },
    billing_accounting_pushes: { activity: 'billing.invoicing', notPersonal: cols('tenant_id provider document_type document_id status external_id attempts last_error pushed_at updated_at') },
    billing_integration_settings: {
      activity: 'billing.invoicing',
      notPersonal: cols('tenant_id payments_provider stripe_secret_key_sealed stripe_webhook_secret_sealed stripe_account_id accounting_provider pennylane_api_token_sealed version updated_by updated_at'),
    },
    billing_profiles: {
      // The organisation's own legal identity as a seller: a sole trader's name and address are personal, and legally printed.
      activity: 'billing.invoicing',
      personal: { legal_name: p.keep('identity'), trading_name: p.keep('identity'),
        address_line1: p.keep('address'), address_line2: p.keep('address'), postal_code: p.keep('address'), city: p.keep('address'), email: p.keep('contact'), phone: p.keep('contact'), iban: p.keep('economic'), bic: p.keep('economic') },
      notPersonal: cols('tenant_id legal_form share_capital_cents siren siret vat_number registration country website payment_terms_days late_penalty_rate_basis_points early_payment_discount vat_exemption_mention invoice_number_format credit_note_number_format quote_number_format numbering_yearly_reset footer logo_data_url created_by created_at updated_at version'),
    },
    billing_webhook_events: { activity: 'billing.invoicing', notPersonal: cols('tenant_id provider event_id event_type outcome invoice_id payment_id received_at') },
  },
  subjectLinks: {
    account: [
      { match: 'ref', table: 'billing_quotes', column: 'account_id', from: 'accounts' },
      { match: 'ref', table: 'billing_invoices', column: 'account_id', from: 'accounts' },
      { match: 'ref', table: 'billing_credit_notes', column: 'account_id', from: 'accounts' },
      { match: 'ref', table: 'billing_subscriptions', column: 'account_id', from: 'accounts' },
      { match: 'ref', table: 'billing_account_credits', column: 'account_id', from: 'accounts' },
      { match: 'ref', table: 'billing_payments', column: 'invoice_id', from: 'billing_invoices' },
    ],
  },
  notAboutSubjects: {
    billing_profiles: { fr: 'L’identité de l’organisation elle-même comme vendeur (mentions légales des factures)', en: 'The organisation’s own identity as a seller (printed on invoices)' },
  },
};
