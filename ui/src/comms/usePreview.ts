import { ref, shallowRef, watch, type WatchSource } from 'vue';
import { commsApi, type Preview, type PreviewRequest } from '@/api/comms.api';
import { describeError } from '@/stores/describe-error';

/** Live preview: re-rendered by the API (the same renderer as sending) 300 ms after the last change. */
export function usePreview(source: WatchSource<PreviewRequest | null>) {
  const preview = ref<Preview | null>(null);
  const error = shallowRef<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | null = null;

  watch(source, (request) => {
    clearTimeout(timer);
    if (!request) {
      preview.value = null;
      return;
    }
    timer = setTimeout(async () => {
      controller?.abort();
      controller = new AbortController();
      try {
        preview.value = await commsApi.preview(request, controller.signal);
        error.value = null;
      } catch (e) {
        if (e instanceof DOMException && e.name === 'AbortError') return;
        error.value = describeError(e);
      }
    }, 300);
  }, { immediate: true, deep: true });

  return { preview, error };
}
