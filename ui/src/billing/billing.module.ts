import { defineAsyncComponent } from 'vue';
import { INSTALLED_LOCALES } from '@/installed-locales';
import type { UiModule } from '@/modules/ui-module';
import { i18n } from '@/plugins/i18n';
import type { EachAction } from '@/shared/bulk';
import { billingApi, type AnyBillingDocument } from './billing.api';
import { billingRoutes } from './routes';

/** A document in a bulk report: « F-2026-00042 · Garage Renault Pornic », « Brouillon · … ». */
const nameOf = (row: unknown) => {
  const document = row as AnyBillingDocument;
  return `${document.number ?? i18n.global.t('billing.draftNumber')} · ${document.accountName}`;
};
const statusIn = (...statuses: string[]) => (row: unknown) => statuses.includes((row as AnyBillingDocument).status);

/** Issue the selected drafts (each numbered in turn), send the selected invoices or draft quotes. */
const issueInvoices: EachAction = {
  run: (id, key) => billingApi.invoices.issue(id, key), confirm: 'billing.bulk.issueConfirm', applies: statusIn('draft'), name: nameOf, notApplicable: 'billing.bulk.notDraft',
};
const sendInvoices: EachAction = {
  run: (id, key) => billingApi.invoices.send(id, key), confirm: 'billing.bulk.markSentConfirm', applies: statusIn('issued', 'sent', 'partially_paid', 'overdue'), name: nameOf, notApplicable: 'billing.bulk.notIssued',
};
const sendQuotes: EachAction = {
  run: (id, key) => billingApi.quotes.send(id, key), confirm: 'billing.bulk.sendQuotesConfirm', applies: statusIn('draft'), name: nameOf, notApplicable: 'billing.bulk.quoteSent',
};

/**
 * Billing (issue 13) in the UI: quotes, invoices, credit notes and the legal profile, in the
 * drawer's « Facturation » group for whoever may read them, and the account panel's billing block.
 * A core context: every organisation has it; permissions decide who sees what.
 */
export const billingModule: UiModule = {
  key: 'billing',
  core: true,
  icon: 'mdi-receipt-text-outline',
  routes: billingRoutes,
  nav: {
    label: 'billing.nav.group',
    testId: 'nav-billing',
    entries: [
      { route: 'billing-invoices', icon: 'mdi-file-document-outline', label: 'billing.nav.invoices', testId: 'nav-billing-invoices', permission: ['billing.invoice', 'read'] },
      { route: 'billing-quotes', icon: 'mdi-file-document-edit-outline', label: 'billing.nav.quotes', testId: 'nav-billing-quotes', permission: ['billing.quote', 'read'] },
      { route: 'billing-credit-notes', icon: 'mdi-file-undo-outline', label: 'billing.nav.creditNotes', testId: 'nav-billing-credit-notes', permission: ['billing.credit-note', 'read'] },
      { route: 'billing-settings', icon: 'mdi-scale-balance', label: 'billing.nav.settings', testId: 'nav-billing-settings', permission: ['billing.settings', 'update'] },
    ],
  },
  messages: INSTALLED_LOCALES.billing,
  // The accounting and administrative services land on the invoices (after their open tasks).
  home: [{ route: 'billing-invoices', roles: ['accounting', 'administration'], permission: ['billing.invoice', 'read'] }],
  commands: [
    { key: 'billing-new-invoice', label: 'billing.invoices.create', icon: 'mdi-file-document-plus-outline', to: { name: 'billing-invoices', query: { new: '1' } }, permission: ['billing.invoice', 'create'] },
    { key: 'billing-new-quote', label: 'billing.quotes.create', icon: 'mdi-file-document-edit-outline', to: { name: 'billing-quotes', query: { new: '1' } }, permission: ['billing.quote', 'create'] },
    { key: 'billing-overdue', label: 'billing.commands.overdue', icon: 'mdi-alert-circle-outline', to: { name: 'billing-invoices', query: { overdue: 'true' } }, permission: ['billing.invoice', 'read'] },
  ],
  // Run on each selected document with a report per document (the list's checkboxes appear for who may run them).
  bulkActions: [
    { list: 'billing-invoices', key: 'issue', label: 'billing.bulk.issue', icon: 'mdi-file-check-outline', permission: ['billing.invoice', 'update'], each: issueInvoices },
    { list: 'billing-invoices', key: 'send', label: 'billing.bulk.markSent', icon: 'mdi-email-check-outline', permission: ['billing.invoice', 'update'], each: sendInvoices },
    { list: 'billing-quotes', key: 'send', label: 'billing.bulk.send', icon: 'mdi-email-fast-outline', permission: ['billing.quote', 'update'], each: sendQuotes },
  ],
  searchKinds: [
    { type: 'invoice', label: 'billing.nav.invoices', icon: 'mdi-file-document-outline', to: (hit) => ({ name: 'billing-invoices', params: { id: hit.id } }) },
    { type: 'quote', label: 'billing.nav.quotes', icon: 'mdi-file-document-edit-outline', to: (hit) => ({ name: 'billing-quotes', params: { id: hit.id } }) },
    { type: 'credit-note', label: 'billing.nav.creditNotes', icon: 'mdi-file-undo-outline', to: (hit) => ({ name: 'billing-credit-notes', params: { id: hit.id } }) },
  ],
  accountBlocks: [{ key: 'billing', component: defineAsyncComponent(() => import('./account/AccountBillingBlock.vue')), permission: ['billing.invoice', 'read'] }],
};
