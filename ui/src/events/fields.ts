import type { EventsKind } from '@/events/events.api';
import { centsToInput, parseEuros } from '@/shared/format';
import { fromLocalInput, toDay, toLocalInput } from '@/shared/time-zone';

/** The fields edited inline in the side panels, how they are typed and turned back into API values. */
export type EventsFieldKind = 'text' | 'textarea' | 'email' | 'tel' | 'date' | 'datetime' | 'integer' | 'money' | 'support';

export interface EventsField {
  key: string;
  kind: EventsFieldKind;
  /** Empty input is sent as null; otherwise empty is refused. */
  nullable: boolean;
  /** Takes the full width of the panel. */
  wide?: boolean;
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

/** The stored value as the text an input shows. */
export function toInput(field: EventsField, value: unknown, timeZone: string): string {
  if (value === null || value === undefined) return '';
  switch (field.kind) {
    case 'money': return centsToInput(value as number);
    case 'datetime': return toLocalInput(String(value), timeZone);
    case 'date': return toDay(String(value), timeZone);
    default: return String(value);
  }
}

export type ParseError = 'required' | 'number' | 'amount' | 'dateTime';
export type ParseResult = { ok: true; value: unknown } | { ok: false; error: ParseError };

/** Typed text back to the API's value, or the reason it cannot be sent. */
export function parseInput(field: EventsField, text: string, timeZone: string): ParseResult {
  const trimmed = text.trim();
  if (trimmed === '') return field.nullable ? { ok: true, value: null } : { ok: false, error: 'required' };
  switch (field.kind) {
    case 'integer':
      return /^\d+$/.test(trimmed) ? { ok: true, value: Number(trimmed) } : { ok: false, error: 'number' };
    case 'money': {
      const cents = parseEuros(trimmed);
      return cents === null ? { ok: false, error: 'amount' } : { ok: true, value: cents };
    }
    case 'datetime': {
      const iso = fromLocalInput(trimmed, timeZone);
      return iso ? { ok: true, value: iso } : { ok: false, error: 'dateTime' };
    }
    default:
      return { ok: true, value: trimmed };
  }
}
