import { computed } from 'vue';
import { useSessionStore } from '@/stores/session';
import { DEFAULT_TIME_ZONE } from './format';

/** The organisation's time zone (Europe/Paris for Epic Events): dates are typed and shown in it. */
export function useTimeZone() {
  const session = useSessionStore();
  return computed(() => session.me?.tenant.timeZone || DEFAULT_TIME_ZONE);
}
