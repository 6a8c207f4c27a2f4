import { PLATFORM_SECURITY_MEASURES, RECIPIENTS, SUBJECTS, cols, p, type PersonalDataDeclaration } from '../gdpr/personal-data';

/**
 * The operator and billing-system ports' tables (ADR 0042). Connections hold the organisation's API
 * credentials (sealed), no one's identity. The sandbox's lines, orders and services name a line by its
 * number, which for a mobile line is a person's phone number: masked to its last digits on erasure, as the
 * billing control does; what an order was asked (`input`, which may hold a number and a RIO) is erased.
 * Tracked orders hold ids only.
 */
export const integrationsPersonalData: PersonalDataDeclaration = {
  activities: [
    {
      key: 'telecom.operator-orders',
      name: { fr: 'Commandes aux opérateurs et aux systèmes de facturation', en: 'Orders to operators and billing systems' },
      purpose: {
        fr: 'Créer, modifier et résilier les lignes chez les opérateurs et les services dans les systèmes de facturation pour les clients',
        en: 'Create, change and terminate lines at the operators and services in the billing systems for clients',
      },
      legalBasis: 'contract',
      dataSubjects: [SUBJECTS.clientContacts, SUBJECTS.clients],
      recipients: [RECIPIENTS.staff, RECIPIENTS.host],
      retention: { duration: 'P5Y', from: { fr: 'après la résiliation de la ligne ou du service', en: 'after the line or service is terminated' } },
      securityMeasures: PLATFORM_SECURITY_MEASURES,
    },
  ],
  tables: {
    integration_connections: {
      activity: 'telecom.operator-orders',
      notPersonal: cols('id tenant_id kind key adapter label base_url credentials_sealed webhook_secret_sealed settings active created_by created_at updated_by updated_at version'),
    },
    telecom_operator_orders: {
      activity: 'telecom.operator-orders',
      notPersonal: cols('tenant_id operator_key order_id reference kind status operator_line_id placed_at completed_at last_polled_at notified_at'),
    },
    telecom_sandbox_products: { activity: 'telecom.operator-orders', notPersonal: cols('tenant_id operator_key code kind label monthly_cents') },
    telecom_sandbox_lines: {
      activity: 'telecom.operator-orders',
      personal: { number: p.mask('contact', 'phone-last-digits') },
      notPersonal: cols('tenant_id operator_key id iccid product_code option_codes status activated_on terminated_on updated_at'),
    },
    telecom_sandbox_orders: {
      activity: 'telecom.operator-orders',
      personal: { number: p.mask('contact', 'phone-last-digits'), input: p.erase('contact') },
      notPersonal: cols('id tenant_id operator_key reference kind status operator_line_id iccids reason_fr reason_en due_at placed_at completed_at'),
    },
    telecom_sandbox_sims: { activity: 'telecom.operator-orders', notPersonal: cols('tenant_id operator_key iccid order_id line_id status') },
    telecom_sandbox_billing_services: {
      activity: 'telecom.operator-orders',
      personal: { line_number: p.mask('contact', 'phone-last-digits') },
      notPersonal: cols('id tenant_id system_key parent_id kind customer_ref product_code label amount_cents quantity status started_on cancelled_on operator_line_id created_at'),
    },
    telecom_sandbox_billing_requests: { activity: 'telecom.operator-orders', notPersonal: cols('tenant_id system_key reference result created_at') },
  },
  // The sandboxes stand in for the operators' and billing systems' own records (ADR 0042): with a real vendor
  // these rows are theirs, and a request about a person is relayed to them.
  notAboutSubjects: Object.fromEntries(['telecom_sandbox_lines', 'telecom_sandbox_orders', 'telecom_sandbox_billing_services'].map((table) => [table, {
    fr: 'Copie simulée des données de l’opérateur ou du système de facturation (bac à sable) : une demande sur une personne est transmise au fournisseur',
    en: 'Simulated copy of the operator\'s or billing system\'s data (sandbox): a request about a person is relayed to the vendor',
  }])),
};
