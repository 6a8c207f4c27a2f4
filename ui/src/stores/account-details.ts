import { defineStore } from 'pinia';
import { reactive } from 'vue';
import { accountsApi, type BillingSite, type Contact, type ContactAssignment, type HistoryEntry, type Site } from '@/api/accounts.api';
import { useRequestState } from './request-state';
import { useSessionStore } from './session';

export interface AccountDetails {
  contacts: Contact[] | null;
  sites: Site[] | null;
  billingSites: BillingSite[] | null;
  /** Contact id → what the contact is assigned to (a site, billing, support…). */
  assignments: Record<string, ContactAssignment[]>;
  history: HistoryEntry[];
  /** The sites block of a multi-site account: its search (kept while the panel is used; the open site is in the URL). */
  siteSearch: string;
}

/** What the side panel shows below the fields: related records and the timeline, cached per account. */
export const useAccountDetailsStore = defineStore('account-details', () => {
  const byAccount = reactive<Record<string, AccountDetails>>({});
  const { loading, error, run } = useRequestState();
  const session = useSessionStore();

  function entry(accountId: string): AccountDetails {
    byAccount[accountId] ??= { contacts: null, sites: null, billingSites: null, assignments: {}, history: [], siteSearch: '' };
    return byAccount[accountId];
  }

  /** Lists the user may not read stay null and are not shown. */
  async function load(accountId: string): Promise<void> {
    const target = entry(accountId);
    await run(async () => {
      const [contacts, sites, billingSites, history] = await Promise.all([
        session.can('core.contact', 'read') ? accountsApi.contacts(accountId) : null,
        session.can('core.site', 'read') ? accountsApi.sites(accountId) : null,
        session.can('core.billing-site', 'read') ? accountsApi.billingSites(accountId) : null,
        accountsApi.history(accountId),
      ]);
      target.contacts = contacts?.items ?? null;
      target.sites = sites?.items ?? null;
      target.billingSites = billingSites?.items ?? null;
      target.history = history.items;
      target.assignments = await assignmentsOf(target);
    });
  }

  /** One request per contact: an account has a handful of them (the list is capped at 100). */
  async function assignmentsOf(target: AccountDetails): Promise<Record<string, ContactAssignment[]>> {
    if (!target.contacts?.length) return {};
    const lists = await Promise.all(target.contacts.map((c) => accountsApi.assignments(c.id)));
    return Object.fromEntries(target.contacts.map((c, i) => [c.id, lists[i].items]));
  }

  async function refreshHistory(accountId: string): Promise<void> {
    const history = await run(() => accountsApi.history(accountId));
    if (history) entry(accountId).history = history.items;
  }

  return { byAccount, loading, error, entry, load, refreshHistory };
});
