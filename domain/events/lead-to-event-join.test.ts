import { CLOSING_WINDOW_DAYS, messagesToJoin, type ClientStanding } from './lead-to-event-join';

const NOW = new Date('2026-06-15T10:00:00Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY);
const names = (standing: ClientStanding) => messagesToJoin(standing, NOW)?.map((m) => m.name) ?? null;

const signed = { id: 'k1', signed: true };
const event = (over: Partial<NonNullable<ClientStanding['event']>> = {}) => ({
  id: 'e1', startsAt: at(10), endsAt: at(10.5), supportContactId: null, closedAt: null, ...over,
});

describe('messagesToJoin: where a client joins lead-to-event', () => {
  it('starts a lead without a contract with no message (it waits at « Créer le contrat »)', () => {
    expect(messagesToJoin({ contract: null, event: null }, NOW)).toEqual([]);
  });

  it('tells an unsigned contract exists', () => {
    expect(messagesToJoin({ contract: { id: 'k1', signed: false }, event: null }, NOW)).toEqual([
      { name: 'events.contract-created', variables: { contractId: 'k1' } },
    ]);
  });

  it('tells a signed contract without event is created then signed', () => {
    expect(names({ contract: signed, event: null })).toEqual(['events.contract-created', 'events.contract-signed']);
  });

  it('tells an upcoming event without support, with its dates, and stops before the support', () => {
    const messages = messagesToJoin({ contract: signed, event: event() }, NOW)!;
    expect(messages.map((m) => m.name)).toEqual(['events.contract-created', 'events.contract-signed', 'events.event-created']);
    expect(messages[2]!.variables).toEqual({ contractId: 'k1', eventId: 'e1', eventStartsAt: at(10).toISOString(), eventEndsAt: at(10.5).toISOString() });
  });

  it('adds who supports an event that has a support contact', () => {
    const messages = messagesToJoin({ contract: signed, event: event({ supportContactId: 'u9' }) }, NOW)!;
    expect(messages.map((m) => m.name)).toEqual(['events.contract-created', 'events.contract-signed', 'events.event-created', 'events.support-assigned']);
    expect(messages[3]!.variables).toEqual({ supportContactId: 'u9' });
  });

  it('joins an event just over and not closed the same way (the process then waits for its closing)', () => {
    expect(names({ contract: signed, event: event({ startsAt: at(-2), endsAt: at(-1.8), supportContactId: 'u9' }) })).toHaveLength(4);
  });

  it('leaves a closed event\'s client records only', () => {
    expect(messagesToJoin({ contract: signed, event: event({ startsAt: at(-30), endsAt: at(-29.7), closedAt: at(-29) }) }, NOW)).toBeNull();
  });

  it('leaves an event over for longer than the closing window records only (history, not work)', () => {
    expect(messagesToJoin({ contract: signed, event: event({ startsAt: at(-CLOSING_WINDOW_DAYS - 2), endsAt: at(-CLOSING_WINDOW_DAYS - 1) }) }, NOW)).toBeNull();
    expect(messagesToJoin({ contract: signed, event: event({ startsAt: at(-CLOSING_WINDOW_DAYS), endsAt: at(-CLOSING_WINDOW_DAYS + 1) }) }, NOW)).not.toBeNull();
  });
});
