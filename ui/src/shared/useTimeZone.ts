import { computed } from 'vue';
import { useSessionStore } from '@/stores/session';
import { DEFAULT_TIME_ZONE } from './time-zone';

/** The organisation's time zone (from /auth/me; Europe/Paris by default): dates are typed and shown in it. */
export function useTimeZone() {
  const session = useSessionStore();
  return computed(() => session.me?.tenant.timeZone || DEFAULT_TIME_ZONE);
}
