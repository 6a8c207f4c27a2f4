import { defaultFrenchCalendar } from '../planning/business-time.holidays';
import { chooseSlaPolicy, DEFAULT_SLA_TARGETS, escalationPercentsSchema, pausedBusinessMinutes, slaStanding, slaTargetsSchema, ticketSlaPlan } from './sla';

const paris = defaultFrenchCalendar([2026]);
const iso = (d: Date) => d.toISOString();

describe('SLA of a ticket', () => {
  it('takes the ticket\'s policy, else its contract\'s, else one of its client\'s contracts, else the default', () => {
    expect(chooseSlaPolicy({ ticketPolicyId: 't', contractPolicyId: 'c', accountPolicyIds: ['a'], defaultPolicyId: 'd' })).toBe('t');
    expect(chooseSlaPolicy({ ticketPolicyId: null, contractPolicyId: 'c', accountPolicyIds: ['a'], defaultPolicyId: 'd' })).toBe('c');
    expect(chooseSlaPolicy({ contractPolicyId: null, accountPolicyIds: [null, 'a'], defaultPolicyId: 'd' })).toBe('a');
    expect(chooseSlaPolicy({ accountPolicyIds: [], defaultPolicyId: 'd' })).toBe('d');
    expect(chooseSlaPolicy({})).toBeNull();
  });

  it('places the 70, 90 and 100 % levels of a high ticket opened Friday 16:00 across the weekend and the spring clock change', () => {
    // High: response 60 min, resolution 510 min. Friday 27 March 2026, 16:00 CET.
    const plan = ticketSlaPlan(paris, { openedAt: new Date('2026-03-27T16:00:00+01:00'), priority: 'high', pausedMinutes: 0 }, DEFAULT_SLA_TARGETS, [70, 90, 100]);
    expect(plan.response.levels.map((l) => [l.percent, iso(l.at)])).toEqual([
      [70, iso(new Date('2026-03-27T16:42:00+01:00'))],
      [90, iso(new Date('2026-03-27T16:54:00+01:00'))],
      [100, iso(new Date('2026-03-27T17:00:00+01:00'))],
    ]);
    // 510 min: 120 on Friday, then Monday (CEST): 8:30–12:30 (240) and 13:30–16:00 (150) → 16:00 CEST.
    expect(iso(plan.resolution.dueAt)).toBe(iso(new Date('2026-03-30T16:00:00+02:00')));
    // 70 % = 357 min: 120 Friday + 237 Monday → 12:27 CEST.
    expect(iso(plan.resolution.levels[0]!.at)).toBe(iso(new Date('2026-03-30T12:27:00+02:00')));
  });

  it('pushes every deadline by the paused business time', () => {
    const openedAt = new Date('2026-03-10T09:00:00+01:00');
    const paused = pausedBusinessMinutes(paris, [{ from: new Date('2026-03-10T11:00:00+01:00'), to: new Date('2026-03-10T14:00:00+01:00') }]);
    expect(paused).toBe(120);
    const plan = ticketSlaPlan(paris, { openedAt, priority: 'normal', pausedMinutes: paused }, DEFAULT_SLA_TARGETS, [70, 90, 100]);
    // Normal: response 240 min → 09:00 + 360 business minutes → 16:00 the same day (lunch skipped).
    expect(iso(plan.response.dueAt)).toBe(iso(new Date('2026-03-10T16:00:00+01:00')));
  });

  it('tells the time left, stopped while waiting for the client, and the level reached', () => {
    const openedAt = new Date('2026-03-10T09:00:00+01:00');
    const clock = { openedAt, targetMinutes: 60, pausedMinutes: 0 };
    expect(slaStanding(paris, clock, new Date('2026-03-10T09:45:00+01:00'))).toMatchObject({ elapsedMinutes: 45, remainingMinutes: 15, level: 70, paused: false });
    expect(slaStanding(paris, { ...clock, pausedSince: new Date('2026-03-10T09:30:00+01:00') }, new Date('2026-03-12T09:00:00+01:00'))).toMatchObject({ elapsedMinutes: 30, level: null, paused: true });
    expect(slaStanding(paris, clock, new Date('2026-03-10T11:00:00+01:00'))).toMatchObject({ remainingMinutes: -60, level: 100 });
  });

  it('refuses targets and levels it cannot run: a resolution shorter than the response, levels not ascending or not ending at 100', () => {
    expect(slaTargetsSchema.safeParse(DEFAULT_SLA_TARGETS).success).toBe(true);
    expect(slaTargetsSchema.safeParse({ ...DEFAULT_SLA_TARGETS, low: { responseMinutes: 60, resolutionMinutes: 30 } }).success).toBe(false);
    expect(escalationPercentsSchema.safeParse([70, 90, 100]).success).toBe(true);
    expect(escalationPercentsSchema.safeParse([90, 70, 100]).success).toBe(false);
    expect(escalationPercentsSchema.safeParse([70, 90]).success).toBe(false);
  });
});
