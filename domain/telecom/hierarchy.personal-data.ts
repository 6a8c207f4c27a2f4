import { PLATFORM_SECURITY_MEASURES, RECIPIENTS, SUBJECTS, TRACKING, cols, p, type PersonalDataDeclaration } from '../gdpr/personal-data';

/**
 * The hierarchy's personal data (docs/adr/0022, ADR 0041): a line's number and its user are about a person
 * (the client's employee who carries the phone); brands, profiles, billing references, fleets and offers are not.
 */
export const hierarchyPersonalData: PersonalDataDeclaration = {
  activities: [
    {
      key: 'telecom.services',
      name: { fr: 'Gestion des lignes et services télécom', en: 'Telecom lines and services management' },
      purpose: {
        fr: 'Fournir, facturer et contrôler les lignes et services des clients (numéros, utilisateurs, forfaits, options)',
        en: 'Provide, bill and check the clients’ lines and services (numbers, users, plans, options)',
      },
      legalBasis: 'contract',
      dataSubjects: [SUBJECTS.clientContacts, SUBJECTS.clients],
      recipients: [RECIPIENTS.staff, RECIPIENTS.clients, RECIPIENTS.host,
        { fr: 'Opérateurs et systèmes de facturation (SNAIC, Alphalink, CFAST)', en: 'Operators and billing systems (SNAIC, Alphalink, CFAST)' }],
      retention: {
        duration: 'P1Y',
        from: { fr: 'après la résiliation de la ligne (contestation des factures)', en: 'after the line is terminated (invoice disputes)' },
        legalReference: 'Code des postes et des communications électroniques, art. L34-2',
      },
      securityMeasures: PLATFORM_SECURITY_MEASURES,
    },
  ],
  tables: {
    telecom_brands: { activity: 'telecom.services', notPersonal: cols(TRACKING, 'key name active') },
    telecom_account_profiles: { activity: 'telecom.services', notPersonal: cols('account_id tenant_id softwhere_id brand_id external_refs created_by created_at updated_at version') },
    telecom_billing_site_refs: { activity: 'telecom.services', notPersonal: cols(TRACKING, 'billing_site_id system reference') },
    telecom_fleets: { activity: 'telecom.services', notPersonal: cols(TRACKING, 'account_id site_id billing_site_id type operator_key name') },
    telecom_offers: { activity: 'telecom.services', notPersonal: cols('catalogue_item_id tenant_id brand_id fleet_type operator_key operator_product_code created_at updated_at version') },
    telecom_lines: {
      activity: 'telecom.services',
      personal: { number: p.keep('contact', { release: { kind: 'pseudonymise' } }), user_name: p.erase('identity') },
      notPersonal: cols(TRACKING, `account_id fleet_id site_id billing_site_id plan_id option_ids status sale_price_cents purchase_price_cents
        operator_key operator_refs billing_refs activated_on terminated_on`),
      retention: { clock: 't.terminated_on', scope: "t.status = 'terminated'" },
    },
  },
  subjectLinks: {
    account: [{ match: 'ref', table: 'telecom_lines', column: 'account_id', from: 'accounts' }],
  },
};
