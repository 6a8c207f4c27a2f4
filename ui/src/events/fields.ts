import type { EventsKind } from '@/events/events.api';
import type { FieldKind, RecordField } from '@/shared/record-fields';

export { parseInput, toInput } from '@/shared/record-fields';

/** The fields edited inline in the side panels (typed and parsed back by shared/record-fields.ts). */
export type EventsFieldKind = Exclude<FieldKind, 'percent'> | 'support';

export interface EventsField extends RecordField<EventsFieldKind> {
  /** Fields of one group (a date range) are edited together and saved in one request. */
  group?: 'dates';
}

export const EVENTS_FIELDS: Record<EventsKind, readonly EventsField[]> = {
  clients: [
    { key: 'fullName', kind: 'text', nullable: false, wide: true },
    { key: 'companyName', kind: 'text', nullable: true, wide: true },
    { key: 'email', kind: 'email', nullable: true },
    { key: 'phone', kind: 'tel', nullable: true },
    { key: 'firstContactOn', kind: 'date', nullable: false },
    { key: 'lastContactAt', kind: 'datetime', nullable: true },
    { key: 'notes', kind: 'textarea', nullable: true, wide: true },
  ],
  contracts: [
    { key: 'totalAmountCents', kind: 'money', nullable: false },
    { key: 'amountDueCents', kind: 'money', nullable: false },
    { key: 'notes', kind: 'textarea', nullable: true, wide: true },
  ],
  events: [
    { key: 'name', kind: 'text', nullable: false, wide: true },
    { key: 'startsAt', kind: 'datetime', nullable: false, group: 'dates' },
    { key: 'endsAt', kind: 'datetime', nullable: false, group: 'dates' },
    { key: 'location', kind: 'text', nullable: true, wide: true },
    { key: 'attendees', kind: 'integer', nullable: true },
    { key: 'supportContactId', kind: 'support', nullable: true },
    { key: 'notes', kind: 'textarea', nullable: true, wide: true },
  ],
};

export function fieldOf(kind: EventsKind, key: string): EventsField | undefined {
  return EVENTS_FIELDS[kind].find((f) => f.key === key);
}
