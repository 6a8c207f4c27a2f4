import { useI18n } from 'vue-i18n';
import { ACCOUNT_STATUSES, type AccountStatus } from '@/api/accounts.api';
import { formatValue } from '@/shared/format';
import { fieldOf, toInput } from './account-fields';

/** Labels and display text for account fields, shared by the panel, the conflict dialog and the timeline. */
export function useFieldLabels() {
  const { t, te } = useI18n();

  function label(key: string): string {
    const path = `fields.account.${key}`;
    return te(path) ? t(path) : key;
  }

  /** A stored value as the user reads it (status in words, amounts in euros). */
  function display(key: string, value: unknown): string {
    if (key === 'status' && ACCOUNT_STATUSES.includes(value as AccountStatus)) return t(`accounts.statuses.${value as AccountStatus}`);
    const field = fieldOf(key);
    if (field?.kind === 'money' && value !== null && value !== undefined && value !== '') return `${toInput(field, value)} €`;
    return formatValue(value);
  }

  /** Typed text (from a draft) as the user reads it. */
  function displayText(key: string, text: string): string {
    if (key === 'status') return display(key, text);
    return text.trim() === '' ? '—' : text;
  }

  return { label, display, displayText };
}
