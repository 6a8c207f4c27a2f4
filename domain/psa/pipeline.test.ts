import { DEFAULT_STAGES, enterStage, needsRenumbering, rankBetween, RANK_STEP, reminderDue, weightedAmount } from './pipeline';

describe('pipeline rules', () => {
  it('ships Lead → Qualifié → Proposition → Négociation → Gagné / Perdu with one won and one lost stage', () => {
    expect(DEFAULT_STAGES.map((s) => s.labelFr)).toEqual(['Lead', 'Qualifié', 'Proposition', 'Négociation', 'Gagné', 'Perdu']);
    expect(DEFAULT_STAGES.filter((s) => s.outcome === 'won').map((s) => s.key)).toEqual(['won']);
    expect(DEFAULT_STAGES.filter((s) => s.outcome === 'lost').map((s) => s.key)).toEqual(['lost']);
  });

  it('ranks a card dropped between two others in the middle, at the top below the first, at the bottom past the last', () => {
    expect(rankBetween(null, null)).toBe(RANK_STEP);
    expect(rankBetween(1024, 2048)).toBe(1536);
    expect(rankBetween(null, 1024)).toBe(0);
    expect(rankBetween(2048, null)).toBe(2048 + RANK_STEP);
  });

  it('asks for renumbering only when two neighbours leave no room between them', () => {
    expect(needsRenumbering(1, 2)).toBe(false);
    expect(needsRenumbering(1, 1)).toBe(true);
    expect(needsRenumbering(1, 1 + Number.EPSILON)).toBe(true);
    expect(needsRenumbering(null, 5)).toBe(false);
    // fifty halvings between two cards still leave room
    let low = 0;
    const high = RANK_STEP;
    for (let i = 0; i < 50; i++) low = rankBetween(low, high);
    expect(needsRenumbering(low, high)).toBe(false);
  });

  const open = { stageOutcome: 'open' as const, probability: 25, closedAt: null, lostReason: null };
  const won = { outcome: 'won' as const, defaultProbability: 100 };
  const lost = { outcome: 'lost' as const, defaultProbability: 0 };
  const proposal = { outcome: 'open' as const, defaultProbability: 50 };

  it('closes an opportunity entering a won stage at 100 %', () => {
    expect(enterStage(open, won, {})).toEqual({ ok: true, changes: { probability: 100, closedAt: 'now', lostReason: null } });
  });

  it('refuses a lost stage without a reason, closes it at 0 % with one', () => {
    expect(enterStage(open, lost, {})).toEqual({ ok: false, problem: 'lost-reason-required' });
    expect(enterStage(open, lost, { lostReason: '   ' })).toEqual({ ok: false, problem: 'lost-reason-required' });
    expect(enterStage(open, lost, { lostReason: 'Prix' })).toEqual({ ok: true, changes: { probability: 0, closedAt: 'now' } });
  });

  it('takes the open stage\'s default probability unless one is given, and reopens a closed opportunity', () => {
    expect(enterStage(open, proposal, {})).toEqual({ ok: true, changes: { probability: 50 } });
    expect(enterStage(open, proposal, { probability: 60 })).toEqual({ ok: true, changes: { probability: 60 } });
    const closedLost = { stageOutcome: 'lost' as const, probability: 0, closedAt: '2026-11-01T10:00:00Z', lostReason: 'Prix' };
    expect(enterStage(closedLost, proposal, {})).toEqual({ ok: true, changes: { probability: 50, closedAt: null, lostReason: null } });
  });

  it('keeps the closing date of an opportunity moved within the same outcome', () => {
    const closedWon = { stageOutcome: 'won' as const, probability: 100, closedAt: '2026-11-01T10:00:00Z', lostReason: null };
    expect(enterStage(closedWon, won, {})).toEqual({ ok: true, changes: { probability: 100, closedAt: undefined, lostReason: null } });
  });

  it('weights an amount by its probability, in whole cents', () => {
    expect(weightedAmount(680_000, 25)).toBe(170_000);
    expect(weightedAmount(333, 50)).toBe(167);
  });

  it('counts a reminder due from its time on until it is done', () => {
    const now = new Date('2026-12-03T10:00:00Z');
    expect(reminderDue({ remindAt: '2026-12-03T09:00:00Z', reminderDoneAt: null }, now)).toBe(true);
    expect(reminderDue({ remindAt: '2026-12-03T10:00:00Z', reminderDoneAt: null }, now)).toBe(true);
    expect(reminderDue({ remindAt: '2026-12-04T09:00:00Z', reminderDoneAt: null }, now)).toBe(false);
    expect(reminderDue({ remindAt: '2026-12-03T09:00:00Z', reminderDoneAt: '2026-12-03T09:30:00Z' }, now)).toBe(false);
    expect(reminderDue({ remindAt: null, reminderDoneAt: null }, now)).toBe(false);
  });
});
