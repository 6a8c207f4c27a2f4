import type { BusinessCalendar } from './business-time';
import { personWeeks, weeksOf } from './capacity';
import { DEFAULT_WEEK } from './working-hours';

const calendar: BusinessCalendar = { timeZone: 'Europe/Paris', weeklyHours: DEFAULT_WEEK, holidays: ['2026-12-25'] };
const at = (iso: string) => new Date(iso);

describe('planning capacity: available, planned and load per person and per week', () => {
  it('counts a default week as 45 working hours (Monday to Friday, 9 h to 18 h)', () => {
    const [week] = personWeeks(calendar, [], at('2026-12-07T00:00:00+01:00'), at('2026-12-14T00:00:00+01:00'));
    expect(week).toEqual({ week: '2026-12-07', availableHours: 45, plannedHours: 0, loadPercent: 0 });
  });

  it('takes holidays and absences off the available hours, and counts interventions as planned', () => {
    const weeks = personWeeks(calendar, [
      { kind: 'absence', startsAt: at('2026-12-21T00:00:00+01:00'), endsAt: at('2026-12-22T00:00:00+01:00') },
      { kind: 'intervention', startsAt: at('2026-12-22T14:00:00+01:00'), endsAt: at('2026-12-22T16:30:00+01:00') },
      { kind: 'appointment', startsAt: at('2026-12-23T09:00:00+01:00'), endsAt: at('2026-12-23T10:00:00+01:00') },
      { kind: 'intervention', startsAt: at('2026-12-29T09:00:00+01:00'), endsAt: at('2026-12-29T18:00:00+01:00') },
    ], at('2026-12-21T00:00:00+01:00'), at('2027-01-04T00:00:00+01:00'));
    // Christmas (holiday) and Monday's absence: 45 − 9 − 9 = 27 h; 3.5 h planned.
    expect(weeks).toEqual([
      { week: '2026-12-21', availableHours: 27, plannedHours: 3.5, loadPercent: 13 },
      { week: '2026-12-28', availableHours: 45, plannedHours: 9, loadPercent: 20 },
    ]);
  });

  it('clips weeks to the period asked and has no load for a week without working hours', () => {
    expect(weeksOf(at('2026-12-09T00:00:00+01:00'), at('2026-12-16T00:00:00+01:00'), 'Europe/Paris').map((w) => w.week)).toEqual(['2026-12-07', '2026-12-14']);
    const [partial] = personWeeks(calendar, [], at('2026-12-09T00:00:00+01:00'), at('2026-12-12T00:00:00+01:00'));
    expect(partial!.availableHours).toBe(27);
    const [none] = personWeeks({ ...calendar, weeklyHours: {} }, [], at('2026-12-07T00:00:00+01:00'), at('2026-12-14T00:00:00+01:00'));
    expect(none).toEqual({ week: '2026-12-07', availableHours: 0, plannedHours: 0, loadPercent: null });
  });
});
