import { DEFAULT_DUNNING_DELAYS } from './dunning-start';
import { dunningSchedule } from './dunning';

describe('the dunning\'s days', () => {
  it('plans overdue the day after the due date, then D+7, D+21 and D+45 by default, each at 9 am in Paris across the change to summer time', () => {
    expect(dunningSchedule('2026-03-24', DEFAULT_DUNNING_DELAYS)).toEqual({
      overdueOn: '2026-03-25', overdueAt: '2026-03-25T08:00:00.000Z',
      courteousOn: '2026-03-31', courteousAt: '2026-03-31T07:00:00.000Z',
      firmOn: '2026-04-14', firmAt: '2026-04-14T07:00:00.000Z',
      formalNoticeOn: '2026-05-08', formalNoticeAt: '2026-05-08T07:00:00.000Z',
    });
  });

  it('follows the delays the process variables give, in days or weeks', () => {
    const plan = dunningSchedule('2026-10-31', { courteousReminderDelay: 'P10D', firmReminderDelay: 'P3W', formalNoticeDelay: 'P8W4D' });
    expect([plan.courteousOn, plan.firmOn, plan.formalNoticeOn]).toEqual(['2026-11-10', '2026-11-21', '2026-12-30']);
    expect(plan.courteousAt).toBe('2026-11-10T08:00:00.000Z');
  });
});
