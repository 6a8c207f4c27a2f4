import { defineStore } from 'pinia';
import { reactive } from 'vue';
import { eventsApi, type Collaborator, type CollaboratorRole } from '@/events/events.api';
import { useRequestState } from '@/stores/request-state';

/** Collaborators by department, for the pickers (support contact…); loaded once per role. */
export const useEventsCollaboratorsStore = defineStore('events-collaborators', () => {
  const byRole = reactive<Partial<Record<CollaboratorRole, Collaborator[]>>>({});
  const { loading, error, run } = useRequestState();
  const pending = new Map<CollaboratorRole, Promise<void>>();

  function load(role: CollaboratorRole, force = false): Promise<void> {
    if (byRole[role] && !force) return Promise.resolve();
    let request = pending.get(role);
    if (!request) {
      request = (async () => {
        const answer = await run(() => eventsApi.collaborators(role));
        if (answer) byRole[role] = answer.items;
      })().finally(() => pending.delete(role));
      pending.set(role, request);
    }
    return request;
  }

  function nameOf(role: CollaboratorRole, id: string | null | undefined): string | null {
    if (!id) return null;
    return byRole[role]?.find((c) => c.id === id)?.displayName ?? null;
  }

  return { byRole, loading, error, load, nameOf };
});
