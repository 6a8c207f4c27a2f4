import path from 'node:path';
import type { DomainModule } from '../modules/vertical-module';
import { BILLING_ACTIVITIES } from './billing.activity-contracts';
import { billingMessages } from './billing.messages';
import { billingIntegrationMessages } from './integrations/integrations.messages';
import { seedBillingDemo } from './demo-seed';
import { invoiceDunningLabel } from './dunning';
import { INVOICE_DUNNING } from './dunning-start';
import { DUNNING_FORMS } from './dunning.forms';
import { dunningMessages } from './dunning.messages';
import { creditNoteSample, invoiceSample, quoteSample } from './record-samples';
import { billingCreditNotes, billingInvoices, billingQuotes } from './resources';
import { billingSubscriptions, subscriptionSample } from './subscriptions';
import { billingPersonalData } from './billing.personal-data';

/**
 * Billing (issue 13): one context every vertical invoices through — the organisation's legal
 * profile, quotes, invoices (standard, deposit, final), credit notes, payments and account credit.
 * A core context: every organisation has it; its roles' grants (domain/identity/grants.ts, the
 * verticals' manifests) decide who uses it.
 */
export const billingModule: DomainModule = {
  key: 'billing',
  personalData: billingPersonalData,
  kind: 'core',
  label: { fr: 'Facturation', en: 'Billing' },
  messages: { ...billingMessages, ...dunningMessages, ...billingIntegrationMessages },
  resources: {
    'billing.quote': 'Quote',
    'billing.invoice': 'Invoice',
    'billing.credit-note': 'CreditNote',
    'billing.subscription': 'Subscription',
    'billing.payment': 'Payment',
    /** The legal profile, numbering and branding of documents (`billing.settings.read`, `.update`). */
    'billing.settings': 'BillingSettings',
  },
  records: [
    {
      resource: billingQuotes, path: 'billing/quotes', label: { fr: 'devis', en: 'quote', frPlural: 'devis', enPlural: 'quotes' },
      personalDataColumns: ['notes', 'buyer'],
      sample: quoteSample,
    },
    {
      resource: billingInvoices, path: 'billing/invoices', label: { fr: 'facture', en: 'invoice', frPlural: 'factures', enPlural: 'invoices' },
      personalDataColumns: ['notes', 'buyer'],
      sample: invoiceSample,
    },
    {
      resource: billingCreditNotes, path: 'billing/credit-notes', label: { fr: 'avoir', en: 'credit note', frPlural: 'avoirs', enPlural: 'credit notes' },
      personalDataColumns: ['reason', 'buyer'],
      sample: creditNoteSample,
    },
    {
      resource: billingSubscriptions, path: 'billing/subscriptions', label: { fr: 'abonnement', en: 'subscription', frPlural: 'abonnements', enPlural: 'subscriptions' },
      personalDataColumns: ['notes'],
      sample: subscriptionSample,
    },
  ],
  /** The dunning of every issued invoice (workflows/billing/invoice-dunning.bpmn, domain/billing/dunning.ts). */
  activities: BILLING_ACTIVITIES,
  forms: DUNNING_FORMS,
  processes: [path.resolve(__dirname, '../../workflows/billing/invoice-dunning.bpmn')],
  businessLabels: { [INVOICE_DUNNING]: invoiceDunningLabel },
  seedDemo: seedBillingDemo,
};
