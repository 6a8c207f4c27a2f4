import { PLATFORM_SECURITY_MEASURES, RECIPIENTS, SUBJECTS, TRACKING, cols, p, type PersonalDataDeclaration } from '../gdpr/personal-data';

/**
 * The billing control's tables (spec 002 §7, ADR 0045): the operators' invoices name lines by their
 * number, which for a mobile line is a person's phone number; kept as invoices are (the operator's
 * invoice is an accounting document), masked to its last digits when the person's data is erased.
 * Runs and anomalies hold ids and amounts, no identity.
 */
export const controlPersonalData: PersonalDataDeclaration = {
  activities: [
    {
      key: 'telecom.billing-control',
      name: { fr: 'Contrôle de la facturation télécom', en: 'Telecom billing control' },
      purpose: {
        fr: 'Rapprocher les factures des opérateurs, la facturation des clients et le catalogue pour trouver les lignes résiliées encore facturées et les écarts de prix d’achat',
        en: 'Reconcile the operators’ invoices, client billing and the catalogue to find terminated lines still billed and purchase-price gaps',
      },
      legalBasis: 'legitimate-interest',
      dataSubjects: [SUBJECTS.clientContacts, SUBJECTS.clients],
      recipients: [RECIPIENTS.staff, RECIPIENTS.host],
      retention: {
        duration: 'P10Y',
        from: { fr: 'après la fin de l’exercice de la facture fournisseur (pièce comptable)', en: 'after the end of the supplier invoice’s financial year (accounting record)' },
      },
      securityMeasures: PLATFORM_SECURITY_MEASURES,
    },
  ],
  tables: {
    telecom_supplier_invoices: {
      activity: 'telecom.billing-control',
      notPersonal: cols(TRACKING, 'operator_key period reference source file_name row_count total_cents'),
    },
    telecom_supplier_invoice_lines: {
      activity: 'telecom.billing-control',
      personal: { number: p.mask('contact', 'phone-last-digits') },
      notPersonal: cols('id tenant_id invoice_id row_number operator_line_id product_code period amount_cents created_at'),
    },
    telecom_control_runs: {
      activity: 'telecom.billing-control',
      notPersonal: cols(TRACKING, 'period trigger status billing_systems_checked invoice_rows_checked found opened resolved error finished_at'),
    },
    telecom_anomalies: {
      activity: 'telecom.billing-control',
      personal: { resolution_note: p.erase('free-text') },
      notPersonal: cols(TRACKING, 'kind line_id account_id operator_key source subject_key product_code billed_cents expected_cents monthly_loss_cents since first_period last_seen_period status',
        'fix_action fix_deployment_id fix_task_id fix_started_at fix_started_by resolved_at resolved_by recovered_cents last_run_id'),
    },
  },
  // A client company reaches its anomalies; the operators' invoice rows are supplier invoices, kept as they came.
  subjectLinks: { account: [{ match: 'ref', table: 'telecom_anomalies', column: 'account_id', from: 'accounts' }] },
  notAboutSubjects: {
    telecom_supplier_invoice_lines: {
      fr: 'Lignes des factures fournisseurs telles que reçues, pièces comptables conservées dix ans (art. L123-22 du Code de commerce) ; les lignes du client se trouvent par telecom_lines',
      en: 'Rows of supplier invoices as received, accounting records kept ten years (French Commercial Code, art. L123-22); the client\'s lines are found through telecom_lines',
    },
  },
};
