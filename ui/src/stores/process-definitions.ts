import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { definitionsApi, type DefinitionListItem, type ProcessCatalogue } from '@/api/process.api';
import { useRequestState } from './request-state';
import { useSessionStore } from './session';

/** Deployed process keys (filters, the modeler's "Ouvrir") and the modeler's catalogue, loaded once. */
export const useProcessDefinitionsStore = defineStore('process-definitions', () => {
  const items = ref<DefinitionListItem[]>([]);
  const loaded = shallowRef(false);
  const catalogue = ref<ProcessCatalogue | null>(null);
  const { loading, error, run } = useRequestState();

  async function load(force = false): Promise<void> {
    if (loaded.value && !force) return;
    if (!useSessionStore().can('process.definition', 'read')) return;
    const page = await run(() => definitionsApi.list());
    if (!page) return;
    items.value = page.items;
    loaded.value = true;
  }

  async function loadCatalogue(): Promise<ProcessCatalogue | null> {
    if (catalogue.value) return catalogue.value;
    const result = await run(() => definitionsApi.catalogue());
    if (result) catalogue.value = result;
    return catalogue.value;
  }

  return { items, loaded, catalogue, loading, error, load, loadCatalogue };
});
