import { outcomeOf, supersedes } from './message-status';

describe('message status ordering', () => {
  it('moves forward only, whatever order callbacks arrive in', () => {
    expect(supersedes('sent', 'queued')).toBe(true);
    expect(supersedes('delivered', 'queued')).toBe(true);
    expect(supersedes('sent', 'delivered')).toBe(false);
    expect(supersedes('queued', 'sent')).toBe(false);
    expect(supersedes('undelivered', 'sent')).toBe(true);
    expect(supersedes('failed', 'delivered')).toBe(false);
    expect(supersedes('delivered', 'failed')).toBe(false);
    expect(supersedes('queued', 'refused')).toBe(false);
  });

  it('sums statuses up as campaign outcomes', () => {
    expect(['pending', 'queued', 'delivered', 'refused', 'undelivered'].map((s) => outcomeOf(s as never))).toEqual(['pending', 'sent', 'sent', 'refused', 'failed']);
  });
});
