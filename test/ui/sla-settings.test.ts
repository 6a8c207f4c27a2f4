import { checkHoliday, formatDayHours, formatMinutes, parseDayHours, parseMinutes, parseWeek } from '../../ui/src/psa/sla/sla-settings';

describe('« Paramètres SLA »: what people type', () => {
  it('reads a target as a whole number of minutes from 1 to a year, and says it as hours and minutes', () => {
    expect(parseMinutes(' 240 ')).toBe(240);
    expect(['0', '-5', '1,5', 'abc', '', '525601'].map(parseMinutes)).toEqual(Array(6).fill('minutes'));
    expect([30, 240, 510, 60].map(formatMinutes)).toEqual(['30 min', '4 h', '8 h 30', '1 h']);
  });

  it('reads a weekday\'s hours as ascending intervals, empty for a closed day, and refuses what it cannot read', () => {
    expect(parseDayHours('8:30-12:30, 13h30 - 18:00')).toEqual([['08:30', '12:30'], ['13:30', '18:00']]);
    expect(parseDayHours('  ')).toEqual([]);
    expect(parseDayHours('9h')).toBe('hours');
    expect(parseDayHours('12:00-09:00')).toBe('hoursOrder');
    expect(parseDayHours('08:00-12:00, 11:00-14:00')).toBe('hoursOrder');
    expect(formatDayHours([['08:30', '12:30'], ['13:30', '18:00']])).toBe('08:30-12:30, 13:30-18:00');
    const { week, errors } = parseWeek({ 1: '09:00-17:00', 2: '', 3: 'x', 4: '', 5: '', 6: '', 7: '' });
    expect(week).toEqual({ 1: [['09:00', '17:00']] });
    expect(errors).toEqual({ 3: 'hours' });
  });

  it('adds a holiday with a date not already off and a name', () => {
    const existing = [{ day: '2026-12-25', label: 'Noël' }];
    expect(checkHoliday({ day: '2026-12-24', label: 'Veille de Noël' }, existing)).toBeNull();
    expect(checkHoliday({ day: '2026-12-25', label: 'Encore' }, existing)).toEqual({ field: 'day', error: 'holidayTwice' });
    expect(checkHoliday({ day: '', label: 'Sans date' }, existing)).toEqual({ field: 'day', error: 'holidayDay' });
    expect(checkHoliday({ day: '2026-12-31', label: ' ' }, existing)).toEqual({ field: 'label', error: 'holidayLabel' });
  });
});
