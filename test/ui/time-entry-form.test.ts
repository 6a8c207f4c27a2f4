import { minutesBetween, parseDuration, timeEntryBody, type TimeEntryFormValues } from '../../ui/src/psa/time/time-entry-form';

const form = (values: Partial<TimeEntryFormValues>): TimeEntryFormValues => ({ date: '2026-12-07', start: '', end: '', duration: '', kind: 'billable', description: '', ...values });

describe('« Saisir du temps »: what a technician types, as the time entry the API takes', () => {
  it('reads a duration as people write it', () => {
    expect(['90', '90 min', '1 h 30', '1h30', '1:30', '1,5 h'].map(parseDuration)).toEqual([90, 90, 90, 90, 90, 90]);
    expect(parseDuration('2 h')).toBe(120);
    expect(['', 'une heure', '1 h 75', '-5'].map(parseDuration)).toEqual([null, null, null, null]);
  });

  it('counts the minutes from a start to an end time', () => {
    expect(minutesBetween('09:00', '10:30')).toBe(90);
    expect(minutesBetween('9h', '10:30')).toBeNull();
  });

  it('dates the entry at its start time in the organisation\'s zone, the duration from the times when none is typed', () => {
    expect(timeEntryBody(form({ start: '14:00', end: '15:45', description: ' Mise à jour du pare-feu ' }), 'Europe/Paris')).toEqual({
      ok: true, body: { minutes: 105, kind: 'billable', startedAt: '2026-12-07T14:00:00+01:00', description: 'Mise à jour du pare-feu' },
    });
    expect(timeEntryBody(form({ duration: '45', kind: 'included' }), 'Europe/Paris')).toEqual({ ok: true, body: { minutes: 45, kind: 'included', startedAt: '2026-12-07T09:00:00+01:00' } });
  });

  it('names the field to correct: no duration nor times, an end before the start, more than a day, a bad date or time', () => {
    expect(timeEntryBody(form({}), 'Europe/Paris')).toEqual({ ok: false, field: 'duration', error: 'durationOrTimes' });
    expect(timeEntryBody(form({ start: '15:00', end: '14:00' }), 'Europe/Paris')).toEqual({ ok: false, field: 'end', error: 'endBeforeStart' });
    expect(timeEntryBody(form({ duration: '25 h' }), 'Europe/Paris')).toEqual({ ok: false, field: 'duration', error: 'tooLong' });
    expect(timeEntryBody(form({ duration: 'beaucoup' }), 'Europe/Paris')).toEqual({ ok: false, field: 'duration', error: 'duration' });
    expect(timeEntryBody(form({ date: '', duration: '30' }), 'Europe/Paris')).toEqual({ ok: false, field: 'date', error: 'date' });
    expect(timeEntryBody(form({ start: '25:00', duration: '30' }), 'Europe/Paris')).toEqual({ ok: false, field: 'start', error: 'time' });
  });
});
