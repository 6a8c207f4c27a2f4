import { deriveConsent, expiryOf, type LedgerEntry } from './consent-state';

let n = 0;
const at = (iso: string) => new Date(iso);
function entry(decision: LedgerEntry['decision'], occurred: string, extra: Partial<LedgerEntry> = {}): LedgerEntry {
  n += 1;
  return {
    id: String(n), purpose: 'comms.marketing', channel: 'mail', decision, source: 'form', sourceDetail: null, textId: null, textVersion: null,
    occurredAt: at(occurred), recordedAt: at(occurred), expiresAt: null, recordedBy: null, ...extra,
  };
}
const now = at('2026-12-04T12:00:00Z');

describe('consent state derived from the ledger', () => {
  it('is none without an entry, and ignores other purposes and channels', () => {
    const state = deriveConsent([entry('opt-in', '2026-01-01T00:00:00Z', { channel: 'sms' }), entry('opt-in', '2026-01-01T00:00:00Z', { purpose: 'school.newsletter' })], 'comms.marketing', 'mail', now);
    expect(state).toMatchObject({ status: 'none', allowed: false, since: null });
  });

  it('is granted by an opt-in, withdrawn by a later opt-out, granted again by a re-grant after it', () => {
    const ledger = [entry('opt-in', '2026-01-01T00:00:00Z'), entry('opt-out', '2026-03-01T00:00:00Z', { source: 'portal' })];
    expect(deriveConsent(ledger, 'comms.marketing', 'mail', now)).toMatchObject({ status: 'withdrawn', allowed: false, source: 'portal', since: at('2026-03-01T00:00:00Z') });
    ledger.push(entry('opt-in', '2026-05-01T00:00:00Z', { source: 'web' }));
    expect(deriveConsent(ledger, 'comms.marketing', 'mail', now)).toMatchObject({ status: 'granted', allowed: true, source: 'web' });
  });

  it('decides by when the person said it, not by the order of recording (a paper form entered late)', () => {
    const ledger = [
      entry('opt-out', '2026-06-01T00:00:00Z', { recordedAt: at('2026-06-01T00:00:00Z') }),
      entry('opt-in', '2026-05-01T00:00:00Z', { recordedAt: at('2026-07-01T00:00:00Z') }),
    ];
    expect(deriveConsent(ledger, 'comms.marketing', 'mail', now).status).toBe('withdrawn');
    // Said at the same moment: the one written down last wins.
    const same = [entry('opt-in', '2026-06-01T00:00:00Z', { recordedAt: at('2026-06-01T00:00:01Z') }), entry('opt-out', '2026-06-01T00:00:00Z', { recordedAt: at('2026-06-01T00:00:02Z') })];
    expect(deriveConsent(same, 'comms.marketing', 'mail', now).status).toBe('withdrawn');
  });

  it('expires at its expiry (the moment itself included), and a re-grant starts a new one', () => {
    const ledger = [entry('opt-in', '2023-12-04T12:00:00Z', { expiresAt: at('2026-12-04T12:00:00Z') })];
    expect(deriveConsent(ledger, 'comms.marketing', 'mail', at('2026-12-04T11:59:59Z'))).toMatchObject({ status: 'granted', allowed: true });
    expect(deriveConsent(ledger, 'comms.marketing', 'mail', now)).toMatchObject({ status: 'expired', allowed: false });
    ledger.push(entry('opt-in', '2026-12-04T12:00:00Z', { expiresAt: expiryOf(now, 'P3Y') }));
    expect(deriveConsent(ledger, 'comms.marketing', 'mail', now)).toMatchObject({ status: 'granted', expiresAt: at('2029-12-04T12:00:00Z') });
  });

  it('counts a soft opt-in only for a purpose that accepts one', () => {
    const ledger = [entry('soft-opt-in', '2026-01-01T00:00:00Z')];
    expect(deriveConsent(ledger, 'comms.marketing', 'mail', now, { softOptIn: true })).toMatchObject({ status: 'soft', allowed: true });
    expect(deriveConsent(ledger, 'comms.marketing', 'mail', now)).toMatchObject({ status: 'soft', allowed: false });
  });

  it('keeps the version of the text consented to and says when the purpose has a newer one', () => {
    const ledger = [entry('opt-in', '2026-01-01T00:00:00Z', { textId: 't1', textVersion: 1 })];
    expect(deriveConsent(ledger, 'comms.marketing', 'mail', now, { currentTextVersion: 1 })).toMatchObject({ textVersion: 1, textOutdated: false });
    // A new version does not end the consent given to the old one: it is still allowed, flagged to ask again.
    expect(deriveConsent(ledger, 'comms.marketing', 'mail', now, { currentTextVersion: 2 })).toMatchObject({ status: 'granted', allowed: true, textVersion: 1, textOutdated: true });
    expect(deriveConsent([entry('opt-in', '2026-01-01T00:00:00Z')], 'comms.marketing', 'mail', now, { currentTextVersion: 1 }).textOutdated).toBe(true);
    expect(deriveConsent([...ledger, entry('opt-out', '2026-02-01T00:00:00Z')], 'comms.marketing', 'mail', now, { currentTextVersion: 2 }).textOutdated).toBe(false);
  });

  it('computes an expiry from an ISO validity, none without one', () => {
    expect(expiryOf(at('2026-01-31T10:00:00Z'), 'P6M')).toEqual(at('2026-07-31T10:00:00Z'));
    expect(expiryOf(at('2026-01-01T00:00:00Z'), 'P30D')).toEqual(at('2026-01-31T00:00:00Z'));
    expect(expiryOf(now, undefined)).toBeNull();
    expect(() => expiryOf(now, 'three years')).toThrow();
  });
});
