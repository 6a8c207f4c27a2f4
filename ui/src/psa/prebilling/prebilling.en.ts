import type prebillingFr from './prebilling.fr';

/** Texts of the pre-billing queue (English). */
const prebillingEn: typeof prebillingFr = {
  nav: 'Pre-billing',
  title: 'Pre-billing',
  intro: 'Approved time of closed tickets, billable outside any contract. « Invoice » makes one invoice per client, one line per ticket.',
  empty: 'Nothing to invoice: the queue is empty.',
  columns: { ticket: 'Ticket', account: 'Client', duration: 'Time', amount: 'Amount excl. VAT', since: 'Since' },
  selectAll: 'Select all',
  selectItem: 'Select ticket #{number}',
  invoice: 'Invoice ({n})',
  issue: 'Issue the invoices at once (otherwise: drafts to check)',
  confirm: 'Invoice the {n} selected items?',
  exclude: 'Do not invoice',
  excludeTitle: 'Do not invoice ticket #{number}',
  reason: 'Reason (kept in the history)',
  cancel: 'Cancel',
  confirmExclude: 'Exclude',
  report: 'Result: {ok} invoiced, {failed} refused',
  invoiced: 'invoiced — {invoice}',
  draftInvoice: 'draft invoice',
  openInvoice: 'Open the invoice',
  refused: 'refused: {reason}',
  issueProblem: 'Invoice left as a draft: {problem}',
  ticket: '#{number} — {title}',
};

export default prebillingEn;
