import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { instancesApi, type InstanceStatus, type InstanceSummary } from '@/api/process.api';
import { useRequestState } from './request-state';

/** The monitor's instance list: filters and rows survive opening an instance and coming back. */
export const useProcessInstancesStore = defineStore('process-instances', () => {
  const items = ref<InstanceSummary[]>([]);
  const loaded = shallowRef(false);
  const processKey = shallowRef<string | null>(null);
  const version = shallowRef<number | null>(null);
  const status = shallowRef<InstanceStatus | null>(null);
  const businessKey = shallowRef('');
  const { loading, error, run } = useRequestState();

  let generation = 0;
  let controller: AbortController | null = null;
  let debounce: ReturnType<typeof setTimeout> | undefined;

  async function load(): Promise<void> {
    clearTimeout(debounce);
    controller?.abort();
    controller = new AbortController();
    const mine = ++generation;
    const signal = controller.signal;
    const page = await run(() => instancesApi.list({
      processKey: processKey.value, version: version.value, status: status.value, businessKey: businessKey.value.trim() || null, limit: 200,
    }, signal));
    if (!page || mine !== generation) return;
    items.value = page.items;
    loaded.value = true;
  }

  /** Typed filters apply 300 ms after the last keystroke; choices at once. */
  function later(): void {
    clearTimeout(debounce);
    debounce = setTimeout(() => void load(), 300);
  }

  function setProcessKey(value: string | null): void {
    processKey.value = value || null;
    void load();
  }

  function setVersion(value: string | number | null): void {
    const n = Number(value);
    version.value = value === null || value === '' || !Number.isInteger(n) || n < 1 ? null : n;
    later();
  }

  function setStatus(value: InstanceStatus | null): void {
    status.value = value;
    void load();
  }

  function setBusinessKey(value: string | null): void {
    businessKey.value = value ?? '';
    later();
  }

  return { items, loaded, processKey, version, status, businessKey, loading, error, load, setProcessKey, setVersion, setStatus, setBusinessKey };
});
