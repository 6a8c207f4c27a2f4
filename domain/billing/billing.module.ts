import type { DomainModule } from '../modules/vertical-module';
import { billingMessages } from './billing.messages';
import { seedBillingDemo } from './demo-seed';
import { creditNoteSample, invoiceSample, quoteSample } from './record-samples';
import { billingCreditNotes, billingInvoices, billingQuotes } from './resources';

/**
 * Billing (issue 13): one context every vertical invoices through — the organisation's legal
 * profile, quotes, invoices (standard, deposit, final), credit notes, payments and account credit.
 * A core context: every organisation has it; its roles' grants (domain/identity/grants.ts, the
 * verticals' manifests) decide who uses it.
 */
export const billingModule: DomainModule = {
  key: 'billing',
  kind: 'core',
  label: { fr: 'Facturation', en: 'Billing' },
  messages: billingMessages,
  resources: {
    'billing.quote': 'Quote',
    'billing.invoice': 'Invoice',
    'billing.credit-note': 'CreditNote',
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
  ],
  seedDemo: seedBillingDemo,
};
