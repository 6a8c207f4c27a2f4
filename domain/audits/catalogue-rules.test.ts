import { answered, checklistOpen, nextVersion, progress, selectionPlan, type CheckPointText } from './catalogue-rules';

const base: CheckPointText & { catalogueVersion: number } = {
  scope: 'servers', title: 'Systèmes non supportés', guidance: 'Relever les versions', references: ['ANSSI 34'],
  expectedEvidence: 'Inventaire', appliesTo: ['windows-server'], position: 10, catalogueVersion: 2,
};

describe('catalogue versioning', () => {
  it('makes no version when nothing audited changes', () => {
    expect(nextVersion(base, {}, 2)).toBeNull();
    expect(nextVersion(base, { title: 'Systèmes non supportés', references: ['ANSSI 34'] }, 2)).toBeNull();
  });

  it('moving a check point makes no new version', () => {
    expect(nextVersion(base, { position: 3 }, 2)).toBeNull();
  });

  it('a changed text makes the next version, after the latest of its code, with the rest kept', () => {
    const next = nextVersion(base, { guidance: 'Relever les versions et les dates de fin de support' }, 2)!;
    expect(next).toEqual({ ...base, guidance: 'Relever les versions et les dates de fin de support', catalogueVersion: 3 });
    expect(nextVersion(base, { references: ['ANSSI 34', 'ISO/IEC 27002:2022 8.8'] }, 5)!.catalogueVersion).toBe(6);
    expect(nextVersion(base, { appliesTo: [] }, 2)).not.toBeNull();
  });
});

describe('bulk selection', () => {
  const candidates = [
    { id: 'a', code: 'SRV-01', scope: 'servers' as const },
    { id: 'b', code: 'SRV-02', scope: 'servers' as const },
    { id: 'c', code: 'SRV-02', scope: 'servers' as const },
    { id: 'd', code: 'RES-01', scope: 'network' as const },
  ];

  it('adds each code once and skips those the mission has', () => {
    const plan = selectionPlan(candidates, new Set(['RES-01']));
    expect(plan.add.map((c) => c.id)).toEqual(['a', 'b']);
    expect(plan.skipped).toBe(2);
  });

  it('selecting again adds nothing', () => {
    const first = selectionPlan(candidates, new Set());
    const again = selectionPlan(candidates, new Set(first.add.map((c) => c.code)));
    expect(again.add).toEqual([]);
  });
});

describe('answering a check', () => {
  const now = new Date('2026-12-05T10:00:00Z');
  const blank = { answer: 'not_checked' as const, observation: null, answeredBy: null, answeredAt: null };

  it('records who answered and when', () => {
    expect(answered(blank, { answer: 'non_compliant', observation: ' SMBv1 actif ' }, 'u1', now))
      .toEqual({ answer: 'non_compliant', observation: 'SMBv1 actif', answeredBy: 'u1', answeredAt: now });
  });

  it('changes nothing when the same answer is given again', () => {
    const done = { answer: 'compliant' as const, observation: 'ok', answeredBy: 'u1', answeredAt: now };
    expect(answered(done, { answer: 'compliant' }, 'u2', now)).toBeNull();
  });

  it('going back to « non vérifié » without observation clears who answered', () => {
    const done = { answer: 'compliant' as const, observation: null, answeredBy: 'u1', answeredAt: now };
    expect(answered(done, { answer: 'not_checked' }, 'u1', now)).toEqual(blank);
  });

  it('an observation alone on an unchecked point is kept with its author', () => {
    expect(answered(blank, { observation: 'Salle serveur fermée' }, 'u1', now)).toMatchObject({ answer: 'not_checked', answeredBy: 'u1' });
  });

  it('counts progress and closes with delivery', () => {
    expect(progress(['compliant', 'not_checked', 'non_compliant'])).toMatchObject({ total: 3, done: 2, compliant: 1 });
    expect(checklistOpen('on_site')).toBe(true);
    expect(checklistOpen('delivered')).toBe(false);
  });
});
