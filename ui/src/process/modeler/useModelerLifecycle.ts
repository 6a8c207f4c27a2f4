import { computed, shallowRef, type ComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { definitionsApi, type DefinitionListItem } from '@/api/process.api';
import { describeError } from '@/stores/describe-error';
import { useProcessDefinitionsStore } from '@/stores/process-definitions';
import { useSessionStore } from '@/stores/session';
import type { ModelerDocument, Notify } from './useModelerDocument';

/** Deleting the draft, retiring or reactivating the key: each asks for confirmation first. */
export type Lifecycle = 'deleteDraft' | 'retire' | 'reactivate';

/** The key's life: its draft deleted, the key retired (no new instance) or reactivated. */
export function useModelerLifecycle(doc: ModelerDocument, options: { processKey: () => string | null; deployedItem: ComputedRef<DefinitionListItem | undefined>; notify: Notify }) {
  const { t } = useI18n();
  const session = useSessionStore();
  const definitions = useProcessDefinitionsStore();
  const pending = shallowRef<Lifecycle | null>(null);
  const busy = shallowRef(false);
  const canUpdate = computed(() => session.can('process.definition', 'update'));

  const actions = computed<Lifecycle[]>(() => {
    const item = options.deployedItem.value;
    if (!item || !canUpdate.value) return [];
    const list: Lifecycle[] = [];
    if (item.hasDraft) list.push('deleteDraft');
    if (item.latestVersion) list.push(item.retiredAt ? 'reactivate' : 'retire');
    return list;
  });

  async function confirm(): Promise<void> {
    const key = options.processKey();
    const action = pending.value;
    if (!key || !action) return;
    busy.value = true;
    try {
      if (action === 'deleteDraft') await definitionsApi.deleteDraft(key);
      else if (action === 'retire') await definitionsApi.retire(key);
      else await definitionsApi.reactivate(key);
      options.notify(t(`process.modeler.lifecycle.${action}Done`, { key }));
      pending.value = null;
      await definitions.load(true);
      if (action === 'deleteDraft' && doc.origin.value?.version === 'draft') {
        // The draft on screen is gone: show the deployed version, or keep the diagram as unsaved work.
        const latest = options.deployedItem.value?.latestVersion;
        if (latest) await doc.open(key, latest);
        else {
          doc.origin.value = null;
          doc.dirty.value = true;
        }
      }
    } catch (e) {
      options.notify(describeError(e), 'error');
    } finally {
      busy.value = false;
    }
  }

  return { pending, busy, actions, confirm };
}
