import { useI18n } from 'vue-i18n';
import type { EventsKind } from '@/events/events.api';
import { formatDateTime, formatDay, formatMoney, formatValue } from '@/shared/format';
import { useEventsCollaboratorsStore } from '@/events/stores/events-collaborators';
import { fieldOf } from '../fields';
import { useTimeZone } from '@/shared/useTimeZone';

/** Field labels and values as people read them, shared by panels, the conflict dialog and timelines. */
export function useEventsLabels(kind: EventsKind) {
  const { t, te } = useI18n();
  const collaborators = useEventsCollaboratorsStore();
  const zone = useTimeZone();

  function label(key: string): string {
    const path = `events.fields.${kind}.${key}`;
    return te(path) ? t(path) : key;
  }

  /** A stored value: amounts in euros, dates in the organisation's time zone, people by name. */
  function display(key: string, value: unknown): string {
    if (value === null || value === undefined || value === '') return '—';
    if (key === 'status' && (value === 'planned' || value === 'closed')) return t(`events.events.statuses.${value}`);
    const field = fieldOf(kind, key);
    if (field?.kind === 'money' || key.endsWith('Cents')) return formatMoney(value as number);
    if (field?.kind === 'datetime' || key.endsWith('At')) return formatDateTime(String(value));
    if (field?.kind === 'date' || key.endsWith('On')) return formatDay(String(value), zone.value);
    if (key === 'supportContactId') return collaborators.nameOf('support', String(value)) ?? String(value);
    if (key === 'salesContactId') return collaborators.nameOf('sales', String(value)) ?? String(value);
    if (typeof value === 'boolean') return value ? t('events.yes') : t('events.no');
    return formatValue(value);
  }

  /** Typed text (a draft) as people read it. */
  function displayText(key: string, text: string): string {
    if (text.trim() === '') return '—';
    const field = fieldOf(kind, key);
    if (field?.kind === 'support') return collaborators.nameOf('support', text) ?? text;
    if (field?.kind === 'money') return `${text} €`;
    if (field?.kind === 'datetime') return text.replace('T', ' ');
    return text;
  }

  return { label, display, displayText };
}
