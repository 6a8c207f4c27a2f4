import { computed } from 'vue';
import type { EventClient, EventContract, EventRecord } from '@/events/events.api';
import { useSessionStore } from '@/stores/session';

type Scope = 'all' | 'own' | 'assigned';

/**
 * What the signed-in person may do on Epic Events records, from /auth/me grants
 * (`events.contract.update:own`…). The API enforces the same rules; the screens use
 * this so that an action the API would refuse (403) is simply not offered.
 * "own" = the record's client has me as sales contact; "assigned" = I am the event's support.
 */
export function useEventsAccess() {
  const session = useSessionStore();
  const me = computed(() => session.me?.user.id ?? null);

  const scopes = computed(() => {
    const byPermission = new Map<string, Set<Scope>>();
    for (const grant of session.me?.grants ?? []) {
      const at = grant.lastIndexOf(':');
      if (at < 0) continue;
      const permission = grant.slice(0, at);
      const set = byPermission.get(permission) ?? new Set<Scope>();
      set.add(grant.slice(at + 1) as Scope);
      byPermission.set(permission, set);
    }
    return byPermission;
  });

  function allows(permission: string, facts: { owner?: string | null; support?: string | null } = {}): boolean {
    const granted = scopes.value.get(permission);
    if (!granted) return false;
    if (granted.has('all')) return true;
    if (granted.has('own') && !!me.value && facts.owner === me.value) return true;
    return granted.has('assigned') && !!me.value && facts.support === me.value;
  }

  /** Granted for some records at least (whatever the scope). */
  const granted = (permission: string) => scopes.value.has(permission);
  const scoped = (permission: string, scope: Scope) => scopes.value.get(permission)?.has(scope) ?? false;

  return {
    me,
    canReadClients: computed(() => session.can('events.client', 'read')),
    canReadContracts: computed(() => session.can('events.contract', 'read')),
    canReadEvents: computed(() => session.can('events.event', 'read')),
    canCreateClient: computed(() => granted('events.client.create')),
    canCreateContract: computed(() => granted('events.contract.create')),
    canCreateEvent: computed(() => granted('events.event.create')),
    /** Someone who owns clients (sales): "Mes clients" makes sense for them. */
    ownsClients: computed(() => scoped('events.client.update', 'own') || scoped('events.client.create', 'own')),
    /** Someone events are assigned to (support): "Mes événements" makes sense for them. */
    worksEvents: computed(() => scoped('events.event.update', 'assigned')),
    /** Management picks the support contact of any event. */
    assignsSupport: computed(() => scoped('events.event.update', 'all')),
    /** Importing the legacy spreadsheet: whoever holds the import right (management). */
    canImportEvents: computed(() => granted('events.import.create')),
    mayUpdateClient: (c: EventClient) => allows('events.client.update', { owner: c.salesContactId }),
    mayCreateContractFor: (c: EventClient) => allows('events.contract.create', { owner: c.salesContactId }),
    mayUpdateContract: (k: EventContract) => allows('events.contract.update', { owner: k.salesContactId }),
    /** Signing is an update of the contract: management, or the client's sales contact. */
    maySign: (k: EventContract) => !k.signed && allows('events.contract.update', { owner: k.salesContactId }),
    mayRecordPayment: (k: EventContract) => allows('events.payment.create', { owner: k.salesContactId }),
    /** Spec 001: a salesperson creates events for their own clients' signed contracts. */
    mayCreateEventFor: (k: EventContract) => k.signed && allows('events.event.create', { owner: k.salesContactId }),
    mayUpdateEvent: (e: EventRecord) => allows('events.event.update', { support: e.supportContactId }),
    mayCloseEvent: (e: EventRecord) => e.status !== 'closed' && allows('events.event.update', { support: e.supportContactId }),
  };
}
