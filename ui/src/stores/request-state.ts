import { ref, shallowRef } from 'vue';
import { describeError } from './describe-error';

/**
 * The one loading/error pattern of every store: `run(task)` flips `loading`, clears
 * `error`, and turns a failure into a readable message instead of throwing.
 * `explain` may give a more specific message for an error; undefined falls back.
 */
export function useRequestState() {
  const loading = shallowRef(false);
  const error = ref<string | null>(null);

  async function run<T>(task: () => Promise<T>, explain?: (e: unknown) => string | undefined): Promise<T | undefined> {
    loading.value = true;
    error.value = null;
    try {
      return await task();
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return undefined;
      error.value = explain?.(e) ?? describeError(e);
      return undefined;
    } finally {
      loading.value = false;
    }
  }

  return { loading, error, run };
}
