import { formatMinutes, reachedThresholds, thresholdKey, thresholdMinutes } from './hour-bank-alerts';
import { split } from './hour-ledger';

const bank = { type: 'hour-bank', status: 'active' };

describe('hour ledger: what a contract covers and bills of approved time', () => {
  it('an hour bank covers included and billable time up to what it holds, the rest is billed outside the contract', () => {
    expect(split(bank, 'included', 90, 600)).toEqual({ coveredMinutes: 90, billedMinutes: 0 });
    expect(split(bank, 'billable', 90, 60)).toEqual({ coveredMinutes: 60, billedMinutes: 30 });
    expect(split(bank, 'billable', 90, 0)).toEqual({ coveredMinutes: 0, billedMinutes: 90 });
    expect(split(bank, 'included', 30, -15)).toEqual({ coveredMinutes: 0, billedMinutes: 30 });
  });

  it('non-billable time consumes and bills nothing; outside time is always billed', () => {
    expect(split(bank, 'non-billable', 45, 600)).toEqual({ coveredMinutes: 0, billedMinutes: 0 });
    expect(split(bank, 'outside', 45, 600)).toEqual({ coveredMinutes: 0, billedMinutes: 45 });
    expect(split(null, 'non-billable', 45, 0)).toEqual({ coveredMinutes: 0, billedMinutes: 0 });
  });

  it('time and material, no contract or an ended contract bill every billable minute; a subscription covers included time', () => {
    expect(split({ type: 'time-and-material', status: 'active' }, 'included', 60, 0)).toEqual({ coveredMinutes: 0, billedMinutes: 60 });
    expect(split(null, 'billable', 60, 0)).toEqual({ coveredMinutes: 0, billedMinutes: 60 });
    expect(split({ type: 'hour-bank', status: 'ended' }, 'included', 60, 600)).toEqual({ coveredMinutes: 0, billedMinutes: 60 });
    expect(split({ type: 'subscription', status: 'active' }, 'included', 60, 0)).toEqual({ coveredMinutes: 60, billedMinutes: 0 });
    expect(split({ type: 'subscription', status: 'active' }, 'billable', 60, 0)).toEqual({ coveredMinutes: 0, billedMinutes: 60 });
  });
});

describe('hour bank thresholds', () => {
  const thresholds = [{ percent: 20 }, { percent: 10 }, { minutes: 120 }];

  it('a percent is of the latest pack, minutes are minutes left; reached ones come lowest first', () => {
    expect(thresholdMinutes({ percent: 20 }, 600)).toBe(120);
    expect(thresholdMinutes({ minutes: 90 }, 600)).toBe(90);
    expect(reachedThresholds(thresholds, 1200, 300)).toEqual([]);
    expect(reachedThresholds(thresholds, 1200, 240).map(thresholdKey)).toEqual(['percent:20']);
    expect(reachedThresholds(thresholds, 1200, 100).map(thresholdKey)).toEqual(['percent:10', 'minutes:120', 'percent:20']);
  });

  it('minutes read as people say them', () => {
    expect(formatMinutes(90)).toBe('1 h 30');
    expect(formatMinutes(600)).toBe('10 h');
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(0)).toBe('0 h');
    expect(formatMinutes(-75)).toBe('−1 h 15');
  });
});
