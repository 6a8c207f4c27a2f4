import { anonymiseDay, anonymiseInstant, daysOnSite, monthOf, postponement, sectorOf } from './anonymisation-rules';

describe('audits: the anonymisation dates', () => {
  it('counts the retention from the delivery day in Paris, at 4 am Paris', () => {
    // Delivered at 3 pm on 4 December (Paris): 30 days later is 3 January.
    expect(anonymiseDay(new Date('2026-12-04T14:00:00Z'), 30)).toBe('2027-01-03');
    expect(anonymiseInstant('2027-01-03')).toBe('2027-01-03T03:00:00.000Z');
    // Delivered at 00:30 Paris on 5 December (23:30 UTC the 4th): its day is the 5th.
    expect(anonymiseDay(new Date('2026-12-04T23:30:00Z'), 1)).toBe('2026-12-06');
    // Summer time: 4 am Paris is 2 am UTC.
    expect(anonymiseInstant('2027-07-01')).toBe('2027-07-01T02:00:00.000Z');
    // A postponement replaces the day.
    expect(anonymiseDay(new Date('2026-12-04T14:00:00Z'), 30, '2027-02-01')).toBe('2027-02-01');
  });

  it('postpones once, to a later day, a delivered mission only', () => {
    const delivered = { status: 'delivered', plannedDay: '2027-01-03', postponedUntil: null };
    expect(postponement(delivered, { days: 15 })).toEqual({ until: '2027-01-18' });
    expect(postponement(delivered, { until: '2027-03-01' })).toEqual({ until: '2027-03-01' });
    expect(postponement(delivered, { until: '2027-01-03' })).toEqual({ reason: 'not-later', planned: '2027-01-03' });
    expect(postponement(delivered, { days: 400 })).toEqual({ reason: 'too-far', latest: '2028-01-03' });
    expect(postponement({ ...delivered, postponedUntil: '2027-01-18' }, { days: 5 })).toEqual({ reason: 'already-postponed', until: '2027-01-18' });
    expect(postponement({ ...delivered, status: 'review', plannedDay: null }, { days: 5 })).toEqual({ reason: 'not-delivered' });
    expect(postponement({ ...delivered, status: 'anonymised' }, { days: 5 })).toEqual({ reason: 'anonymised' });
  });

  it('keeps for statistics only coarse facts', () => {
    expect(daysOnSite([{ from: '2026-03-02', to: '2026-03-04' }, { from: '2026-03-04', to: '2026-03-05' }, { from: null, to: null }])).toBe(4);
    expect(daysOnSite([{ from: '2026-03-02', to: null }])).toBe(1);
    expect(sectorOf('86.10Z')).toBe('86');
    expect(sectorOf(null)).toBeNull();
    expect(monthOf('2026-03-17')).toBe('2026-03-01');
  });
});
