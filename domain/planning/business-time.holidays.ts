import { DateTime } from 'luxon';
import type { BusinessCalendar } from './business-time';

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.utc(year, month, day).toISODate()!;
}

/** The eleven French public holidays (jours fériés, Code du travail L3133-1) of a year, in order, with their French names. */
export function frenchPublicHolidays(year: number): Array<{ day: string; label: string }> {
  const easter = DateTime.fromISO(easterSunday(year), { zone: 'utc' });
  const fixed = (month: number, day: number) => DateTime.utc(year, month, day).toISODate()!;
  const after = (days: number) => easter.plus({ days }).toISODate()!;
  return [
    { day: fixed(1, 1), label: "Jour de l'an" },
    { day: after(1), label: 'Lundi de Pâques' },
    { day: fixed(5, 1), label: 'Fête du Travail' },
    { day: fixed(5, 8), label: 'Victoire 1945' },
    { day: after(39), label: 'Ascension' },
    { day: after(50), label: 'Lundi de Pentecôte' },
    { day: fixed(7, 14), label: 'Fête nationale' },
    { day: fixed(8, 15), label: 'Assomption' },
    { day: fixed(11, 1), label: 'Toussaint' },
    { day: fixed(11, 11), label: 'Armistice 1918' },
    { day: fixed(12, 25), label: 'Noël' },
  ].sort((x, y) => x.day.localeCompare(y.day));
}

/** The MSP's default week: Monday to Friday, 8:30–12:30 and 13:30–18:00, Paris time. */
export const DEFAULT_WEEKLY_HOURS: BusinessCalendar['weeklyHours'] = Object.fromEntries(
  ['1', '2', '3', '4', '5'].map((d) => [d, [['08:30', '12:30'], ['13:30', '18:00']] as const]),
);

/** The default calendar of an organisation: that week, Paris time, the French public holidays of the given years. */
export function defaultFrenchCalendar(years: readonly number[]): BusinessCalendar {
  return {
    timeZone: 'Europe/Paris',
    weeklyHours: DEFAULT_WEEKLY_HOURS,
    holidays: years.flatMap((y) => frenchPublicHolidays(y).map((h) => h.day)),
  };
}
