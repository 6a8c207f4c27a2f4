import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { instancesApi, type InstanceStatus, type InstanceSummary } from '@/api/process.api';
import { useRequestState } from './request-state';

const INSTANCE_STATUSES: readonly InstanceStatus[] = ['running', 'incident', 'completed', 'cancelled', 'failed'];

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

  /** The view in the URL (`?process=…&version=2&status=failed&q=<business key>`). */
  function urlState(): Record<string, string> {
    const state: Record<string, string> = {};
    if (processKey.value) state.process = processKey.value;
    if (version.value !== null) state.version = String(version.value);
    if (status.value) state.status = status.value;
    if (businessKey.value.trim()) state.q = businessKey.value.trim();
    return state;
  }

  /** Takes the view from the URL; true when it changed. */
  function applyUrlState(state: Record<string, string>): boolean {
    const before = JSON.stringify(urlState());
    processKey.value = state.process || null;
    const n = Number(state.version);
    version.value = Number.isInteger(n) && n >= 1 ? n : null;
    status.value = (INSTANCE_STATUSES as readonly string[]).includes(state.status ?? '') ? state.status as InstanceStatus : null;
    businessKey.value = state.q ?? '';
    return JSON.stringify(urlState()) !== before;
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

  return { items, loaded, processKey, version, status, businessKey, loading, error, load, urlState, applyUrlState, setProcessKey, setVersion, setStatus, setBusinessKey };
});
