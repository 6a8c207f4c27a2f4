import { defineStore } from 'pinia';
import { reactive } from 'vue';
import { eventsApi, recordsApi, type EventContract, type EventRecord, type EventsKind, type HistoryEntry, type Payment } from '@/events/events.api';
import { useRequestState } from '@/stores/request-state';

export interface EventsDetails {
  history: HistoryEntry[];
  /** A client's contracts; null when not loaded (other kinds). */
  contracts: EventContract[] | null;
  /** A client's or a contract's events. */
  events: EventRecord[] | null;
  /** A contract's payments. */
  payments: Payment[] | null;
}

/** What a side panel shows below the fields: related records and the timeline, cached per record. */
export const useEventsDetailsStore = defineStore('events-details', () => {
  const byId = reactive<Record<string, EventsDetails>>({});
  const { loading, error, run } = useRequestState();

  function entry(id: string): EventsDetails {
    byId[id] ??= { history: [], contracts: null, events: null, payments: null };
    return byId[id];
  }

  async function load(kind: EventsKind, id: string): Promise<void> {
    const target = entry(id);
    await run(async () => {
      const related = { limit: 100 };
      const [history, contracts, events, payments] = await Promise.all([
        recordsApi(kind).history(id),
        kind === 'clients' ? eventsApi.contracts.list({ ...related, filters: { clientId: id } }) : null,
        kind === 'clients' ? eventsApi.events.list({ ...related, filters: { clientId: id } })
          : kind === 'contracts' ? eventsApi.events.list({ ...related, filters: { contractId: id } }) : null,
        kind === 'contracts' ? eventsApi.contracts.payments(id) : null,
      ]);
      target.history = history.items;
      target.contracts = contracts?.items ?? null;
      target.events = events?.items ?? null;
      target.payments = payments?.items ?? null;
    });
  }

  async function refreshHistory(kind: EventsKind, id: string): Promise<void> {
    const history = await run(() => recordsApi(kind).history(id));
    if (history) entry(id).history = history.items;
  }

  function addPayment(contractId: string, payment: Payment): void {
    const target = entry(contractId);
    target.payments = [payment, ...(target.payments ?? []).filter((p) => p.id !== payment.id)];
  }

  function addEvent(contractId: string, event: EventRecord): void {
    for (const id of [contractId, event.clientId]) {
      const target = byId[id];
      if (target?.events) target.events = [...target.events.filter((e) => e.id !== event.id), event];
    }
  }

  function addContract(clientId: string, contract: EventContract): void {
    const target = byId[clientId];
    if (target?.contracts) target.contracts = [contract, ...target.contracts.filter((k) => k.id !== contract.id)];
  }

  return { byId, loading, error, entry, load, refreshHistory, addPayment, addEvent, addContract };
});
