import type fr from './control.fr';

/** Texts of the telecom control screens (English). */
const en: typeof fr = {
  nav: { control: 'Billing control' },
  title: 'Billing control',
  tabs: { anomalies: 'Anomalies', report: 'Monthly report', import: 'Supplier invoice import' },
  kinds: { 'terminated-still-billed': 'Terminated line still billed', 'purchase-price-gap': 'Purchase price gap' },
  statuses: { open: 'Open', fixing: 'Being fixed', resolved: 'Resolved', dismissed: 'Dismissed' },
  sources: { 'billing-system': 'By the billing system', 'operator-invoice': 'On operator {operator}’s invoice' },
  fixes: { 'terminate-billing': 'Stop the billing', dispute: 'Dispute with the operator', 'update-catalogue': 'Update the catalogue' },
  columns: { kind: 'Anomaly', line: 'Line', account: 'Client', since: 'Since', monthlyLoss: 'Monthly loss', status: 'Status' },
  none: 'No anomaly matches',
  more: 'Show more',
  account: { title: 'Billing anomalies', summary: '{n} anomaly(ies) to fix, {loss} of monthly loss', month: 'month' },
  panel: {
    source: 'Found', product: 'Product', billed: 'Billed', expected: 'Expected', lossToDate: 'Loss to date', periods: 'Months found', fix: 'Fix',
    recovered: 'Recovered', openDeployment: 'Open the deployment', note: 'Note (claim, credit note…)', recoveredInput: 'Amount recovered',
    resolve: 'Mark resolved', dismiss: 'Dismiss', reopen: 'Reopen', badAmount: 'The amount recovered must be in euros, like 29.90',
    fixStarted: 'Fix started: a deployment of the line was created.', resolvedDone: 'Anomaly resolved.', dismissedDone: 'Anomaly dismissed.', reopenedDone: 'Anomaly reopened.',
  },
  report: {
    period: 'Month', run: 'Run the control', ranDone: 'Control done: {found} anomaly(ies) found, {opened} new, {resolved} resolved.',
    lastRun: 'Last control: {at}', noRun: 'No control of this month yet', recovered: 'Money recovered this month',
    resolvedCount: '{n} anomaly(ies) resolved', savings: '{amount} of monthly loss avoided', openLoss: 'Monthly loss still open',
    found: 'Found', invoices: 'Supplier invoices controlled', invoiceLine: '{rows} row(s), {total}', noInvoice: 'No supplier invoice imported for this month',
  },
  import: {
    help: 'The CSV file as the operator sends it: semicolon-separated, French amounts (12,50). Per row: number or operator line id; product code; period; amount. One bad row and nothing is imported.',
    operator: 'Operator', reference: 'Invoice reference', file: 'CSV file', submit: 'Import the file', fetch: 'Read through the operator’s API',
    noFile: 'Choose the operator’s CSV file', done: 'Invoice imported: {rows} row(s), {total}.',
  },
};
export default en;
