import { defineStore } from 'pinia';
import { reactive } from 'vue';
import { billingApi, documentApi, type AccountBalance, type BillingKind, type CreditNote, type HistoryEntry, type Invoice, type Payment } from '@/billing/billing.api';
import { useRequestState } from '@/stores/request-state';
import { useSessionStore } from '@/stores/session';

export interface BillingDetails {
  history: HistoryEntry[];
  /** An invoice's payments; null for the other kinds or when not readable. */
  payments: Payment[] | null;
  /** An invoice's credit notes. */
  creditNotes: CreditNote[] | null;
  /** A quote's invoices (deposit, final or whole). */
  invoices: Invoice[] | null;
}

/** An account's billing seen from its panel: its standing and its latest invoices. */
export interface AccountBilling {
  balance: AccountBalance | null;
  invoices: Invoice[];
}

/** What a document's panel shows below its lines (payments, credit notes, timeline), and the accounts' billing, cached. */
export const useBillingDetailsStore = defineStore('billing-details', () => {
  const byId = reactive<Record<string, BillingDetails>>({});
  const byAccount = reactive<Record<string, AccountBilling>>({});
  const { loading, error, run } = useRequestState();
  const session = useSessionStore();

  function entry(id: string): BillingDetails {
    byId[id] ??= { history: [], payments: null, creditNotes: null, invoices: null };
    return byId[id];
  }

  async function load(kind: BillingKind, id: string): Promise<void> {
    const target = entry(id);
    const related = { limit: 100 };
    await run(async () => {
      const [history, payments, creditNotes, invoices] = await Promise.all([
        documentApi(kind).history(id),
        kind === 'invoices' ? billingApi.invoices.payments(id) : null,
        kind === 'invoices' && session.can('billing.credit-note', 'read') ? billingApi['credit-notes'].list({ ...related, filters: { invoiceId: id } }) : null,
        kind === 'quotes' ? billingApi.invoices.list({ ...related, filters: { quoteId: id } }) : null,
      ]);
      target.history = history.items;
      target.payments = payments?.items ?? null;
      target.creditNotes = creditNotes?.items ?? null;
      target.invoices = invoices?.items ?? null;
    });
  }

  async function refreshHistory(kind: BillingKind, id: string): Promise<void> {
    const history = await run(() => documentApi(kind).history(id));
    if (history) entry(id).history = history.items;
  }

  async function loadAccount(accountId: string): Promise<void> {
    await run(async () => {
      const [balance, invoices] = await Promise.all([
        billingApi.accountBalance(accountId).catch(() => null),
        billingApi.invoices.list({ limit: 10, filters: { client: accountId } }),
      ]);
      byAccount[accountId] = { balance, invoices: invoices.items };
    });
  }

  return { byId, byAccount, loading, error, entry, load, refreshHistory, loadAccount };
});
