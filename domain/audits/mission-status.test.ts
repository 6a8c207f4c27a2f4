import { MISSION_STATUSES, type MissionStatus } from './mission.schema';
import { auditorMayMove, datesOfMove, mayMove, MISSION_STATUS_LABELS, MISSION_TRANSITIONS } from './mission-status';

describe('audit mission statuses (spec 000, issue 16)', () => {
  it('follows Nouvelle → Planifiée → Sur site → Rédaction → Relecture → Livrée → Anonymisée', () => {
    for (let i = 0; i < MISSION_STATUSES.length - 1; i++) expect(mayMove(MISSION_STATUSES[i]!, MISSION_STATUSES[i + 1]!)).toBe(true);
  });

  it('lets the review send the report back to drafting, never skips a step, never leaves anonymised', () => {
    expect(mayMove('review', 'drafting')).toBe(true);
    expect(mayMove('new', 'delivered')).toBe(false);
    expect(mayMove('drafting', 'delivered')).toBe(false);
    expect(mayMove('delivered', 'review')).toBe(false);
    expect(MISSION_TRANSITIONS.anonymised).toEqual([]);
    for (const s of MISSION_STATUSES) expect(mayMove(s, s)).toBe(false);
  });

  it('every move leads to a known status and every status has French and English labels', () => {
    for (const [from, tos] of Object.entries(MISSION_TRANSITIONS)) {
      expect(MISSION_STATUSES).toContain(from);
      for (const to of tos) expect(MISSION_STATUSES).toContain(to);
    }
    expect(MISSION_STATUS_LABELS.on_site).toEqual({ fr: 'Sur site', en: 'On site' });
    for (const s of MISSION_STATUSES) expect(MISSION_STATUS_LABELS[s].fr).toBeTruthy();
  });

  it('an auditor on the mission makes the field moves only', () => {
    expect(auditorMayMove('planned', 'on_site')).toBe(true);
    expect(auditorMayMove('drafting', 'review')).toBe(true);
    expect(auditorMayMove('review', 'delivered')).toBe(false);
    expect(auditorMayMove('review', 'drafting')).toBe(false);
    const legal = (from: MissionStatus, to: MissionStatus) => !auditorMayMove(from, to) || mayMove(from, to);
    for (const from of MISSION_STATUSES) for (const to of MISSION_STATUSES) expect(legal(from, to)).toBe(true);
  });

  it('dates the first delivery only: a mission delivered before keeps its retention clock', () => {
    const now = new Date('2026-12-04T10:00:00Z');
    expect(datesOfMove('delivered', { deliveredAt: null, anonymisedAt: null }, now)).toEqual({ deliveredAt: now });
    expect(datesOfMove('delivered', { deliveredAt: '2026-11-01T00:00:00Z', anonymisedAt: null }, now)).toEqual({});
    expect(datesOfMove('anonymised', { deliveredAt: '2026-11-01T00:00:00Z', anonymisedAt: null }, now)).toEqual({ anonymisedAt: now });
    expect(datesOfMove('review', { deliveredAt: null, anonymisedAt: null }, now)).toEqual({});
  });
});
