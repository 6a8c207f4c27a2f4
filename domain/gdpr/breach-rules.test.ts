import { assessmentProblems, deadlineOf, msLeft, mustInformPeople, statusAfterAssessment, type Assessment } from './breach-rules';

const none: Assessment = { riskLevel: null, authorityDecision: null, authorityReason: null, peopleDecision: null, peopleReason: null };

describe('breach rules (GDPR art. 33 and 34)', () => {
  it('counts 72 hours from the discovery, negative once late, nothing once notified or documented', () => {
    const discovered = '2026-03-02T10:00:00.000Z';
    expect(deadlineOf(discovered).toISOString()).toBe('2026-03-05T10:00:00.000Z');
    expect(msLeft('declared', discovered, new Date('2026-03-05T09:00:00.000Z'))).toBe(3_600_000);
    expect(msLeft('assessed', discovered, new Date('2026-03-05T11:00:00.000Z'))).toBe(-3_600_000);
    expect(msLeft('notified', discovered, new Date('2026-03-09T00:00:00.000Z'))).toBeNull();
    expect(msLeft('documented', discovered, new Date('2026-03-09T00:00:00.000Z'))).toBeNull();
  });

  it('no notification only without risk and with its reason; high risk told to the people unless a reason says why not', () => {
    expect(assessmentProblems({ ...none, riskLevel: 'none', authorityDecision: 'not-required' }).map((p) => p.field)).toEqual(['authorityReason']);
    expect(assessmentProblems({ ...none, riskLevel: 'risk', authorityDecision: 'not-required', authorityReason: 'x' }).map((p) => p.field)).toEqual(['authorityDecision']);
    expect(assessmentProblems({ ...none, authorityDecision: 'notify' }).map((p) => p.field)).toEqual(['riskLevel']);
    expect(assessmentProblems({ ...none, riskLevel: 'high', authorityDecision: 'notify', peopleDecision: 'not-required' }).map((p) => p.field)).toEqual(['peopleReason']);
    expect(assessmentProblems({ ...none, riskLevel: 'high', authorityDecision: 'notify', peopleDecision: 'not-required', peopleReason: 'Données chiffrées' })).toEqual([]);
    expect(mustInformPeople({ riskLevel: 'high', peopleDecision: null })).toBe(true);
    expect(mustInformPeople({ riskLevel: 'high', peopleDecision: 'not-required' })).toBe(false);
    expect(mustInformPeople({ riskLevel: 'risk', peopleDecision: null })).toBe(false);
  });

  it('moves declared → assessed or documented by the decision, and keeps a later status', () => {
    expect(statusAfterAssessment('declared', { ...none, riskLevel: 'risk', authorityDecision: 'notify' })).toBe('assessed');
    expect(statusAfterAssessment('declared', { ...none, riskLevel: 'none', authorityDecision: 'not-required', authorityReason: 'x' })).toBe('documented');
    expect(statusAfterAssessment('documented', { ...none, riskLevel: 'risk', authorityDecision: 'notify' })).toBe('assessed');
    expect(statusAfterAssessment('notified', { ...none, riskLevel: 'high', authorityDecision: 'notify' })).toBe('notified');
    expect(statusAfterAssessment('declared', { ...none, riskLevel: 'risk' })).toBe('declared');
  });
});
