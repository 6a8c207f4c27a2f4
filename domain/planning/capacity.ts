import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { businessMinutesBetween, weeklyBusinessMinutes, type BusinessCalendar } from './business-time';
import { calendarsOf } from './working-hours';

/** One entry as capacity counts it: absences take time off, interventions and appointments fill it. */
export interface CountedEntry {
  kind: 'intervention' | 'absence' | 'appointment';
  startsAt: Date;
  endsAt: Date;
}

export interface PersonWeek {
  /** Monday of the ISO week, local day (`2026-12-14`). */
  week: string;
  /** Working hours of the week (within the period asked), less absences. */
  availableHours: number;
  /** Hours of interventions and appointments planned in the week (within the period asked). */
  plannedHours: number;
  /** planned / available, in %, rounded; null when the person has no working hour that week. */
  loadPercent: number | null;
}

export interface PersonCapacity {
  userId: string;
  name: string;
  weeks: PersonWeek[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function overlapMs(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/** Business minutes of [from, to) in a calendar, 0 for a calendar that never works (business-time would search on). */
function workedMinutes(calendar: BusinessCalendar, from: number, to: number): number {
  if (to <= from || weeklyBusinessMinutes(calendar) === 0) return 0;
  return businessMinutesBetween(calendar, from, to);
}

/** The ISO weeks (their Mondays, local) that [from, to) touches, each with its bounds clipped to the period. */
export function weeksOf(from: Date, to: Date, zone: string): Array<{ week: string; start: number; end: number }> {
  const out: Array<{ week: string; start: number; end: number }> = [];
  let monday = DateTime.fromJSDate(from, { zone }).startOf('week');
  while (monday.toMillis() < to.getTime()) {
    const next = monday.plus({ weeks: 1 });
    out.push({ week: monday.toISODate()!, start: Math.max(monday.toMillis(), from.getTime()), end: Math.min(next.toMillis(), to.getTime()) });
    monday = next;
  }
  return out;
}

/**
 * One person's capacity per week (pure): available = their working time less their absences' working
 * time; planned = the time of their interventions and appointments (whole, even outside working hours:
 * an evening intervention is work); load = planned / available.
 */
export function personWeeks(calendar: BusinessCalendar, entries: readonly CountedEntry[], from: Date, to: Date): PersonWeek[] {
  return weeksOf(from, to, calendar.timeZone).map(({ week, start, end }) => {
    let available = workedMinutes(calendar, start, end);
    let planned = 0;
    for (const e of entries) {
      const s = Math.max(e.startsAt.getTime(), start);
      const f = Math.min(e.endsAt.getTime(), end);
      if (f <= s) continue;
      if (e.kind === 'absence') available -= workedMinutes(calendar, s, f);
      else planned += overlapMs(s, f, start, end) / 60_000;
    }
    available = Math.max(0, available);
    return {
      week,
      availableHours: round2(available / 60),
      plannedHours: round2(planned / 60),
      loadPercent: available > 0 ? Math.round((planned / available) * 100) : null,
    };
  });
}

/** The capacity forecast of a team's members over [from, to), per person and per week. */
export async function teamCapacity(trx: Knex.Transaction, teamId: string, from: Date, to: Date): Promise<{ people: PersonCapacity[]; totals: PersonWeek[] }> {
  const members = await trx('planningTeamMembers as m').join('users as u', 'u.id', 'm.userId').where('m.teamId', teamId)
    .orderBy('u.displayName').select('u.id', 'u.displayName');
  const ids = members.map((u) => u.id as string);
  const calendars = await calendarsOf(trx, ids);
  const entries = ids.length ? await trx('planningEntries').whereIn('userId', ids).whereNot('status', 'cancelled')
    .where('startsAt', '<', to).where('endsAt', '>', from).select('userId', 'kind', 'startsAt', 'endsAt') : [];
  const people = members.map((u) => ({
    userId: u.id as string,
    name: u.displayName as string,
    weeks: personWeeks(calendars.get(u.id)!, entries.filter((e) => e.userId === u.id), from, to),
  }));
  const totals = (people[0]?.weeks ?? []).map((w, i) => {
    const available = people.reduce((sum, p) => sum + p.weeks[i]!.availableHours, 0);
    const planned = people.reduce((sum, p) => sum + p.weeks[i]!.plannedHours, 0);
    return { week: w.week, availableHours: round2(available), plannedHours: round2(planned), loadPercent: available > 0 ? Math.round((planned / available) * 100) : null };
  });
  return { people, totals };
}
