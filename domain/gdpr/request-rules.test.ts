import { answerRefusal, dueDateOf, extendedDueDateOf, extensionRefusal, isOverdue, reminderDateOf, verificationRefusal } from './request-rules';

describe('rights requests: deadlines and status rules (GDPR art. 12.3)', () => {
  it('is due one calendar month after receipt in Paris, the end of a shorter month when the day is missing', () => {
    expect(dueDateOf(new Date('2026-03-10T09:30:00Z')).toISOString()).toBe('2026-04-10T08:30:00.000Z'); // summer time meanwhile: the same hour in Paris
    expect(dueDateOf(new Date('2027-01-31T10:00:00Z')).toISOString()).toBe('2027-02-28T10:00:00.000Z');
    expect(extendedDueDateOf(new Date('2026-12-04T10:00:00Z')).toISOString()).toBe('2027-03-04T10:00:00.000Z');
  });

  it('reminds seven days before the deadline, never before receipt', () => {
    const received = new Date('2026-12-04T10:00:00Z');
    expect(reminderDateOf(dueDateOf(received), received).toISOString()).toBe('2026-12-28T10:00:00.000Z');
    const late = new Date('2026-12-01T10:00:00Z');
    expect(reminderDateOf(new Date('2026-12-03T10:00:00Z'), late).toISOString()).toBe('2026-12-03T10:00:00.000Z');
  });

  it('extends once, verifies once, answers once, grants only a verified person', () => {
    expect(extensionRefusal('in-progress', null)).toBeNull();
    expect(extensionRefusal('in-progress', new Date())).toBe('already-extended');
    expect(extensionRefusal('answered', null)).toBe('closed');
    expect(verificationRefusal('verifying', null)).toBeNull();
    expect(verificationRefusal('in-progress', new Date())).toBe('verified-already');
    expect(answerRefusal('verifying', null, 'answered')).toBe('not-verified');
    expect(answerRefusal('verifying', null, 'refused')).toBeNull();
    expect(answerRefusal('refused', new Date(), 'answered')).toBe('closed');
    expect(isOverdue('in-progress', new Date('2026-01-01'), new Date('2026-02-01'))).toBe(true);
    expect(isOverdue('answered', new Date('2026-01-01'), new Date('2026-02-01'))).toBe(false);
  });
});
