import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { ACCOUNT_STATUSES } from '@/api/accounts.api';

/** Status choices for selects, labelled in the current language. */
export function useStatusItems() {
  const { t } = useI18n();
  return computed(() => ACCOUNT_STATUSES.map((value) => ({ value, title: t(`accounts.statuses.${value}`) })));
}
