import { useI18n } from 'vue-i18n';
import type { BillingKind } from '@/billing/billing.api';
import { fieldOf } from '@/billing/fields';
import { rowsOf } from '@/billing/lines';
import { formatDateTime, formatDay, formatMoney, formatValue } from '@/shared/format';
import { useTimeZone } from '@/shared/useTimeZone';

/** Field labels and values of a document as people read them (panels, conflict prompt, timeline). */
export function useBillingLabels(kind: BillingKind) {
  const { t, te } = useI18n();
  const zone = useTimeZone();

  function label(key: string): string {
    const path = `billing.fields.${kind}.${key}`;
    return te(path) ? t(path) : key;
  }

  /** A stored value: amounts in euros, dates in the organisation's calendar, statuses and languages in words, lines counted. */
  function display(key: string, value: unknown): string {
    if (value === null || value === undefined || value === '') return '—';
    if (key === 'status' && te(`billing.statuses.${kind}.${String(value)}`)) return t(`billing.statuses.${kind}.${String(value)}`);
    if (key === 'language' && te(`billing.languages.${String(value)}`)) return t(`billing.languages.${String(value)}`);
    if (key === 'lines' && Array.isArray(value)) return t('billing.lines.count', { n: value.length }, value.length);
    if (key.endsWith('Cents')) return formatMoney(value as number);
    if (key.endsWith('At')) return formatDateTime(String(value));
    if (fieldOf(kind, key)?.kind === 'date' || key.endsWith('Date') || key === 'validUntil') return formatDay(String(value), zone.value);
    return formatValue(value);
  }

  /** Typed text (a draft) as people read it: lines as their descriptions. */
  function displayText(key: string, text: string): string {
    if (text.trim() === '') return '—';
    if (fieldOf(kind, key)?.kind === 'lines') return rowsOf(text).map((row) => row.description || '…').join(', ') || t('billing.lines.none');
    return text;
  }

  return { label, display, displayText };
}
